// The CLI's units and tables, as `docker images` prints them.

import { describe, expect, it } from 'vitest';
import { table } from '../../src-main/cli/format/table';
import { formatAge, formatBytes } from '../../src-main/cli/format/units';

describe('formatBytes', () => {
  it('uses decimal units and three significant digits', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1 kB');
    expect(formatBytes(1_234_567)).toBe('1.23 MB');
    expect(formatBytes(20_500_000_000)).toBe('20.5 GB');
    expect(formatBytes(-1)).toBe('?');
  });
});

describe('formatAge', () => {
  const now = 1_700_000_000_000;
  it('counts whole units back from now', () => {
    expect(formatAge(now / 1000, now)).toBe('just now');
    expect(formatAge(now / 1000 - 1, now)).toBe('1 second ago');
    expect(formatAge(now / 1000 - 150, now)).toBe('2 minutes ago');
    expect(formatAge(now / 1000 - 3 * 86400, now)).toBe('3 days ago');
    expect(formatAge(now / 1000 - 400 * 86400, now)).toBe('1 year ago');
  });
});

describe('table', () => {
  it('aligns columns two spaces apart without trailing blanks', () => {
    expect(
      table(
        ['A', 'LONGER'],
        [
          ['xyz', '1'],
          ['q', ''],
        ],
      ),
    ).toBe('A    LONGER\nxyz  1\nq\n');
  });
});
