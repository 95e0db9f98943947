// Which screen is showing. Kept in location.hash so Back/Forward work and a
// screen can be opened directly (tests and the renderer benchmark use #/images).

import { api } from '../lib/api';

export const screens = [
  'overview',
  'fleet',
  'images',
  'containers',
  'volumes',
  'build-cache',
  'activity',
  'policies',
  'trash',
  'settings',
] as const;
export type Screen = (typeof screens)[number];

function fromHash(): Screen {
  const name = location.hash.replace(/^#\/?/, '');
  return (screens as readonly string[]).includes(name) ? (name as Screen) : 'overview';
}

class Nav {
  screen = $state<Screen>(fromHash());
  /** An image to reveal when the images screen opens (from the overview's list). */
  revealImage = $state<string | null>(null);
  /** A plan to show: its row in Activity, or what it kept on the Trash screen (links between the two). */
  revealPlan = $state<string | null>(null);

  constructor() {
    window.addEventListener('hashchange', () => {
      const screen = fromHash();
      // A sidebar link or Back (not go()): the plan an earlier link asked to show is not asked for now.
      if (screen !== this.screen) this.revealPlan = null;
      this.screen = screen;
    });
  }

  /** The tray's review line opens a screen (main's `showScreen` event); App calls this once. */
  follow(): void {
    api().on('showScreen', ({ screen }) => this.go(screen));
  }

  go(screen: Screen, options: { revealImage?: string; revealPlan?: string } = {}): void {
    this.revealImage = options.revealImage ?? null;
    this.revealPlan = options.revealPlan ?? null;
    this.screen = screen;
    if (fromHash() !== screen) location.hash = `/${screen}`;
  }
}

export const nav = new Nav();
