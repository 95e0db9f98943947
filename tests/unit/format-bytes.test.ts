// The one byte formatter (src-shared/format.ts) the app, the tray and the CLI
// print sizes with. The CLI's own copy said '?' for an unknown size and wrote
// 999,999 bytes as "1.00e+3 kB"; the app's said "1,000 kB" and had no PB.
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src-shared/format';

describe('formatBytes', () => {
  it('prints three significant figures in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1 kB');
    expect(formatBytes(1_500)).toBe('1.5 kB');
    expect(formatBytes(12_345_678)).toBe('12.3 MB');
    expect(formatBytes(123_456_789)).toBe('123 MB');
    expect(formatBytes(20_500_000_000)).toBe('20.5 GB');
  });

  it('moves up a unit where rounding would print 1,000 of one', () => {
    expect(formatBytes(999_499)).toBe('999 kB');
    expect(formatBytes(999_500)).toBe('1 MB');
    expect(formatBytes(999_999)).toBe('1 MB');
    expect(formatBytes(999_999_999_999)).toBe('1 TB');
  });

  it('goes up to PB', () => {
    expect(formatBytes(1.5e15)).toBe('1.5 PB');
    expect(formatBytes(2e18)).toBe('2,000 PB');
  });

  it('says "—" for what is not a size (the CLI said "?")', () => {
    for (const n of [-1, Number.NaN, Number.POSITIVE_INFINITY]) expect(formatBytes(n)).toBe('—');
  });

  it("uses the locale's digits", () => {
    expect(formatBytes(1_500, 'de')).toBe('1,5 kB');
  });
});

describe('formatBytes without Intl for English and Chinese', () => {
  /** What the code wrote before, and still writes for any other locale. */
  const byIntl = (bytes: number, locale: string): string => {
    let value = bytes;
    let unit = 0;
    while (value >= 999.5 && unit < 5) {
      value /= 1000;
      unit++;
    }
    const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
    const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
  };

  it('writes every figure as Intl.NumberFormat does, ties and carries included', () => {
    const ties = [1_005, 2_675, 12_250, 99_950, 9_995, 1_015_000, 4_445, 10_050, 99_995, 100_500, 999_499, 63_245];
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    const sizes = [...ties, ...Array.from({ length: 4_000 }, () => (random() * 10 ** (random() % 12)) / 2 ** 31)];
    for (const bytes of sizes.map(Math.round)) {
      for (const locale of ['en', 'zh', 'zh-CN'])
        expect(formatBytes(bytes, locale), `${bytes}`).toBe(byIntl(bytes, locale));
    }
  });

  it('leaves other locales to Intl', () => {
    expect(formatBytes(1_500, 'de')).toBe('1,5 kB');
  });
});
