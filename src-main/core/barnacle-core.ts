// Everything main knows, wired together without Electron: the engine session,
// the inventory and its live updates, and the endpoints found on this computer.
// The Electron shell, the CLI and the tests each create one of these.

import type { Endpoint, EngineHealth } from '../../src-shared/model';
import { parseHost } from '../engine/dockerode-options';
import { EngineSession, type SessionOptions } from '../engine/session';
import { InventoryStore } from '../inventory/inventory-store';
import { followEngineEvents, type LiveUpdates } from '../inventory/live-updates';

export interface CoreOptions extends SessionOptions {
  /** Endpoints found on this computer (discovery); the current one is added if missing. */
  discover?: () => Promise<Endpoint[]>;
  /** Follow the engine's event stream (off for one-shot CLI commands). */
  live?: boolean;
}

export class BarnacleCore {
  readonly session: EngineSession;
  readonly inventory: InventoryStore;
  private liveUpdates: LiveUpdates | null = null;
  private readonly discover: () => Promise<Endpoint[]>;
  private readonly live: boolean;

  constructor(endpoint: Endpoint, options: CoreOptions = {}) {
    this.session = new EngineSession(endpoint, options);
    this.inventory = new InventoryStore(() => this.session.current()?.docker ?? null);
    this.discover = options.discover ?? (async () => []);
    this.live = options.live ?? true;
    this.session.onHealth((health) => this.onHealth(health));
  }

  start(): Promise<EngineHealth> {
    return this.session.start();
  }

  async listEndpoints(): Promise<Endpoint[]> {
    const found = await this.discover();
    const current = this.session.endpoint;
    return [current, ...found.filter((e) => e.host !== current.host)];
  }

  async selectEngine(host: string): Promise<EngineHealth> {
    parseHost(host); // throws on nonsense before anything is dropped
    const known = (await this.listEndpoints()).find((e) => e.host === host);
    const endpoint: Endpoint = known ?? { host, label: host, source: 'user' };
    this.stopLiveUpdates();
    this.inventory.reset();
    return this.session.switchTo(endpoint);
  }

  close(): void {
    this.stopLiveUpdates();
    this.session.stop();
  }

  private onHealth(health: EngineHealth): void {
    if (health.state !== 'connected') {
      this.stopLiveUpdates();
      return;
    }
    void this.inventory.refresh().catch(() => undefined);
    void this.inventory.refreshDiskUsage();
    if (this.live) void this.startLiveUpdates();
  }

  private async startLiveUpdates(): Promise<void> {
    const connection = this.session.current();
    if (!connection || this.liveUpdates) return;
    try {
      this.liveUpdates = await followEngineEvents(connection.docker, {
        onChange: () => void this.inventory.refresh().catch(() => undefined),
        onLost: () => {
          this.liveUpdates = null;
          this.session.lost();
        },
      });
    } catch {
      this.session.lost();
    }
  }

  private stopLiveUpdates(): void {
    this.liveUpdates?.close();
    this.liveUpdates = null;
  }
}
