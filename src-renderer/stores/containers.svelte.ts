// The containers screen's state: filters (state, `--filter ancestor=`), the
// selection, containers being started or stopped, and the last errors.
// Start and stop go straight to the engine (nothing is lost by them);
// removal goes through the plan preview.

import { SvelteMap } from 'svelte/reactivity';
import type { BarnacleError } from '../../src-shared/errors';
import { containerName } from '../../src-shared/display-names';
import { isActiveState } from '../../src-shared/container-state';
import { shortId } from '../../src-shared/ids';
import { ancestorFamily } from '../../src-shared/image-family';
import { filterContainers, type StateFilter } from '../lib/container-rows';
import { api } from '../lib/api';
import { engine } from './engine.svelte';
import { planFlow } from './plan.svelte';
import { RowSelection } from './row-selection.svelte';

export interface ActionError {
  name: string;
  action: 'stop' | 'start';
  error: BarnacleError;
}

class ContainersView {
  state = $state<StateFilter>('all');
  /** Image ID for the ancestor filter; '' for every image. */
  ancestor = $state('');
  readonly rows = new RowSelection(() => this.visible.map((c) => c.id));
  /** Container ID → what is being done to it. */
  readonly busy = new SvelteMap<string, 'stop' | 'start'>();
  errors = $state.raw<ActionError[]>([]);

  readonly all = $derived(engine.inventory?.containers ?? []);
  readonly family = $derived(this.ancestor ? ancestorFamily(engine.inventory?.images ?? [], this.ancestor) : null);
  readonly visible = $derived(
    [...filterContainers(this.all, this.state, this.family)].sort((a, b) => b.created - a.created),
  );
  readonly selectedRows = $derived(this.visible.filter((c) => this.rows.selected.has(c.id)));
  /** Stopped containers the remove plan would take: every stopped one in the ancestor family. */
  readonly removable = $derived(filterContainers(this.all, 'stopped', this.family));

  async stop(ids: string[]): Promise<void> {
    await this.run(
      'stop',
      ids.filter((id) => this.stateOf(id, true)),
    );
  }

  async start(ids: string[]): Promise<void> {
    await this.run(
      'start',
      ids.filter((id) => this.stateOf(id, false)),
    );
  }

  /**
   * Opens the plan preview for stopped containers: the ones given, or else all
   * in view (optionally of one image family).
   */
  removeStopped(ids?: string[]): void {
    if (ids?.length) {
      planFlow.open({ type: 'remove-stopped-containers', ids });
      return;
    }
    planFlow.open(
      this.ancestor
        ? { type: 'remove-stopped-containers', ancestor: this.ancestor }
        : { type: 'remove-stopped-containers' },
    );
  }

  dismissErrors(): void {
    this.errors = [];
  }

  private stateOf(id: string, active: boolean): boolean {
    const c = this.all.find((x) => x.id === id);
    return !!c && isActiveState(c.state) === active;
  }

  private async run(action: 'stop' | 'start', ids: string[]): Promise<void> {
    this.errors = [];
    for (const id of ids) this.busy.set(id, action);
    const failures: ActionError[] = [];
    // One at a time: the engine serialises them anyway, and errors stay attributable.
    for (const id of ids) {
      const result = action === 'stop' ? await api().stopContainer({ id }) : await api().startContainer({ id });
      if (!result.ok) {
        const c = this.all.find((x) => x.id === id);
        failures.push({ name: c ? containerName(c) : shortId(id), action, error: result.error });
      }
      this.busy.delete(id);
    }
    this.errors = failures;
    // Live events usually arrive first; an explicit refresh covers engines without them.
    await engine.refresh();
  }
}

export const containersView = new ContainersView();
