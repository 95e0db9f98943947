// English and Simplified Chinese. The catalogue lives in src-shared/messages
// (one file per screen/area, each exporting { en, zh } with the same keys;
// tests/unit/i18n.test.ts checks that every key exists in both), shared with
// main's CLI and tray. Here: the current locale, as state, and `t` reading it.

import {
  intlLocaleOf,
  localeFromTag,
  say,
  translate,
  type Locale,
  type MessageParams,
} from '../../src-shared/messages/translate';
import type { Phrase } from '../../src-shared/phrase';

export type { Locale } from '../../src-shared/messages/translate';
export { locales } from '../../src-shared/messages/translate';

function systemLocale(): Locale {
  return localeFromTag(typeof navigator !== 'undefined' ? navigator.language : 'en');
}

class I18n {
  locale = $state<Locale>(systemLocale());
  /** BCP 47 tag for Intl formatters. */
  readonly intlLocale = $derived(intlLocaleOf(this.locale));

  set(locale: Locale | 'system'): void {
    this.locale = locale === 'system' ? systemLocale() : locale;
    if (typeof document !== 'undefined') document.documentElement.lang = this.intlLocale;
  }
}

export const i18n = new I18n();

/** Looks up `key` in the current locale and fills `{name}` placeholders (plural forms by `count`). */
export function t(key: string, params: MessageParams = {}): string {
  return translate(i18n.locale, key, params);
}

/** A phrase main sent (a catalogue key and its facts), in the current locale. */
export function tp(p: Phrase): string {
  return say(i18n.locale, p);
}

/** What main said went wrong: its phrase in the current locale when it sent one, else its words as they came. */
export function errorWords(error: { message: string; says?: Phrase }): string {
  return error.says ? tp(error.says) : error.message;
}
