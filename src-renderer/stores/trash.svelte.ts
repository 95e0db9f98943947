// Barnacle's trash as the renderer sees it: main's listing (entries, damaged
// records, total size, settings), the restore running and each restore's
// report. Restoring is its own channel (it loads and tags, removes nothing);
// removing entries is a plan like any other, previewed first.

import type { BarnacleError } from '../../src-shared/errors';
import type { RestoreReport, TrashListing, TrashSettings } from '../../src-shared/trash';
import { api } from '../lib/api';
import { engine } from './engine.svelte';
import { planFlow } from './plan.svelte';

class TrashView {
  listing = $state.raw<TrashListing | null>(null);
  loading = $state(false);
  error = $state.raw<BarnacleError | null>(null);
  /** The entry being restored now (one at a time: each loads an archive into the engine). */
  restoring = $state<string | null>(null);
  /** What the last restore of each entry gave back (by entry ID), shown under it. */
  reports = $state.raw<Record<string, RestoreReport>>({});
  restoreErrors = $state.raw<Record<string, BarnacleError>>({});

  /** Newest first, whatever order main listed them in. */
  readonly entries = $derived([...(this.listing?.entries ?? [])].sort((a, b) => b.savedAt - a.savedAt));
  readonly expired = $derived(this.entries.filter((e) => e.expired).length);

  async load(): Promise<void> {
    this.loading = true;
    const result = await api().trash({});
    this.loading = false;
    if (result.ok) {
      this.listing = result.value;
      this.error = null;
    } else {
      this.error = result.error;
    }
  }

  async restore(id: string): Promise<void> {
    if (this.restoring) return;
    this.restoring = id;
    const { [id]: _dropped, ...others } = this.restoreErrors;
    this.restoreErrors = others;
    const result = await api().restoreFromTrash({ id });
    this.restoring = null;
    if (result.ok) this.reports = { ...this.reports, [id]: result.value };
    else this.restoreErrors = { ...this.restoreErrors, [id]: result.error };
    // Loads, tags and new containers: not every engine's event stream says so (Podman's load), so read the lists again.
    void engine.refresh();
  }

  dismissReport(id: string): void {
    const { [id]: _dropped, ...rest } = this.reports;
    this.reports = rest;
  }

  remove(id: string): void {
    planFlow.open({ type: 'empty-trash', entries: [id] });
  }

  emptyAll(): void {
    planFlow.open({ type: 'empty-trash' });
  }

  removeExpired(): void {
    planFlow.open({ type: 'empty-trash', expiredOnly: true });
  }

  /** Main checks and saves them; the answer is what it kept. */
  async saveSettings(change: Partial<TrashSettings>): Promise<BarnacleError | null> {
    const result = await api().setTrashSettings(change);
    if (!result.ok) return result.error;
    if (this.listing) this.listing = { ...this.listing, settings: result.value };
    return null;
  }
}

export const trashView = new TrashView();
