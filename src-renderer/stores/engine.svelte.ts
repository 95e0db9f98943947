// Renderer state, derived from main: the first answer of a request, then
// main's events (inventoryChanged, engineHealth) keep it current.
//
// Snapshots are held as $state.raw: they are replaced whole on every event,
// and deep proxies over 5,000 images would make every read slower.

import type { BarnacleError } from '../../src-shared/errors';
import type { DiskUsage, Endpoint, EngineHealth, InventorySnapshot } from '../../src-shared/model';
import { api } from '../lib/api';
import { clock } from '../lib/clock.svelte';

export type DiskState = 'idle' | 'loading' | 'failed';

class EngineStore {
  health = $state.raw<EngineHealth | null>(null);
  inventory = $state.raw<InventorySnapshot | null>(null);
  error = $state.raw<BarnacleError | null>(null);
  loading = $state(false);
  /** When the running inventory request started (ms since epoch): a big host on the containerd store takes seconds. */
  loadingSince = $state<number | null>(null);
  endpoints = $state.raw<Endpoint[]>([]);
  /** The host being switched to, while selectEngine runs. */
  switching = $state<string | null>(null);
  /** Newest disk usage figures, from the inventory events or an explicit refresh. */
  diskUsage = $state.raw<DiskUsage | null>(null);
  diskState = $state<DiskState>('idle');
  /** When the running disk usage request started (ms since epoch), for the elapsed time. */
  diskStartedAt = $state<number | null>(null);
  private started = false;

  readonly connected = $derived(this.health?.state === 'connected');

  start(): void {
    if (this.started) return;
    this.started = true;
    const bridge = api();
    bridge.on('engineHealth', (health) => {
      // Another engine: the old one's lists must not be shown as this one's.
      if (this.health && this.health.endpoint.host !== health.endpoint.host) this.forget();
      this.health = health;
      if (health.state === 'connected') void this.refresh();
    });
    bridge.on('inventoryChanged', (snapshot) => this.takeSnapshot(snapshot));
    void bridge.engineHealth({}).then((r) => {
      if (r.ok) this.health = r.value;
    });
    void this.refresh();
    void this.loadEndpoints();
  }

  /**
   * The inventory as main follows it; `full` reads both lists again first (the
   * Refresh button: main's engine events keep it current otherwise).
   */
  async refresh(full = false): Promise<void> {
    this.loading = true;
    this.loadingSince ??= Date.now();
    try {
      const result = await api().inventory(full ? { refresh: true } : {});
      if (result.ok) this.takeSnapshot(result.value);
      else this.error = result.error;
    } finally {
      this.loading = false;
      this.loadingSince = null;
      clock.tick();
    }
  }

  /**
   * Asks for disk usage. Main joins a fetch already running; `refresh` starts a
   * new one. /system/df can take minutes on big hosts, hence the state.
   */
  async loadDiskUsage(refresh = false): Promise<void> {
    if (this.diskState === 'loading') return;
    this.diskState = 'loading';
    this.diskStartedAt = Date.now();
    try {
      const result = await api().diskUsage(refresh ? { refresh: true } : {});
      if (result.ok && result.value) {
        this.takeDiskUsage(result.value);
        this.diskState = 'idle';
      } else {
        this.diskState = 'failed';
      }
    } finally {
      this.diskStartedAt = null;
      clock.tick();
    }
  }

  async loadEndpoints(): Promise<void> {
    const result = await api().listEndpoints({});
    if (result.ok) this.endpoints = result.value;
  }

  /** Switches engines; the health and inventory events that follow update the screens. */
  async selectEngine(host: string): Promise<BarnacleError | null> {
    this.switching = host;
    try {
      const result = await api().selectEngine({ host });
      if (!result.ok) return result.error;
      this.health = result.value;
      this.forget();
      void this.loadEndpoints();
      if (result.value.state === 'connected') void this.refresh();
      return null;
    } finally {
      this.switching = null;
    }
  }

  /** Reconnect now instead of waiting for the next scheduled attempt. */
  retry(): Promise<BarnacleError | null> {
    const host = this.health?.endpoint.host;
    return host ? this.selectEngine(host) : Promise.resolve(null);
  }

  /** Drops what belonged to the previous engine. */
  private forget(): void {
    this.inventory = null;
    this.diskUsage = null;
    this.diskState = 'idle';
  }

  private takeSnapshot(snapshot: InventorySnapshot): void {
    this.inventory = snapshot;
    this.error = null;
    if (snapshot.diskUsage) this.takeDiskUsage(snapshot.diskUsage);
  }

  private takeDiskUsage(usage: DiskUsage): void {
    if (!this.diskUsage || usage.fetchedAt >= this.diskUsage.fetchedAt) this.diskUsage = usage;
  }
}

export const engine = new EngineStore();
