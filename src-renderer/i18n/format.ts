// Locale-aware formatting for templates: reads the current locale (and the
// shared clock for relative times), so text updates when either changes.

import { formatBytes, formatRelative } from '../lib/format';
import { clock } from '../lib/clock.svelte';
import { i18n } from './i18n.svelte';

// formatBytes builds an Intl.NumberFormat per call; a scrolling table asks for the same few values again and again.
const byteTexts = new Map<string, string>();

export function bytes(n: number | null | undefined): string {
  if (n == null) return '—';
  const key = `${i18n.intlLocale}|${n}`;
  let text = byteTexts.get(key);
  if (text === undefined) {
    if (byteTexts.size > 50_000) byteTexts.clear();
    byteTexts.set(key, (text = formatBytes(n, i18n.intlLocale)));
  }
  return text;
}

/** Unix seconds → "3 days ago". */
export const ago = (unixSeconds: number): string => formatRelative(unixSeconds, clock.now, i18n.intlLocale);

/** Milliseconds since epoch → "2 minutes ago". */
export const agoMs = (ms: number): string => formatRelative(ms / 1000, clock.now, i18n.intlLocale);

export function num(n: number): string {
  const locale = i18n.intlLocale;
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale)));
  return f.format(n);
}

// Building an Intl formatter costs far more than using one; rows format dates as they scroll in.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** Full local date and time, for tooltips. */
export function dateTime(unixSeconds: number): string {
  const locale = i18n.intlLocale;
  let f = dateFormats.get(locale);
  if (!f) dateFormats.set(locale, (f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })));
  return f.format(unixSeconds * 1000);
}

const shortDates = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds since epoch → "2 Dec 2026", for "since" in sentences. */
export function shortDate(ms: number): string {
  const locale = i18n.intlLocale;
  let f = shortDates.get(locale);
  if (!f) shortDates.set(locale, (f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })));
  return f.format(ms);
}
