// Image references as people type them ("tiny", "tiny:v2", "sha256:…", short
// IDs) matched against what engines report (Podman says
// "docker.io/library/tiny:latest" or "localhost/tiny:latest").

import type { ImageSummary } from '../../src-shared/model';
import { familiarReference, hasTag, splitReference } from '../../src-shared/references';
import { matchesWildcard } from '../../src-shared/wildcard';
import { idMatches } from '../../src-shared/ids';

const HEXISH = /^(sha256:)?[0-9a-f]{12,64}$/;

/** The fully qualified form docker normalises to: domain/path:tag. */
export function normalizeReference(ref: string): string {
  const digestAt = ref.indexOf('@');
  const [path, tag] = splitReference(digestAt >= 0 ? ref.slice(0, digestAt) : ref);
  const first = path.split('/')[0] ?? '';
  const hasDomain = path.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const name = hasDomain ? path : path.includes('/') ? `docker.io/${path}` : `docker.io/library/${path}`;
  return `${name}:${tag}`;
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
  const tagged = hasTag(pattern);
  return spellings.some((s) => matchesWildcard(tagged ? s : splitReference(s)[0], pattern));
}
