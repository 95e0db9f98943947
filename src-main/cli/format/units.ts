// Sizes and ages as `docker images` prints them: decimal units (1 MB = 1000 kB),
// three significant digits, and "3 hours ago".

const sizeUnits = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < sizeUnits.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 ? String(value) : value.toPrecision(3).replace(/\.?0+$/, '');
  return `${digits} ${sizeUnits[unit]}`;
}

const ageSteps: [seconds: number, unit: string][] = [
  [365 * 24 * 3600, 'year'],
  [30 * 24 * 3600, 'month'],
  [7 * 24 * 3600, 'week'],
  [24 * 3600, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
];

/** `thenSeconds` and `nowMs` in their usual units: engines give seconds, clocks milliseconds. */
export function formatAge(thenSeconds: number, nowMs: number): string {
  const elapsed = Math.floor(nowMs / 1000 - thenSeconds);
  if (elapsed < 1) return 'just now';
  for (const [size, unit] of ageSteps) {
    if (elapsed >= size) {
      const n = Math.floor(elapsed / size);
      return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
    }
  }
  return 'just now';
}
