// The CLI speaks the language of the terminal's locale, the way gettext picks
// one: LC_ALL, then LC_MESSAGES, then LANG; the first one set wins.

import { localeFromTag, type Locale } from '../../src-shared/messages/translate';

export function cliLocale(env: Record<string, string | undefined>): Locale {
  const tag = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return localeFromTag(tag);
}
