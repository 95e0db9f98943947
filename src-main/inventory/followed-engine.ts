// One engine main follows: its session (connection, health, its own backoff and
// reconnecting), its inventory, kept current by the engine's event stream (or
// polling where the engine refuses the stream), and its disk usage read in the
// background after each connection. The core follows its current engine with
// one of these; the fleet (src-main/fleet/fleet-service.ts) follows each other
// engine it watches with another, so a slow or unreachable engine waits on its
// own timers and never on anyone else's.

import type { Endpoint, EngineHealth } from '../../src-shared/model';
import type { ExecutionReport, Plan } from '../../src-shared/plan';
import type { EngineConnection } from '../engine/connection';
import { EngineSession, type SessionOptions } from '../engine/session';
import { eventsOfPlan } from './engine-events';
import { InventoryStore } from './inventory-store';
import type { LayerFactsCaches } from './layer-facts-cache';
import type { LastUsedStores } from './last-used-store';
import { keepFollowingEvents, type LiveUpdates, type LiveUpdatesTuning } from './live-updates';
import { inBackground } from '../runtime/background';

export interface FollowedEngineOptions extends SessionOptions {
  layerFacts: LayerFactsCaches;
  /** Last uses by engine and their clock; none: the inventory keeps no Last used. */
  lastUsed?: { stores: LastUsedStores; now: () => number } | null;
  /** Follow the engine's event stream (off for one-shot CLI commands). */
  live?: boolean;
  /** When the engine refuses or keeps ending its event stream: the stream's retries and the polling meanwhile. */
  liveUpdates?: LiveUpdatesTuning;
}

export class FollowedEngine {
  readonly session: EngineSession;
  readonly inventory: InventoryStore;
  private liveUpdates: LiveUpdates | null = null;
  /** The connection the inventory was last read and followed for. */
  private followed: EngineConnection | null = null;
  private readonly live: boolean;
  private readonly liveTuning: LiveUpdatesTuning;

  constructor(endpoint: Endpoint, options: FollowedEngineOptions) {
    this.session = new EngineSession(endpoint, options);
    this.inventory = new InventoryStore(() => this.session.current(), options.layerFacts, options.lastUsed ?? null);
    this.live = options.live ?? true;
    // The session's stableMs applies to the stream too, unless tuned apart.
    this.liveTuning = {
      ...(options.stableMs !== undefined ? { stableMs: options.stableMs } : {}),
      ...options.liveUpdates,
    };
    this.session.onHealth((health) => this.onHealth(health));
  }

  get endpoint(): Endpoint {
    return this.session.endpoint;
  }

  start(): Promise<EngineHealth> {
    return this.session.start();
  }

  /** Follows another engine instead: what was known of this one is dropped. */
  switchTo(endpoint: Endpoint): Promise<EngineHealth> {
    this.stopLiveUpdates();
    this.inventory.reset();
    return this.session.switchTo(endpoint);
  }

  /**
   * Brings the lists up to date after a plan ran here. Followed lists take the
   * plan's own steps at once (eventsOfPlan); without events (CLI, polling) the
   * lists are read again in the background. A step that met a conflict met
   * something the lists may not show yet (a container started elsewhere seconds
   * ago): those are read in full, and the fix flow that follows names what it found.
   */
  async afterExecute(plan: Plan, report: ExecutionReport): Promise<void> {
    const conflicted = Object.values(report.outcomes).some((o) => o.state === 'conflict');
    if (this.inventory.following && !conflicted) await this.inventory.applyEvents(eventsOfPlan(plan, report));
    else void this.inventory.refresh().catch(() => undefined);
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
    // The stream replays from here: a change made while the lists are read is not missed.
    const since = Math.floor(Date.now() / 1000) - 1;
    // Failures show as the engine's health and the lists' own state; logged here too.
    inBackground(this.inventory.refresh(), 'reading the lists after connecting');
    inBackground(this.inventory.refreshDiskUsage(), 'reading disk usage after connecting');
    if (this.live) this.startLiveUpdates(connection, since);
  }

  /**
   * Follows the event stream; when the engine refuses it, polls instead and says
   * so in the health. Only an engine that stops answering drops the connection:
   * reconnecting cannot bring back a stream the engine refuses.
   */
  private startLiveUpdates(connection: EngineConnection, since: number): void {
    const current = () => this.session.current() === connection;
    this.liveUpdates = keepFollowingEvents(connection.docker, {
      ...this.liveTuning,
      since,
      refresh: () => this.inventory.refresh(),
      onEvents: (events) => this.inventory.applyEvents(events),
      onMode: (mode) => {
        if (!current()) return;
        this.inventory.setFollowed(mode === 'live');
        this.session.setLiveUpdates(mode);
      },
      onEngineGone: () => {
        if (current()) this.session.lost();
      },
    });
  }

  private stopLiveUpdates(): void {
    this.inventory.setFollowed(false);
    this.liveUpdates?.close();
    this.liveUpdates = null;
    this.followed = null;
  }
}
