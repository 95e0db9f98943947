// Image references as people type them ("tiny", "tiny:v2", "sha256:…", short
// IDs) matched against what engines report (Podman says
// "docker.io/library/tiny:latest" or "localhost/tiny:latest").

import type { ImageSummary } from '../../src-shared/model';
import { matchesWildcard } from '../../src-shared/wildcard';
import { idMatches } from '../inventory/ids';

const HEXISH = /^(sha256:)?[0-9a-f]{12,64}$/;

/** The fully qualified form docker normalises to: domain/path:tag. */
export function normalizeReference(ref: string): string {
  let name = ref;
  let tag = 'latest';
  const digestAt = name.indexOf('@');
  if (digestAt >= 0) name = name.slice(0, digestAt);
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  const first = name.split('/')[0] ?? '';
  const hasDomain = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasDomain) name = name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
  return `${name}:${tag}`;
}

/** Short form for people: drops docker.io/library/ and localhost/ like docker does. */
export function familiarReference(ref: string): string {
  return ref
    .replace(/^docker\.io\/library\//, '')
    .replace(/^docker\.io\//, '')
    .replace(/^localhost\//, '');
}

/** Which of the image's tags the typed reference names (Podman's localhost/ counts as a match). */
export function matchingTag(image: ImageSummary, ref: string): string | null {
  const wanted = normalizeReference(ref);
  const wantedLocal = wanted.replace(/^docker\.io\/(library\/)?/, 'localhost/');
  for (const tag of image.tags) {
    const have = normalizeReference(tag);
    if (have === wanted || have === wantedLocal) return tag;
  }
  return null;
}

export type ResolvedRef =
  | { kind: 'image'; image: ImageSummary }
  | { kind: 'tag'; image: ImageSummary; tag: string }
  | { kind: 'missing'; ref: string }
  | { kind: 'ambiguous'; ref: string; candidates: string[] };

/** Tags of every image by normalised reference, built once per plan: selections can be thousands long. */
export class ReferenceIndex {
  private readonly byReference = new Map<string, { image: ImageSummary; tag: string }>();

  constructor(private readonly images: ImageSummary[]) {
    for (const image of images) {
      for (const tag of image.tags) this.byReference.set(normalizeReference(tag), { image, tag });
    }
  }

  resolve(ref: string): ResolvedRef {
    if (HEXISH.test(ref)) {
      const matches = this.images.filter((i) => idMatches(i.id, ref));
      if (matches.length === 1 && matches[0]) return { kind: 'image', image: matches[0] };
      if (matches.length > 1) return { kind: 'ambiguous', ref, candidates: matches.map((m) => m.id) };
    }
    const wanted = normalizeReference(ref);
    // Podman files short names under localhost/ when they were built, not pulled.
    const hit =
      this.byReference.get(wanted) ?? this.byReference.get(wanted.replace(/^docker\.io\/(library\/)?/, 'localhost/'));
    return hit ? { kind: 'tag', image: hit.image, tag: hit.tag } : { kind: 'missing', ref };
  }
}

export function resolveReference(images: ImageSummary[], ref: string): ResolvedRef {
  return new ReferenceIndex(images).resolve(ref);
}

/**
 * Glob match for keep patterns: "*" any run of characters, "?" one. A tag
 * matches in any of its spellings (as listed, familiar "postgres:15", or fully
 * qualified "docker.io/library/postgres:15"); a pattern without a tag
 * ("postgres", "myorg/*") matches the repository whatever the tag. The glob
 * itself is src-shared/wildcard.ts: no backtracking, whatever the pattern.
 */
export function matchesPattern(tag: string, pattern: string): boolean {
  const spellings = [tag, familiarReference(tag), normalizeReference(tag)];
  const hasTag = pattern.lastIndexOf(':') > pattern.lastIndexOf('/');
  const withoutTag = (ref: string) => {
    const colon = ref.lastIndexOf(':');
    return colon > ref.lastIndexOf('/') ? ref.slice(0, colon) : ref;
  };
  return spellings.some((s) => matchesWildcard(hasTag ? s : withoutTag(s), pattern));
}
