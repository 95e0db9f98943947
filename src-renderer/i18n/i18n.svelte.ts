// English and Simplified Chinese. Messages live per screen in ./messages/*.ts
// (each exports { en, zh } with the same keys; tests/unit/i18n.test.ts checks
// that every key exists in both). Plurals use Intl.PluralRules; sizes and
// relative times use the locale's Intl formatters (lib/format.ts).

import { messages } from './messages';

export type Locale = 'en' | 'zh';
export const locales: Locale[] = ['en', 'zh'];

type Params = Record<string, string | number>;

function systemLocale(): Locale {
  const lang = typeof navigator !== 'undefined' ? navigator.language.toLowerCase() : 'en';
  return lang.startsWith('zh') ? 'zh' : 'en';
}

class I18n {
  locale = $state<Locale>(systemLocale());
  /** BCP 47 tag for Intl formatters. */
  readonly intlLocale = $derived(this.locale === 'zh' ? 'zh-CN' : 'en');

  set(locale: Locale | 'system'): void {
    this.locale = locale === 'system' ? systemLocale() : locale;
    if (typeof document !== 'undefined') document.documentElement.lang = this.intlLocale;
  }
}

export const i18n = new I18n();

/**
 * Looks up `key` and fills `{name}` placeholders. A message may be an object of
 * plural forms ({ one, other }) chosen by the `count` parameter.
 */
// A cache of formatters, not state: nothing renders from it.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const pluralRules = new Map<string, Intl.PluralRules>();

export function t(key: string, params: Params = {}): string {
  const table = messages[i18n.locale] as Record<string, unknown>;
  let message = table[key] ?? (messages.en as Record<string, unknown>)[key];
  if (message === undefined) return key;
  if (typeof message === 'object' && message !== null) {
    const forms = message as Record<string, string>;
    let rules = pluralRules.get(i18n.intlLocale);
    if (!rules) pluralRules.set(i18n.intlLocale, (rules = new Intl.PluralRules(i18n.intlLocale)));
    const rule = rules.select(Number(params.count ?? 0));
    message = forms[rule] ?? forms.other;
  }
  const text = String(message);
  if (!text.includes('{')) return text;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
