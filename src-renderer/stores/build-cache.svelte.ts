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
  /** GB to keep at most; '' for no budget. */
  keepGb = $state('');

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
    const gb = Number(this.keepGb);
    return {
      type: 'prune-build-cache',
      ...(this.olderThan !== 'any' ? { until: this.olderThan } : {}),
      // Podman does not size its builds' containers: no budget can count them.
      ...(!this.podman && this.keepGb.trim() !== '' && Number.isFinite(gb) && gb >= 0
        ? { keepStorage: Math.round(gb * 1e9) }
        : {}),
    };
  }

  prune(): void {
    planFlow.open(this.intent());
  }
}

export const buildCacheView = new BuildCacheView();
