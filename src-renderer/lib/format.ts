// Sizes and times the way `docker images` shows them (decimal units), with
// the locale's number formatting.

const units = ['B', 'kB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number, locale = 'en'): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
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
  const fmt = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, seconds] of steps) {
    if (Math.abs(diff) >= seconds || unit === 'second') return fmt.format(Math.trunc(diff / seconds), unit);
  }
  return fmt.format(0, 'second');
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** "repo:tag" → ["repo", "tag"]; the registry port colon is not a tag separator. */
export function splitReference(ref: string): [string, string] {
  const at = ref.lastIndexOf(':');
  if (at <= ref.lastIndexOf('/')) return [ref, 'latest'];
  return [ref.slice(0, at), ref.slice(at + 1)];
}
