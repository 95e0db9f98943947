// Could an image come back with a pull once it is removed? The one rule, from
// what each store records about where an image came from. A repo digest is
// evidence of a registry on Docker's classic store only:
// - classic store (Docker 20.10, 26 classic): RepoDigests are written by a pull
//   or a push and by nothing else; built, loaded and committed images have none.
// - containerd image store (Docker 26+, Docker Desktop): every tagged image gets
//   `name@<image id>`, built, loaded or pulled alike; the blobs' distribution
//   source labels never reach the API. No evidence either way.
// - Podman (compat API): every named image lists a digest (c/image stores the
//   manifest whatever made it). What it built or loaded under a short name is
//   named localhost/… (never pullable); builds through the compat API are
//   qualified docker.io/…, like pulls. No field names a source registry.

import type { EngineInfo, ImageSummary, PullBack } from '../../src-shared/model';

/** What the rule needs to know about the engine: its dialect and its image store. */
export type PullBackEngine = Pick<EngineInfo, 'kind' | 'imageStore'>;

/** The registry part of a fully qualified Podman name: "localhost" for localhost/x:1. */
function domainOf(name: string): string {
  const slash = name.indexOf('/');
  return slash < 0 ? '' : name.slice(0, slash);
}

/**
 * Whether `image` could be pulled back, and the evidence. `engine` null (not
 * known when the list was read) answers unknown: when in doubt, warn.
 */
export function pullBackOf(image: Pick<ImageSummary, 'tags' | 'digests'>, engine: PullBackEngine | null): PullBack {
  if (!engine) return { state: 'unknown', evidence: 'engine-unknown' };
  if (engine.kind === 'podman') {
    // Tags and the repositories of its digests are every name Podman lists for it.
    const names = [...image.tags, ...image.digests.map((d) => d.split('@')[0] ?? '')].filter((n) => n !== '');
    if (names.length > 0 && names.every((n) => domainOf(n) === 'localhost')) {
      return { state: 'local', evidence: 'localhost-name' };
    }
    return { state: 'unknown', evidence: 'podman-no-source' };
  }
  if (engine.imageStore === 'containerd') return { state: 'unknown', evidence: 'containerd-store-no-source' };
  return image.digests.length > 0
    ? { state: 'registry', evidence: 'repo-digest' }
    : { state: 'local', evidence: 'no-repo-digest' };
}
