// Desktop list selection: click, Ctrl/Cmd-click, Shift-click ranges, select-all.
import { describe, expect, it } from 'vitest';
import { clickSelect, extendTo, toggleAll } from '../../src-renderer/lib/selection';

const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
const none = { selected: new Set<string>(), anchor: null };
const plain = { shift: false, toggle: false };
const sorted = (s: Set<string>) => [...s].sort();

describe('selection', () => {
  it('a click selects one row and sets the anchor', () => {
    const s = clickSelect({ selected: new Set(['x']), anchor: null }, keys, 2, plain);
    expect(sorted(s.selected)).toEqual(['c']);
    expect(s.anchor).toBe('c');
  });

  it('Shift-click selects the range from the anchor, either direction', () => {
    const a = clickSelect(none, keys, 1, plain);
    expect(sorted(clickSelect(a, keys, 4, { shift: true, toggle: false }).selected)).toEqual(['b', 'c', 'd', 'e']);
    const b = clickSelect(a, keys, 4, { shift: true, toggle: false });
    // A second Shift-click re-ranges from the same anchor.
    expect(sorted(clickSelect(b, keys, 0, { shift: true, toggle: false }).selected)).toEqual(['a', 'b']);
  });

  it('Ctrl-click toggles one row and moves the anchor', () => {
    let s = clickSelect(none, keys, 0, plain);
    s = clickSelect(s, keys, 3, { shift: false, toggle: true });
    expect(sorted(s.selected)).toEqual(['a', 'd']);
    s = clickSelect(s, keys, 0, { shift: false, toggle: true });
    expect(sorted(s.selected)).toEqual(['d']);
    expect(s.anchor).toBe('a');
  });

  it('Ctrl+Shift-click adds the range to what is selected', () => {
    let s = clickSelect(none, keys, 0, plain);
    s = clickSelect(s, keys, 3, { shift: false, toggle: true });
    s = clickSelect(s, keys, 5, { shift: true, toggle: true });
    expect(sorted(s.selected)).toEqual(['a', 'd', 'e', 'f']);
  });

  it('Shift without an anchor starts one at the clicked row', () => {
    const s = clickSelect(none, keys, 2, { shift: true, toggle: false });
    expect(sorted(s.selected)).toEqual(['c']);
    expect(s.anchor).toBe('c');
  });

  it('an anchor that disappeared (filtered out) behaves like no anchor', () => {
    const s = clickSelect({ selected: new Set(['z']), anchor: 'z' }, keys, 1, { shift: true, toggle: false });
    expect(sorted(s.selected)).toEqual(['b']);
  });

  it('Shift+Arrow extends from the anchor', () => {
    const s = extendTo(clickSelect(none, keys, 2, plain), keys, 4);
    expect(sorted(s.selected)).toEqual(['c', 'd', 'e']);
  });

  it('select-all selects what is visible, and clears when all are selected', () => {
    const all = toggleAll(none, keys.slice(0, 3));
    expect(sorted(all.selected)).toEqual(['a', 'b', 'c']);
    expect(toggleAll(all, keys.slice(0, 3)).selected.size).toBe(0);
  });
});
