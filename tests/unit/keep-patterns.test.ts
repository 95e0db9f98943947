// Keep patterns (prune --keep, the prune dialog's "Keep names"): matchesPattern
// answers as the RegExp it used to build did for every ordinary pattern, and a
// pattern made to backtrack (issue 13: "*a*a*a*a*a*a*a*a*:x" took ~25 s per tag
// in main) costs no more than any other.
import { describe, expect, it } from 'vitest';
import { matchesPattern, normalizeReference } from '../../src-main/planning/references';
import { familiarReference } from '../../src-shared/references';

/** matchesPattern as it was before issue 13 (a backtracking RegExp): the reference for ordinary patterns. */
function regexMatchesPattern(tag: string, pattern: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  const spellings = [tag, familiarReference(tag), normalizeReference(tag)];
  const hasTag = pattern.lastIndexOf(':') > pattern.lastIndexOf('/');
  const withoutTag = (ref: string) => {
    const colon = ref.lastIndexOf(':');
    return colon > ref.lastIndexOf('/') ? ref.slice(0, colon) : ref;
  };
  return spellings.some((s) => regex.test(hasTag ? s : withoutTag(s)));
}

const tags = [
  'postgres:15',
  'postgres:15.4-alpine',
  'postgresql:16',
  'docker.io/library/postgres:15',
  'docker.io/myorg/app:1.0',
  'myorg/app:1.0',
  'myorg/tools/lint:latest',
  'localhost/tiny:latest',
  'localhost/team/tiny:v2',
  'ghcr.io/org/app:v1.2.3',
  'registry.example.com:5000/team/app:dev',
  'redis:7.2',
  'redis:7',
  'redisx:7',
  'nginx',
  'a.b:c',
  'axb:c',
  'busybox:latest',
];

const patterns = [
  'postgres',
  'postgres:*',
  'postgres:15',
  'postgres:1?',
  'postgres*',
  'postgres:15*',
  'docker.io/library/postgres:15',
  'docker.io/library/*',
  'docker.io/*',
  'myorg/*',
  'myorg/*:1.0',
  '*/app',
  '*/app:*',
  '*/*',
  'localhost/*',
  'localhost/tiny',
  'tiny',
  'tiny:latest',
  'ghcr.io/org/*',
  'ghcr.io/org/app:v?.*',
  'registry.example.com:5000/*',
  'registry.example.com:5000/team/app:dev',
  'redis:7.?',
  'redis:7?',
  'redis?',
  'redis:?',
  'red*s',
  '*',
  '*:*',
  '*:latest',
  '?',
  '??????',
  'a.b:c',
  'a.b',
  'nginx',
  'nginx:latest',
  'busybox@sha256:*',
  '**',
  '*?*',
];

describe('keep patterns', () => {
  it('match every ordinary pattern as the RegExp did', () => {
    const differ: string[] = [];
    let matched = 0;
    for (const tag of tags) {
      for (const pattern of patterns) {
        const before = regexMatchesPattern(tag, pattern);
        const now = matchesPattern(tag, pattern);
        if (now) matched++;
        if (now !== before) differ.push(`${pattern} on ${tag}: was ${before}, now ${now}`);
      }
    }
    expect(differ).toEqual([]);
    // The table exercises both answers, not just one.
    expect(matched).toBeGreaterThan(50);
    expect(matched).toBeLessThan(tags.length * patterns.length - 50);
  });

  it.each<[string, string, boolean]>([
    ['postgres:15', 'postgres', true],
    ['docker.io/library/postgres:15', 'postgres:*', true],
    ['postgres:15', 'docker.io/library/postgres:15', true],
    ['localhost/tiny:latest', 'tiny', true],
    ['postgresql:16', 'postgres', false],
    ['axb:c', 'a.b:c', false], // "." is literal
    ['myorg/tools/lint:latest', 'myorg/*', true],
    ['redis:7.2', 'redis:7?', false], // "?" is one character
  ])('%s against %s: %s', (tag, pattern, expected) => {
    expect(matchesPattern(tag, pattern)).toBe(expected);
  });

  it('a pattern made to backtrack costs no more than any other (issue 13)', () => {
    const pathological = '*a*a*a*a*a*a*a*a*:x';
    const tag = `${'a'.repeat(40)}:latest`;
    const started = performance.now();
    expect(matchesPattern(tag, pathological)).toBe(false);
    expect(matchesPattern(`${'a'.repeat(40)}:x`, pathological)).toBe(true);
    // The backtracking RegExp took tens of seconds here, and grows as length^8.
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
