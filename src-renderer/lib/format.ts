// Sizes and times the way `docker images` shows them (decimal units), with
// the locale's number formatting. Byte counts live in src-shared: main's tray
// and notifications print them too.

export { formatBytes } from '../../src-shared/format';

// Intl formatters are costly to build, and a table formats hundreds of cells.
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  let f = relativeFormats.get(locale);
  if (!f) relativeFormats.set(locale, (f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  return f;
}

const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "2 weeks ago" from unix seconds. */
export function formatRelative(unixSeconds: number, nowMs: number = Date.now(), locale = 'en'): string {
  const diff = Math.round(unixSeconds - nowMs / 1000);
  const fmt = relativeFormat(locale);
  for (const [unit, seconds] of steps) {
    if (Math.abs(diff) >= seconds || unit === 'second') return fmt.format(Math.trunc(diff / seconds), unit);
  }
  return fmt.format(0, 'second');
}
