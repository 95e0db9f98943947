// Human byte counts, shared by the renderer, main (tray labels, notifications)
// and the CLI's tables, so all say the same thing. Decimal units, as `docker
// images` shows them, three significant figures, with the locale's number
// formatting.

const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

export function formatBytes(bytes: number, locale = 'en'): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  // 999.5 and up would print as "1,000" of this unit at three figures: that is 1 of the next.
  while (value >= 999.5 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${formatFigure(value, digits, locale)} ${units[unit]}`;
}

/**
 * `value` with at most `digits` decimals, as Intl.NumberFormat writes it. English and
 * Chinese write a figure below 1,000 alike (ASCII digits, a point, no grouping), and
 * rounding the shortest decimal form half away from zero is what ICU does: so those
 * are written here, because the first Intl formatter of a process costs 7–17 ms (ICU
 * loads its data), a tenth of a whole `barnacle ls`. Anything else goes to Intl.
 */
function formatFigure(value: number, digits: number, locale: string): string {
  const plain = value >= 0 && value < 1000 && (locale === 'en' || locale.startsWith('zh'));
  const shortest = String(value);
  if (!plain || !/^\d+(\.\d+)?$/.test(shortest)) {
    return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  }
  const [whole = '0', fraction = ''] = shortest.split('.');
  let kept = BigInt(whole + fraction.slice(0, digits).padEnd(digits, '0'));
  if ((fraction[digits] ?? '0') >= '5') kept += 1n;
  const text = kept.toString().padStart(digits + 1, '0');
  const decimals = text.slice(text.length - digits).replace(/0+$/, '');
  const integer = text.slice(0, text.length - digits);
  return decimals ? `${integer}.${decimals}` : integer;
}
