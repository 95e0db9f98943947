// Small formatting helpers the plan dialogs share: localized sizes, lists and
// dates (references, IDs and shell quoting are src-shared's, free of i18n).

import { formatBytes } from '../lib/format';
import { i18n } from '../i18n/i18n.svelte';
import { durationInWords } from '../../src-shared/duration';

export function size(bytes: number): string {
  return formatBytes(bytes, i18n.intlLocale);
}

/** "a, b and c" / "a、b和c", by the locale's rules. */
export function list(items: string[]): string {
  return new Intl.ListFormat(i18n.intlLocale, { type: 'conjunction' }).format(items);
}

/** Quoted names for prose: “web”, “db”. */
export function quotedList(items: string[]): string {
  return list(items.map((s) => (i18n.locale === 'zh' ? `“${s}”` : `"${s}"`)));
}

export function dateTime(ms: number): string {
  return new Intl.DateTimeFormat(i18n.intlLocale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export function number(n: number): string {
  return new Intl.NumberFormat(i18n.intlLocale).format(n);
}

/** An `until` cut-off in words: "7 days", "30 minutes"; a timestamp or odd duration as given. */
export function untilWords(until: string): string {
  return durationInWords(until, i18n.intlLocale);
}
