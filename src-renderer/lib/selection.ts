// Multi-select the way desktop file lists do it: click selects one, Ctrl/Cmd
// toggles, Shift selects the range from the anchor (Ctrl+Shift adds the range).
// Pure over the visible keys, so tables and tests share one behaviour.

export interface SelectionState {
  selected: Set<string>;
  /** The row ranges start from: the last plain or toggling click. */
  anchor: string | null;
}

export interface Modifiers {
  shift: boolean;
  /** Ctrl on Windows/Linux, Cmd on macOS. */
  toggle: boolean;
}

export function clickSelect(state: SelectionState, keys: string[], index: number, mods: Modifiers): SelectionState {
  const key = keys[index];
  if (key === undefined) return state;
  if (mods.shift) {
    const from = state.anchor === null ? -1 : keys.indexOf(state.anchor);
    const start = from === -1 ? index : from;
    const [lo, hi] = start <= index ? [start, index] : [index, start];
    const range = keys.slice(lo, hi + 1);
    const selected = mods.toggle ? new Set([...state.selected, ...range]) : new Set(range);
    return { selected, anchor: from === -1 ? key : state.anchor };
  }
  if (mods.toggle) return { selected: toggled(state.selected, key), anchor: key };
  return { selected: new Set([key]), anchor: key };
}

export function toggled(selected: Set<string>, key: string): Set<string> {
  const next = new Set(selected);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}

/** Shift+Arrow: the range between the anchor and the new focus replaces the selection. */
export function extendTo(state: SelectionState, keys: string[], index: number): SelectionState {
  return clickSelect(state, keys, index, { shift: true, toggle: false });
}

/** Select-all over what is visible (the filtered rows), or clear if all are already selected. */
export function toggleAll(state: SelectionState, keys: string[]): SelectionState {
  const all = keys.length > 0 && keys.every((k) => state.selected.has(k));
  return { selected: all ? new Set() : new Set(keys), anchor: state.anchor };
}
