// Engines disagree on ID spelling: Docker says "sha256:<hex>" for images, Podman
// sometimes bare hex; container IDs are bare hex; messages use 12-hex short IDs.

const HEX64 = /^[0-9a-f]{64}$/;

/** "sha256:<64 hex>" for any spelling of a full image ID; other strings unchanged. */
export function normalizeImageId(id: string): string {
  const lower = id.toLowerCase();
  return HEX64.test(lower) ? `sha256:${lower}` : lower;
}

/** The 12-hex short form people see in `docker images`. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** True when `candidate` (short or full, with or without sha256:) names the ID `full`. */
export function idMatches(full: string, candidate: string): boolean {
  const f = full.replace(/^sha256:/, '').toLowerCase();
  const c = candidate.replace(/^sha256:/, '').toLowerCase();
  return c.length >= 12 && f.startsWith(c);
}
