// Small formatting helpers the plan dialogs share: references the way docker
// prints them, shell quoting for the commands we show, localized sizes and lists.

import { formatBytes } from '../lib/format';
import { i18n } from '../i18n/i18n.svelte';

/** "docker.io/library/tiny:latest" → "tiny:latest", as docker prints it. */
export function familiar(ref: string): string {
  return ref.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, '').replace(/^localhost\//, '');
}

/** 12-hex short ID, like `docker images`. */
export function short(id: string): string {
  const bare = id.replace(/^sha256:/, '');
  return /^[0-9a-f]{12,64}$/.test(bare) ? bare.slice(0, 12) : bare;
}

/** Quotes a word for a POSIX shell only when it needs it (the commands are shown to be copied). */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

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
