// Locale-aware formatting for templates: reads the current locale (and the
// shared clock for relative times), so text updates when either changes.

import { formatBytes, formatRelative } from '../lib/format';
import { clock } from '../stores/clock.svelte';
import { i18n } from './i18n.svelte';

export const bytes = (n: number | null | undefined): string => (n == null ? '—' : formatBytes(n, i18n.intlLocale));

/** Unix seconds → "3 days ago". */
export const ago = (unixSeconds: number): string => formatRelative(unixSeconds, clock.now, i18n.intlLocale);

/** Milliseconds since epoch → "2 minutes ago". */
export const agoMs = (ms: number): string => formatRelative(ms / 1000, clock.now, i18n.intlLocale);

export const num = (n: number): string => new Intl.NumberFormat(i18n.intlLocale).format(n);

/** Full local date and time, for tooltips. */
export const dateTime = (unixSeconds: number): string =>
  new Intl.DateTimeFormat(i18n.intlLocale, { dateStyle: 'medium', timeStyle: 'short' }).format(unixSeconds * 1000);
