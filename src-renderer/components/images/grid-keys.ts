// The images grid's keyboard: ↑/↓ (Shift extends), Page Up/Down, Home/End,
// Space toggles, Enter opens details, Delete removes the selection through the
// plan preview, Ctrl/Cmd+A selects all shown, Esc closes details or clears.

import type { imagesView } from '../../stores/images.svelte';

export interface GridMotion {
  /** Moves the focus (and with extend, the selection), scrolling the row into view. */
  focusRow(index: number, extend: boolean): void;
  /** Rows per page of the viewport. */
  pageSize(): number;
}

/** Returns true when the key was the grid's to handle. */
export function handleGridKey(e: KeyboardEvent, view: typeof imagesView, motion: GridMotion): boolean {
  const at = view.focusIndex;
  const page = motion.pageSize();
  const moves: Record<string, number> = {
    ArrowDown: at < 0 ? 0 : at + 1,
    ArrowUp: at < 0 ? 0 : at - 1,
    PageDown: Math.max(0, at) + page,
    PageUp: Math.max(0, at) - page,
    Home: 0,
    End: view.visible.length - 1,
  };
  const target = moves[e.key];
  if (target !== undefined) {
    motion.focusRow(target, e.shiftKey);
    return true;
  }
  switch (e.key) {
    case ' ':
      if (at < 0) motion.focusRow(0, false);
      view.toggleFocused();
      return true;
    case 'Enter':
      view.showDetail(view.visible[at]);
      return true;
    case 'Delete':
    case 'Backspace':
      // Nothing selected: Delete acts on the focused row, as in a file manager.
      if (view.selectedRows.length === 0 && at >= 0) view.toggleFocused();
      view.removeSelected();
      return true;
    case 'Escape':
      if (view.detailId) view.showDetail(undefined);
      else if (view.selected.size > 0) view.clearSelection();
      else return false;
      return true;
    case 'a':
    case 'A':
      if (!(e.ctrlKey || e.metaKey)) return false;
      view.toggleAll();
      return true;
    default:
      return false;
  }
}
