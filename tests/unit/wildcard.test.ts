// The one wildcard matcher (src-shared/wildcard.ts) behind keep patterns: the
// same answers as the RegExp glob it replaces, in time bounded by text length
// times pattern length whatever the pattern (issue 13).
import { describe, expect, it } from 'vitest';
import { matchesWildcard } from '../../src-shared/wildcard';

/** The glob as a backtracking RegExp, as matchesPattern built it before issue 13. */
function regexGlob(text: string, pattern: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(text);
}

/** mulberry32: the same table on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomString(random: () => number, alphabet: string, maxLength: number): string {
  const length = Math.floor(random() * (maxLength + 1));
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

describe('matchesWildcard', () => {
  it.each<[string, string, boolean]>([
    ['', '', true],
    ['', '*', true],
    ['', '?', false],
    ['a', '', false],
    ['postgres:15', 'postgres:*', true],
    ['postgres:15', 'postgres:1?', true],
    ['postgres:15', 'postgres:?', false],
    ['postgres:15', '*', true],
    ['postgres:15', '*:*', true],
    ['postgres:15', 'p*s*s:15', true],
    ['postgres:15', 'p*x*', false],
    ['a.b', 'a.b', true],
    ['axb', 'a.b', false], // "." is a character, not "any"
    ['a+b', 'a+b', true],
    ['aab', 'a+b', false],
    ['a(b)|[c]{1}$^\\', 'a(b)|[c]{1}$^\\', true],
    ['abc', 'ab', false], // anchored at both ends
    ['abc', 'bc', false],
    ['line\nbreak', 'line*', false], // like RegExp ".", wildcards stop at line terminators
    ['line\nbreak', 'line\nbreak', true],
    ['line\nbreak', 'line?break', false],
  ])('%j against %j: %s', (text, pattern, expected) => {
    expect(matchesWildcard(text, pattern)).toBe(expected);
    expect(regexGlob(text, pattern)).toBe(expected);
  });

  it('answers as the RegExp glob on a seeded table of random patterns and texts', () => {
    const random = prng(13);
    const differ: string[] = [];
    let matched = 0;
    for (let i = 0; i < 20_000; i++) {
      const pattern = randomString(random, 'ab***??.:/', 8);
      const text = randomString(random, 'aab.:/\n', 8);
      const expected = regexGlob(text, pattern);
      if (expected) matched++;
      if (matchesWildcard(text, pattern) !== expected)
        differ.push(`${JSON.stringify(pattern)} on ${JSON.stringify(text)}`);
    }
    expect(differ.slice(0, 20)).toEqual([]);
    expect(matched).toBeGreaterThan(1000); // both answers, not just "no"
  });

  it('never takes more than text × pattern steps, whatever the pattern', () => {
    const cases: [string, string][] = [
      ['a'.repeat(10_000), '*a*a*a*a*a*a*a*a*:x'],
      [`${'a'.repeat(10_000)}:x`, '*a*a*a*a*a*a*a*a*:x'],
      ['ab'.repeat(5_000), '*a?b*a?b*a?b*c'],
      ['a'.repeat(10_000), `${'*a'.repeat(128)}*b`],
    ];
    for (const [text, pattern] of cases) {
      const meter = { steps: 0 };
      matchesWildcard(text, pattern, meter);
      expect(meter.steps).toBeLessThanOrEqual((text.length + 1) * (pattern.length + 1));
    }
  });

  it('issue 13’s pattern against a 10 000-character tag answers well under a second', () => {
    const pattern = '*a*a*a*a*a*a*a*a*:x';
    const started = performance.now();
    expect(matchesWildcard('a'.repeat(10_000), pattern)).toBe(false);
    expect(matchesWildcard(`${'a'.repeat(10_000)}:y`, pattern)).toBe(false);
    expect(matchesWildcard(`${'a'.repeat(10_000)}:x`, pattern)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
