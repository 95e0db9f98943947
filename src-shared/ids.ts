// Image and container IDs in every spelling engines use: Docker says
// "sha256:<hex>" for images, Podman sometimes bare hex; container IDs are bare
// hex. People see the 12-hex short form `docker images` prints. Main, the
// renderer and the CLI all shorten through here, so one ID reads the same on
// every screen, in every message and in every command we show.

const HEX64 = /^[0-9a-f]{64}$/;
// A full ID or a prefix of one at least as long as the short form. A name made
// only of hex is indistinguishable; engines themselves read such a word as a
// name first (see src-main/planning/commands.ts), and we only shorten IDs.
const LONG_HEX = /^[0-9a-f]{12,64}$/;

/** "sha256:<64 hex>" for any spelling of a full image ID; other strings lower-cased. */
export function normalizeImageId(id: string): string {
  const lower = id.toLowerCase();
  return HEX64.test(lower) ? `sha256:${lower}` : lower;
}

/**
 * The 12-hex short form people see in `docker images`, for a full or long hex
 * ID with or without "sha256:". Anything else (a name, a tag, a short word) is
 * returned unchanged: cutting a name to 12 characters would name something else.
 */
export function shortId(id: string): string {
  const bare = id.startsWith('sha256:') ? id.slice('sha256:'.length) : id;
  return LONG_HEX.test(bare) ? bare.slice(0, 12) : id;
}

/** True when `candidate` (short or full, with or without sha256:) names the ID `full`. */
export function idMatches(full: string, candidate: string): boolean {
  const f = full.replace(/^sha256:/, '').toLowerCase();
  const c = candidate.replace(/^sha256:/, '').toLowerCase();
  return c.length >= 12 && f.startsWith(c);
}
