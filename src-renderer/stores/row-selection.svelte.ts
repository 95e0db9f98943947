// A table's selection, as desktop lists select (the rules are lib/selection.ts):
// one per screen store, over the rows that screen shows right now.

import { clickSelect, toggleAll, type Modifiers, type SelectionState } from '../lib/selection';

// The Set is never mutated: each change assigns a new one to the $state.raw field, which is what
// Svelte tracks (SvelteSet would make every has() a dependency for nothing).
/* eslint-disable svelte/prefer-svelte-reactivity */
export class RowSelection {
  selected = $state.raw(new Set<string>());
  anchor = $state<string | null>(null);

  /** `keys`: the visible rows' keys, in the order shown. */
  constructor(private readonly keys: () => string[]) {}

  click(index: number, mods: Modifiers): void {
    this.apply(clickSelect(this.state(), this.keys(), index, mods));
  }

  toggleAll(): void {
    this.apply(toggleAll(this.state(), this.keys()));
  }

  /** Forgets selected keys that are no longer there (a row removed elsewhere). */
  retain(present: ReadonlySet<string>): void {
    if ([...this.selected].every((k) => present.has(k))) return;
    this.selected = new Set([...this.selected].filter((k) => present.has(k)));
  }

  private state(): SelectionState {
    return { selected: this.selected, anchor: this.anchor };
  }

  private apply(next: SelectionState): void {
    this.selected = next.selected;
    this.anchor = next.anchor;
  }
}
