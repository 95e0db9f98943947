// Everything main knows, wired together without Electron: the engine session,
// the inventory and its live updates, and the endpoints found on this computer.
// The Electron shell, the CLI and the tests each create one of these.

import { homedir } from 'node:os';
import type { Endpoint, EngineHealth } from '../../src-shared/model';
import type { PlanProgress } from '../../src-shared/plan';
import { parseHost } from '../engine/dockerode-options';
import type { EngineConnection } from '../engine/connection';
import { EngineSession, type SessionOptions } from '../engine/session';
import { InventoryStore } from '../inventory/inventory-store';
import { keepFollowingEvents, type LiveUpdates, type LiveUpdatesTuning } from '../inventory/live-updates';
import { defaultDataDir } from '../history/history-store';
import { PlanRunner, type PlanRunnerOptions } from './plan-runner';

export interface CoreOptions extends SessionOptions {
  /** Endpoints found on this computer (discovery); the current one is added if missing. */
  discover?: () => Promise<Endpoint[]>;
  /** Follow the engine's event stream (off for one-shot CLI commands). */
  live?: boolean;
  /** When the engine refuses or keeps ending its event stream: the stream's retries and the polling meanwhile. */
  liveUpdates?: LiveUpdatesTuning;
  /** Where history.jsonl lives: Electron's userData in the app; the platform's data folder otherwise. */
  dataDir?: string;
  /** Asks where to save a history export (the shell's save dialog; tests pass a temp path). */
  chooseSavePath?: PlanRunnerOptions['chooseSavePath'];
  /** Executor settings, for tests. */
  planExecution?: PlanRunnerOptions['execute'];
}

export class BarnacleCore {
  readonly session: EngineSession;
  readonly inventory: InventoryStore;
  readonly plans: PlanRunner;
  private liveUpdates: LiveUpdates | null = null;
  /** The connection the inventory was last read and followed for. */
  private followed: EngineConnection | null = null;
  private readonly discover: () => Promise<Endpoint[]>;
  private readonly live: boolean;
  private readonly liveTuning: LiveUpdatesTuning;

  constructor(endpoint: Endpoint, options: CoreOptions = {}) {
    this.session = new EngineSession(endpoint, options);
    this.inventory = new InventoryStore(() => this.session.current());
    this.discover = options.discover ?? (async () => []);
    this.live = options.live ?? true;
    // The session's stableMs applies to the stream too, unless tuned apart.
    this.liveTuning = {
      ...(options.stableMs !== undefined ? { stableMs: options.stableMs } : {}),
      ...options.liveUpdates,
    };
    this.session.onHealth((health) => this.onHealth(health));
    const runner: PlanRunnerOptions = {
      dataDir: options.dataDir ?? defaultDataDir(process.platform, process.env, homedir()),
      // Live updates refresh on engine events; without them the lists would lag the plan.
      afterExecute: () => void this.inventory.refresh().catch(() => undefined),
    };
    if (options.chooseSavePath) runner.chooseSavePath = options.chooseSavePath;
    if (options.planExecution) runner.execute = options.planExecution;
    this.plans = new PlanRunner(runner);
  }

  /** Progress of running plans, step by step (the shell forwards it as the planProgress event). */
  onPlanProgress(listener: (progress: PlanProgress) => void): () => void {
    return this.plans.onProgress(listener);
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
    const connection = this.session.current();
    // The same connection's health again (live updates turned to polling or back): nothing new to read.
    if (!connection || connection === this.followed) return;
    this.stopLiveUpdates();
    this.followed = connection;
    void this.inventory.refresh().catch(() => undefined);
    void this.inventory.refreshDiskUsage();
    if (this.live) this.startLiveUpdates(connection);
  }

  /**
   * Follows the event stream; when the engine refuses it, polls instead and says
   * so in the health. Only an engine that stops answering drops the connection:
   * reconnecting cannot bring back a stream the engine refuses.
   */
  private startLiveUpdates(connection: EngineConnection): void {
    const current = () => this.session.current() === connection;
    this.liveUpdates = keepFollowingEvents(connection.docker, {
      ...this.liveTuning,
      refresh: () => this.inventory.refresh(),
      onMode: (mode) => {
        if (current()) this.session.setLiveUpdates(mode);
      },
      onEngineGone: () => {
        if (current()) this.session.lost();
      },
    });
  }

  private stopLiveUpdates(): void {
    this.liveUpdates?.close();
    this.liveUpdates = null;
    this.followed = null;
  }
}
