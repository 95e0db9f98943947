// Human byte counts, shared by the renderer and main (tray labels,
// notifications) so both say the same thing. Decimal units, as `docker images`
// shows them, with the locale's number formatting.

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
