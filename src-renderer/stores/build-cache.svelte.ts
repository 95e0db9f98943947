// The build cache screen's state: the records main read (or, on Podman, the
// containers its builds left), the kind of record shown, and the prune rules
// the person sets (older than, by last use; a storage budget). Pruning is a
// plan (prune-build-cache), previewed before anything goes.

import type { BarnacleError } from '../../src-shared/errors';
import type { BuildCacheList } from '../../src-shared/model';
import { cacheKindOf, groupByKind, isFreeRecord, type CacheKind } from '../../src-shared/build-cache';
import type { CleanupIntent } from '../../src-shared/plan';
import { api } from '../lib/api';
import { planFlow } from './plan.svelte';

export const cacheAges = ['any', '24h', '168h', '720h'] as const;
export type CacheAge = (typeof cacheAges)[number];

class BuildCacheView {
  list = $state.raw<BuildCacheList | null>(null);
  loading = $state(false);
  error = $state.raw<BarnacleError | null>(null);
  olderThan = $state<CacheAge>('any');
  /** GB to keep at most; empty for no budget. (A number field binds a number, or null when cleared.) */
  keepGb = $state<number | string | null>('');
  /** GB the engine's disk should have free; empty for no minimum. */
  minFreeGb = $state<number | string | null>('');

  /** The kind of record the table shows; 'all' for every kind. */
  kind = $state<CacheKind | 'all'>('all');

  readonly records = $derived(
    [...(this.list?.records ?? [])].sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1)),
  );
  /** What a prune may take at all: records no build uses and no image shares. */
  readonly free = $derived(this.records.filter(isFreeRecord));
  readonly groups = $derived(groupByKind(this.records));
  readonly shown = $derived(
    this.kind === 'all' ? this.records : this.records.filter((r) => cacheKindOf(r.type) === this.kind),
  );
  /** Podman: the containers its builds left, oldest first. */
  readonly buildContainers = $derived(
    [...(this.list?.buildContainers ?? [])].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)),
  );
  /** Podman keeps no records: the screen shows its builds' leftover containers instead. */
  readonly podman = $derived(this.list !== null && !this.list.supported);

  async load(): Promise<void> {
    this.loading = true;
    const result = await api().buildCache({});
    this.loading = false;
    if (result.ok) {
      this.list = result.value;
      this.error = null;
    } else this.error = result.error;
  }

  intent(): CleanupIntent {
    // Podman does not size its builds' containers: no budget can count them.
    const keep = this.podman ? null : bytesOfGb(this.keepGb);
    const minFree = this.podman ? null : bytesOfGb(this.minFreeGb);
    return {
      type: 'prune-build-cache',
      ...(this.olderThan !== 'any' ? { until: this.olderThan } : {}),
      ...(keep !== null ? { keepStorage: keep } : {}),
      ...(minFree !== null ? { minFreeSpace: minFree } : {}),
    };
  }

  prune(): void {
    planFlow.open(this.intent());
  }
}

/** A GB field's bytes (powers of 1000, as docker reads GB), or null when empty or not a size. */
function bytesOfGb(value: number | string | null): number | null {
  if (value === null || String(value).trim() === '') return null;
  const gb = Number(value);
  return Number.isFinite(gb) && gb >= 0 ? Math.round(gb * 1e9) : null;
}

export const buildCacheView = new BuildCacheView();
