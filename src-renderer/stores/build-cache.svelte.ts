// The build cache screen's state: the records main read, and the prune rules
// the person sets (older than, by last use; a storage budget). Pruning is a
// plan (prune-build-cache), previewed before anything goes.

import type { BarnacleError } from '../../src-shared/errors';
import type { BuildCacheList, BuildCacheRecord } from '../../src-shared/model';
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

  readonly records = $derived(
    [...(this.list?.records ?? [])].sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1)),
  );
  /** What a prune may take at all: records no build uses and no image shares. */
  readonly free = $derived(this.records.filter((r: BuildCacheRecord) => !r.inUse && !r.shared));

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
      ...(this.keepGb.trim() !== '' && Number.isFinite(gb) && gb >= 0 ? { keepStorage: Math.round(gb * 1e9) } : {}),
    };
  }

  prune(): void {
    planFlow.open(this.intent());
  }
}

export const buildCacheView = new BuildCacheView();
