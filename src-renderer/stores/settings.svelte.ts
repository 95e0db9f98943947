// The user's preferences: language and theme (how confirm buttons read is
// planFlow's own setting). Kept in localStorage (renderer-only, nothing main needs to trust) and
// applied to the document at once, before the first paint (main.ts imports
// this module before mounting).

import { i18n, type Locale } from '../i18n/i18n.svelte';

export type LanguageChoice = 'system' | Locale;
export type ThemeChoice = 'system' | 'light' | 'dark';

interface Stored {
  language: LanguageChoice;
  theme: ThemeChoice;
}

const KEY = 'barnacle.settings';
const defaults: Stored = { language: 'system', theme: 'system' };

function load(): Stored {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Stored>;
    return {
      language: ['system', 'en', 'zh'].includes(raw.language as string) ? raw.language! : defaults.language,
      theme: ['system', 'light', 'dark'].includes(raw.theme as string) ? raw.theme! : defaults.theme,
    };
  } catch {
    // Storage unavailable or corrupt: the defaults are safe.
    return { ...defaults };
  }
}

class Settings {
  language = $state<LanguageChoice>(defaults.language);
  theme = $state<ThemeChoice>(defaults.theme);

  constructor() {
    Object.assign(this, load());
    this.apply();
    // "System" language follows the OS while the app runs.
    window.addEventListener('languagechange', () => {
      if (this.language === 'system') i18n.set('system');
    });
  }

  setLanguage(language: LanguageChoice): void {
    this.language = language;
    this.save();
  }

  setTheme(theme: ThemeChoice): void {
    this.theme = theme;
    this.save();
  }

  private save(): void {
    try {
      localStorage.setItem(KEY, JSON.stringify({ language: this.language, theme: this.theme }));
    } catch {
      // A private or full storage only loses persistence, not the choice.
    }
    this.apply();
  }

  private apply(): void {
    i18n.set(this.language);
    const root = document.documentElement;
    // No attribute means "follow prefers-color-scheme" (styles/app.css).
    if (this.theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = this.theme;
  }
}

export const settings = new Settings();
