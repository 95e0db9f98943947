// The images table's rows: one per tag like `docker images` (a dangling image
// is one <none> row), with the status badges, and the pure filter and sort the
// table applies. Plain functions over the inventory, unit-tested in
// tests/unit/image-rows.test.ts and fast enough for 5,000 images per keystroke.

import { isActiveState } from '../../src-shared/container-state';
import type { ImageSummary } from '../../src-shared/model';
import { shortId } from '../../src-shared/ids';
import { lastUseSortKey } from '../../src-shared/last-used';
import { splitReference } from '../../src-shared/references';

export type ImageStatus = 'running' | 'stopped-only' | 'build-container' | 'unused' | 'dangling' | 'not-pullable';
export type UsageFilter = 'all' | 'dangling' | 'unused' | 'in-use';
export type AgeFilter = 'any' | '24h' | '7d' | '30d';
export type SortKey = 'repository' | 'tag' | 'id' | 'created' | 'lastUsed' | 'size' | 'unique' | 'containers';
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export interface ImageRow {
  /** Unique per row: the image ID, plus the reference when tagged. */
  key: string;
  /** repository:tag, or null for a dangling image (then removal goes by ID). */
  ref: string | null;
  repository: string;
  tag: string;
  shortId: string;
  image: ImageSummary;
  status: ImageStatus[];
  running: number;
  /** Lower-cased text the search matches: reference, ID, container names. */
  haystack: string;
}

/**
 * Bytes only this image holds (layers no other image shares): what removing it
 * alone frees. Main reads layer facts in the background and adds it to the
 * inventory; until then it is unknown and the table shows "—", never a guess.
 */
export function uniqueSize(image: ImageSummary): number | null {
  return image.uniqueSize ?? null;
}

export function imageStatus(image: ImageSummary): ImageStatus[] {
  const status: ImageStatus[] = [];
  const running = image.containers.filter((c) => isActiveState(c.state)).length;
  if (running > 0) status.push('running');
  else if (image.containers.length > 0) status.push('stopped-only');
  // Podman: a build's leftover container stands on it, and the engine will not remove it.
  else if (image.buildContainers?.length) status.push('build-container');
  else status.push('unused');
  if (image.dangling) status.push('dangling');
  // Certainly made here: once removed, it cannot be pulled back. An image whose source the
  // engine does not record (containerd store, Podman) gets no badge: that is true of every
  // image there; the detail panel says so and the plan preview warns.
  if (image.pullBack.state === 'local') status.push('not-pullable');
  return status;
}

export function toRows(images: ImageSummary[]): ImageRow[] {
  const rows: ImageRow[] = [];
  for (const image of images) {
    const status = imageStatus(image);
    const running = image.containers.filter((c) => isActiveState(c.state)).length;
    const id = shortId(image.id);
    const names = image.containers.map((c) => c.name).join(' ');
    if (image.tags.length === 0) {
      rows.push({
        key: image.id,
        ref: null,
        repository: '<none>',
        tag: '<none>',
        shortId: id,
        image,
        status,
        running,
        haystack: `<none> ${image.id} ${names}`.toLowerCase(),
      });
      continue;
    }
    for (const ref of image.tags) {
      const [repository, tag] = splitReference(ref);
      rows.push({
        key: `${image.id} ${ref}`,
        ref,
        repository,
        tag,
        shortId: id,
        image,
        status,
        running,
        haystack: `${ref} ${image.id} ${names}`.toLowerCase(),
      });
    }
  }
  return rows;
}

/** What "Remove selected" sends: the tag for a tagged row, the ID for a dangling one. */
export const refForRow = (row: ImageRow): string => row.ref ?? row.image.id;

const ageSeconds: Record<Exclude<AgeFilter, 'any'>, number> = {
  '24h': 24 * 3600,
  '7d': 7 * 24 * 3600,
  '30d': 30 * 24 * 3600,
};

export interface RowFilter {
  query: string;
  usage: UsageFilter;
  age: AgeFilter;
}

/** No container uses it, not even one a build left (which the compat list, and so `unused`, misses). */
const unusedNow = (image: ImageSummary): boolean => image.unused && !image.buildContainers?.length;

export function filterRows(rows: ImageRow[], filter: RowFilter, nowMs: number): ImageRow[] {
  const words = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  const before = filter.age === 'any' ? Infinity : nowMs / 1000 - ageSeconds[filter.age];
  if (words.length === 0 && filter.usage === 'all' && before === Infinity) return rows;
  return rows.filter((row) => {
    const image = row.image;
    if (filter.usage === 'dangling' && !image.dangling) return false;
    if (filter.usage === 'unused' && !unusedNow(image)) return false;
    if (filter.usage === 'in-use' && unusedNow(image)) return false;
    if (image.created > before) return false;
    // Every word must appear somewhere ("api 1.4" finds barnacle/api:1.4.2).
    for (const w of words) if (!row.haystack.includes(w)) return false;
    return true;
  });
}

type Compare = (a: ImageRow, b: ImageRow) => number;

export function sortRows(rows: ImageRow[], sort: Sort, collator: Intl.Collator): ImageRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const byText =
    (get: (r: ImageRow) => string): Compare =>
    (a, b) =>
      sign * collator.compare(get(a), get(b));
  const byNumber =
    (get: (r: ImageRow) => number): Compare =>
    (a, b) =>
      sign * (get(a) - get(b));
  const compares: Record<SortKey, Compare> = {
    // <none> rows go last in ascending order, like an empty value.
    repository: byText((r) => (r.ref ? r.repository : '\uffff')),
    tag: byText((r) => (r.ref ? r.tag : '\uffff')),
    id: byText((r) => r.shortId),
    created: byNumber((r) => r.image.created),
    // No use seen counts as the image's own date (src-shared/last-used.ts).
    lastUsed: byNumber((r) => lastUseSortKey(r.image)),
    size: byNumber((r) => r.image.size),
    // Unknown sizes sort last whichever the direction.
    unique: (a, b) => {
      const x = uniqueSize(a.image);
      const y = uniqueSize(b.image);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return sign * (x - y);
    },
    containers: byNumber((r) => r.image.containers.length),
  };
  const primary = compares[sort.key];
  // Ties fall back to the row key so the order never jumps between renders.
  return [...rows].sort((a, b) => primary(a, b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
