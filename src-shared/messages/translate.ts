// The one lookup for every word Barnacle shows: the renderer's Svelte `t` wraps
// it with the current locale, the CLI and the tray call it with theirs. Plain
// TS so main and the renderer share it.

import { messages } from './index';
import type { Phrase, PhraseParam, PhraseParams } from '../phrase';

export type Locale = 'en' | 'zh';
export const locales: Locale[] = ['en', 'zh'];

export type MessageParams = PhraseParams;

/** BCP 47 tag for Intl formatters. */
export const intlLocaleOf = (locale: Locale): string => (locale === 'zh' ? 'zh-CN' : 'en');

/** A language tag or POSIX locale ("zh_CN.UTF-8", "zh-TW") → the catalogue's locale. */
export const localeFromTag = (tag: string | undefined | null): Locale =>
  (tag ?? '').trim().toLowerCase().startsWith('zh') ? 'zh' : 'en';

// A cache of formatters, built once per locale.
const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * Looks up `key` and fills `{name}` placeholders. A message may be an object of
 * plural forms ({ one, other }) chosen by the `count` parameter. A key missing
 * in `locale` falls back to English; a key missing everywhere is returned as is.
 */
export function translate(locale: Locale, key: string, params: MessageParams = {}): string {
  let message = messages[locale][key] ?? messages.en[key];
  if (message === undefined) return key;
  if (typeof message === 'object') {
    const intl = intlLocaleOf(locale);
    let rules = pluralRules.get(intl);
    if (!rules) pluralRules.set(intl, (rules = new Intl.PluralRules(intl)));
    message = message[rules.select(Number(params.count ?? 0))] ?? message.other ?? key;
  }
  if (!message.includes('{')) return message;
  return message.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    return value === undefined ? `{${name}}` : paramText(locale, value);
  });
}

/** A phrase main sent, in `locale`'s words. */
export const say = (locale: Locale, p: Phrase): string => translate(locale, p.key, p.params);

/** "a, b and c"; "a、b、c". */
function listText(locale: Locale, items: string[]): string {
  if (locale === 'zh' || items.length <= 1) return items.join('、');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function paramText(locale: Locale, value: PhraseParam): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return listText(
      locale,
      value.map((v: string | Phrase) => paramText(locale, v)),
    );
  return say(locale, value as Phrase);
}
