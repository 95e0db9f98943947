// Ages as `docker images` prints them: "3 hours ago"; in Chinese, the locale's
// own relative time ("3天前"). (Sizes are src-shared/format.ts's formatBytes,
// the same the app shows.)

import type { Locale } from '../../../src-shared/messages/translate';

const ageSteps: [seconds: number, unit: Intl.RelativeTimeFormatUnit][] = [
  [365 * 24 * 3600, 'year'],
  [30 * 24 * 3600, 'month'],
  [7 * 24 * 3600, 'week'],
  [24 * 3600, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
];

/** `thenSeconds` and `nowMs` in their usual units: engines give seconds, clocks milliseconds. */
export function formatAge(thenSeconds: number, nowMs: number, locale: Locale = 'en'): string {
  const elapsed = Math.floor(nowMs / 1000 - thenSeconds);
  const step = ageSteps.find(([size]) => elapsed >= size);
  if (!step) return locale === 'zh' ? '刚刚' : 'just now';
  const [size, unit] = step;
  const n = Math.floor(elapsed / size);
  if (locale === 'zh') return new Intl.RelativeTimeFormat('zh-CN').format(-n, unit);
  return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
}
