// A shared "now" for relative times ("2 min ago"), ticking slowly so thousands
// of table cells do not re-render every second. Countdowns that need seconds
// keep their own timer while they are on screen.

class Clock {
  now = $state(Date.now());

  constructor() {
    setInterval(() => (this.now = Date.now()), 20_000);
  }

  /** Move now forward at once (after a refresh, so "measured just now" is right). */
  tick(): void {
    this.now = Date.now();
  }
}

export const clock = new Clock();
