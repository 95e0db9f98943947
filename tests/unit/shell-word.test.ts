// The one shell quoting (src-shared/shell-word.ts) for the commands main, the
// CLI and the fix flows show. Main's copy quoted '%' and ',' that sh leaves
// alone; the renderer's took any word \w matched. Each word must come back
// from a real POSIX shell exactly as it went in.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shellWord } from '../../src-shared/shell-word';

/** What /bin/sh makes of the quoted words: each printed back NUL-terminated. */
function throughSh(words: string[]): string[] {
  const script = `printf '%s\\0' ${words.map(shellWord).join(' ')}`;
  const out = execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8', env: { HOME: '/home-of-test' } });
  return out.split('\0').slice(0, -1);
}

describe('shellWord', () => {
  it('leaves a word of safe characters bare, "%" and "," included (main quoted them)', () => {
    for (const word of ['web', 'my_app-1', 'user@host', 'a%b', 'x,y', 'key=value', 'repo/app:1.2', '-f', '=x', '+1']) {
      expect(shellWord(word), word).toBe(word);
    }
  });

  it('single-quotes a word sh would read otherwise', () => {
    expect(shellWord('a b')).toBe("'a b'");
    expect(shellWord('x$y')).toBe("'x$y'");
    expect(shellWord('~root')).toBe("'~root'");
    expect(shellWord('#not-a-comment')).toBe("'#not-a-comment'");
    expect(shellWord('')).toBe("''");
    expect(shellWord('café')).toBe("'café'");
  });

  it("writes a single quote as '\\''", () => {
    expect(shellWord("it's")).toBe("'it'\\''s'");
    expect(shellWord("'")).toBe("''\\'''");
  });

  // Windows has no /bin/sh; the quoting is for POSIX shells only.
  it.skipIf(!existsSync('/bin/sh'))('every word comes back from /bin/sh as it went in', () => {
    const words = [
      'plain',
      "it's",
      'a b',
      "'",
      '',
      'x$y',
      '$(touch /tmp/nope)',
      '`id`',
      'semi;colon',
      'back\\slash',
      'glob*?[a]',
      '~',
      '~root/x',
      '#hash',
      'a#b',
      'tab\there',
      'new\nline',
      'a%b,c',
      '-f',
      '=x',
      'user@host',
      'repo/app:1.2',
      '{a,b}',
      '!bang',
      '"dq"',
      'pipe|&<>()',
      'émoji 🐳',
    ];
    expect(throughSh(words)).toEqual(words);
  });
});
