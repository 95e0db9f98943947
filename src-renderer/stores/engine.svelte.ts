// Renderer state, derived from main: the first answer of a request, then
// main's events (inventoryChanged, engineHealth) keep it current.

import type { BarnacleError } from '../../src-shared/errors';
import type { EngineHealth, InventorySnapshot } from '../../src-shared/model';
import { api } from '../lib/api';

class EngineStore {
  health = $state<EngineHealth | null>(null);
  inventory = $state<InventorySnapshot | null>(null);
  error = $state<BarnacleError | null>(null);
  loading = $state(false);
  private started = false;

  start(): void {
    if (this.started) return;
    this.started = true;
    const bridge = api();
    bridge.on('engineHealth', (health) => {
      this.health = health;
      if (health.state === 'connected') void this.refresh();
    });
    bridge.on('inventoryChanged', (snapshot) => {
      this.inventory = snapshot;
      this.error = null;
    });
    void bridge.engineHealth({}).then((r) => {
      if (r.ok) this.health = r.value;
    });
    void this.refresh();
  }

  async refresh(): Promise<void> {
    this.loading = true;
    try {
      const result = await api().inventory({});
      if (result.ok) {
        this.inventory = result.value;
        this.error = null;
      } else {
        this.error = result.error;
      }
    } finally {
      this.loading = false;
    }
  }
}

export const engine = new EngineStore();
