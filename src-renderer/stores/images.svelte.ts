// The images screen's view state: search, filters, sort, selection, keyboard
// focus and the open detail. Rows derive from the inventory main pushes, so the
// table follows the engine; the view state survives switching screens.

import {
  filterRows,
  refForRow,
  sortRows,
  toRows,
  type AgeFilter,
  type ImageRow,
  type Sort,
  type SortKey,
  type UsageFilter,
} from '../lib/image-rows';
import { clickSelect, extendTo, toggleAll, toggled, type Modifiers } from '../lib/selection';
import { i18n } from '../i18n/i18n.svelte';
import { clock } from '../lib/clock.svelte';
import { engine } from './engine.svelte';
import { planFlow } from './plan.svelte';

/** Sorting numbers and dates starts with the largest/newest, names with A. */
const descFirst: SortKey[] = ['created', 'lastUsed', 'size', 'unique', 'containers'];

class ImagesView {
  query = $state('');
  usage = $state<UsageFilter>('all');
  age = $state<AgeFilter>('any');
  sort = $state<Sort>({ key: 'created', dir: 'desc' });
  selected = $state.raw(new Set<string>());
  anchor = $state<string | null>(null);
  /** Key of the keyboard-focused row. */
  focusKey = $state<string | null>(null);
  /** Image ID shown in the detail panel. */
  detailId = $state<string | null>(null);

  readonly rows = $derived(toRows(engine.inventory?.images ?? []));
  private readonly collator = $derived(new Intl.Collator(i18n.intlLocale, { numeric: true, sensitivity: 'base' }));
  readonly sorted = $derived(sortRows(this.rows, this.sort, this.collator));
  readonly visible: ImageRow[] = $derived(
    filterRows(
      this.sorted,
      { query: this.query, usage: this.usage, age: this.age },
      // Only an age filter depends on the time; reading the clock otherwise would re-filter every tick.
      this.age === 'any' ? 0 : clock.now,
    ),
  );
  readonly visibleKeys = $derived(this.visible.map((r) => r.key));
  /** What is both selected and visible: exactly what "Remove selected" acts on. */
  readonly selectedRows = $derived(this.visible.filter((r) => this.selected.has(r.key)));
  readonly focusIndex = $derived(this.focusKey === null ? -1 : this.visibleKeys.indexOf(this.focusKey));
  readonly detail = $derived(engine.inventory?.images.find((i) => i.id === this.detailId) ?? null);
  readonly filtered = $derived(this.query !== '' || this.usage !== 'all' || this.age !== 'any');

  sortBy(key: SortKey): void {
    this.sort =
      this.sort.key === key
        ? { key, dir: this.sort.dir === 'asc' ? 'desc' : 'asc' }
        : { key, dir: descFirst.includes(key) ? 'desc' : 'asc' };
  }

  click(index: number, mods: Modifiers): void {
    this.apply(clickSelect(this.state(), this.visibleKeys, index, mods));
    this.focusKey = this.visibleKeys[index] ?? null;
  }

  /** Arrow keys: move the focus; with Shift, extend the selection from the anchor. */
  moveFocus(index: number, extend: boolean): void {
    const clamped = Math.max(0, Math.min(this.visibleKeys.length - 1, index));
    if (this.visibleKeys.length === 0) return;
    // Shift+Arrow with no anchor yet starts the range at the row the focus leaves.
    if (extend && (this.anchor === null || !this.visibleKeys.includes(this.anchor))) this.anchor = this.focusKey;
    if (extend) this.apply(extendTo(this.state(), this.visibleKeys, clamped));
    this.focusKey = this.visibleKeys[clamped] ?? null;
  }

  toggleFocused(): void {
    if (this.focusKey === null) return;
    this.selected = toggled(this.selected, this.focusKey);
    this.anchor = this.focusKey;
  }

  toggleAll(): void {
    this.apply(toggleAll(this.state(), this.visibleKeys));
  }

  clearSelection(): void {
    this.selected = new Set();
    this.anchor = null;
  }

  showDetail(row: ImageRow | undefined): void {
    this.detailId = row?.image.id ?? null;
  }

  /** Selects an image's rows and opens its detail (from the overview's biggest images). */
  reveal(imageId: string): void {
    this.query = '';
    this.usage = 'all';
    this.age = 'any';
    const keys = this.visible.filter((r) => r.image.id === imageId).map((r) => r.key);
    this.selected = new Set(keys);
    this.anchor = keys[0] ?? null;
    this.focusKey = keys[0] ?? null;
    this.detailId = imageId;
  }

  /** Hands the selection to the plan preview; nothing is removed before the user confirms there. */
  removeSelected(): void {
    const refs = this.selectedRows.map(refForRow);
    if (refs.length > 0) planFlow.open({ type: 'remove-images', refs });
  }

  private state() {
    return { selected: this.selected, anchor: this.anchor };
  }

  private apply(next: { selected: Set<string>; anchor: string | null }): void {
    this.selected = next.selected;
    this.anchor = next.anchor;
  }
}

export const imagesView = new ImagesView();
