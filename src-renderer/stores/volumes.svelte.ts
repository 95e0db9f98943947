// The volumes screen's state: the list main read (sizes measured on request,
// since the engine walks every volume for them), the filter, the search, the
// selection. Removal goes through the plan preview, never straight to the engine.

import type { BarnacleError } from '../../src-shared/errors';
import type { VolumeList } from '../../src-shared/model';
import { visibleVolumes, type VolumeFilter } from '../lib/volume-rows';
import { api } from '../lib/api';
import { planFlow } from './plan.svelte';
import { RowSelection } from './row-selection.svelte';

class VolumesView {
  list = $state.raw<VolumeList | null>(null);
  loading = $state(false);
  measuring = $state(false);
  error = $state.raw<BarnacleError | null>(null);
  filter = $state<VolumeFilter>('all');
  search = $state('');
  readonly rows = new RowSelection(() => this.visible.map((v) => v.name));

  readonly all = $derived(this.list?.volumes ?? []);
  readonly visible = $derived(visibleVolumes(this.all, this.filter, this.search));
  readonly selectedNames = $derived(this.visible.filter((v) => this.rows.selected.has(v.name)).map((v) => v.name));

  /** Reads the list; sizes only when asked, else the last measured ones stay shown. */
  async load(sizes = false): Promise<void> {
    if (sizes) this.measuring = true;
    else this.loading = true;
    const result = await api().volumes({ sizes });
    this.loading = false;
    this.measuring = false;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    this.error = null;
    const before = new Map((this.list?.volumes ?? []).map((v) => [v.name, v.size]));
    const list = result.value;
    this.list = sizes
      ? list
      : {
          ...list,
          volumes: list.volumes.map((v) => ({ ...v, size: v.size ?? before.get(v.name) ?? null })),
          sizesAt: this.list?.sizesAt ?? null,
        };
    this.rows.retain(new Set(list.volumes.map((v) => v.name)));
  }

  /** The list now; the first time, sizes right after (the engine walks every volume for them). */
  async refresh(): Promise<void> {
    const first = this.list === null;
    await this.load(false);
    if (first && !this.error) await this.load(true);
  }

  removeSelected(): void {
    if (this.selectedNames.length) planFlow.open({ type: 'remove-volumes', names: this.selectedNames });
  }

  prune(): void {
    planFlow.open({ type: 'prune-volumes' });
  }
}

export const volumesView = new VolumesView();
