// The engines watched side by side (issue 14), in the app: which ones is a small
// file in the data folder (fleet.json); the current engine is always one of
// them, followed by the core itself and never connected to twice. Every other
// engine is a FollowedEngine of its own (its connection, a bounded connect, its
// backoff, its live updates), so a slow or unreachable engine waits on its own
// timers and never holds up the others or the overview. A plan across engines
// is each engine's own plan, previewed and pinned through the core's PlanLifecycle
// and run only as the fleet plan main made and still holds.

import { join } from 'node:path';
import type { BarnacleError } from '../../src-shared/errors';
import {
  fleetTotals,
  MOST_FLEET_ENGINES,
  type FleetOverview,
  type FleetPlan,
  type FleetRunReport,
} from '../../src-shared/fleet';
import type { Endpoint, EngineHealth } from '../../src-shared/model';
import type { CleanupIntent, ExecutionReport, HistoryEntry, Plan } from '../../src-shared/plan';
import { phrase } from '../../src-shared/phrase';
import { PhraseError } from '../../src-shared/phrase-error';
import { say } from '../../src-shared/messages/translate';
import { parseHost } from '../engine/parsed-host';
import { connectBounded, TEST_TIMEOUT_MS } from '../engine/test-connection';
import { FollowedEngine, type FollowedEngineOptions } from '../inventory/followed-engine';
import type { EngineConnection } from '../engine/connection';
import { readSettingsFile, saveSettingsFile } from '../files/settings-file';
import { PlanStaleError } from '../planning/plan-registry';
import { inBackground } from '../runtime/background';
import { fleetEngineOf, fleetListsOf } from './fleet-engine';
import { planAcross, runAcross, type ReachedEngine } from './fleet-plans';

/** Fleet plans main holds for executeFleetPlan; older ones are forgotten (their parts stay previewed plans). */
const FLEET_PLANS_HELD = 5;

/** What the fleet needs of the core: its current engine, the endpoints found, and the plan lifecycle. */
export interface FleetCore {
  readonly followed: FollowedEngine;
  /** The core's PlanLifecycle, by the three calls the fleet makes (the fleet sits below the core). */
  readonly plans: {
    preview(connection: EngineConnection, intent: CleanupIntent): Promise<Plan>;
    execute(connection: EngineConnection, planId: string, digest: string): Promise<ExecutionReport>;
    readHistory(): Promise<HistoryEntry[]>;
  };
  listEndpoints(): Promise<Endpoint[]>;
}

export interface FleetServiceOptions {
  /** Where fleet.json lives (the data folder). */
  dataDir: string;
  now: () => number;
  /** How each watched engine is followed: the same settings as the core's own engine. */
  followOptions: FollowedEngineOptions;
  /** How long a watched engine may take to answer a connection attempt (ms); 5 s by default. */
  connectTimeoutMs?: number;
  /** Changes within this many ms reach listeners as one overview (ms); 250 by default. */
  coalesceMs?: number;
  /** Reconnect delays of watched engines; the core's by default. */
  backoffMs?: number[];
}

/** The watched engines' addresses as fleet.json keeps them: engine addresses only, each once. */
export function fleetHostsOf(raw: unknown): string[] {
  const hosts =
    raw && typeof raw === 'object' && Array.isArray((raw as { hosts?: unknown }).hosts)
      ? (raw as { hosts: unknown[] }).hosts
      : [];
  const kept: string[] = [];
  for (const host of hosts) {
    if (typeof host !== 'string' || host.length > 512 || kept.includes(host)) continue;
    try {
      parseHost(host);
    } catch {
      continue; // a damaged line is dropped, the rest kept
    }
    kept.push(host);
    if (kept.length === MOST_FLEET_ENGINES) break;
  }
  return kept;
}

export function fleetFileIn(dataDir: string): string {
  return join(dataDir, 'fleet.json');
}

/** Why an engine that is not connected has no plan: its health's own words. */
export function notConnectedError(health: EngineHealth): BarnacleError {
  if ('message' in health) {
    return { kind: 'engine-unreachable', message: health.message, ...(health.says ? { says: health.says } : {}) };
  }
  const says = phrase('request.notConnected');
  return { kind: 'engine-unreachable', message: say('en', says), says };
}

class EngineNotConnected extends PhraseError {
  override readonly kind = 'engine-unreachable';
}

type OverviewListener = (overview: FleetOverview) => void;

export class FleetService {
  private hosts: string[];
  /** Engines watched besides the current one, by address. */
  private readonly followers = new Map<string, FollowedEngine>();
  /** Every watched engine's endpoint as found (context names, TLS files), by address. */
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly held = new Map<string, FleetPlan>();
  private readonly listeners = new Set<OverviewListener>();
  private started = false;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly file: string;

  constructor(
    private readonly core: FleetCore,
    private readonly options: FleetServiceOptions,
  ) {
    this.file = fleetFileIn(options.dataDir);
    this.hosts = readSettingsFile(this.file, fleetHostsOf);
  }

  /** Starts following the watched engines (idempotent); the shell calls it, and so does the first request. */
  start(): Promise<void> {
    if (this.started) return Promise.resolve();
    this.started = true;
    this.core.followed.session.onHealth(() => this.changed());
    this.core.followed.inventory.onChange(() => this.changed());
    return this.reconcile();
  }

  /** Which engines to watch besides the current one (saved; removes nothing on any engine). */
  async setFleet(hosts: readonly string[]): Promise<FleetOverview> {
    await this.start();
    this.hosts = fleetHostsOf({ hosts });
    saveSettingsFile(this.file, { hosts: this.hosts });
    await this.reconcile();
    return this.overview();
  }

  /** The watched addresses as saved (the current engine is watched whether listed or not). */
  get watched(): readonly string[] {
    return this.hosts;
  }

  followerOf(host: string): FollowedEngine | null {
    return this.followers.get(host) ?? null;
  }

  onChange(listener: OverviewListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The current engine first, then the others in the order they were chosen. */
  async overview(): Promise<FleetOverview> {
    await this.start();
    const history = await this.core.plans.readHistory().catch(() => []);
    const engines = this.engines().map((follower) => {
      const snapshot = follower.inventory.snapshot;
      return fleetEngineOf(
        {
          endpoint: this.endpoints.get(follower.endpoint.host) ?? follower.endpoint,
          health: follower.session.health,
          lists: snapshot ? fleetListsOf(snapshot, snapshot.takenAt) : null,
          usage: follower.inventory.diskUsage,
        },
        history,
      );
    });
    return { engines, totals: fleetTotals(engines), at: this.options.now() };
  }

  /**
   * One plan per engine named, each previewed (and so pinned by id and digest)
   * through the core's plan lifecycle on that engine's own connection. An engine
   * not connected, or not watched, has no plan and says why.
   */
  async preview(hosts: readonly string[], intent: CleanupIntent): Promise<FleetPlan> {
    await this.start();
    const reached = [...new Set(hosts)].map((host): ReachedEngine => {
      const follower = this.watchedFollower(host);
      const endpoint = this.endpoints.get(host) ?? follower?.endpoint ?? { host, label: host, source: 'user' };
      if (!follower) {
        const says = phrase('request.fleetNotWatched', { host });
        return { endpoint, error: { kind: 'validation', message: say('en', says), says } };
      }
      const connection = follower.session.current();
      return connection ? { endpoint, connection } : { endpoint, error: notConnectedError(follower.session.health) };
    });
    const plan = await planAcross(reached, intent, {
      now: this.options.now(),
      preview: (connection, i) => this.core.plans.preview(connection, i),
    });
    this.held.set(plan.id, plan);
    while (this.held.size > FLEET_PLANS_HELD) this.held.delete(this.held.keys().next().value!);
    return plan;
  }

  /**
   * Runs a fleet plan main made and still holds, once: each engine's part through
   * the plan lifecycle with its id and digest (so main's confirmation dialog, the
   * live re-checks and the history are a single plan's). An unknown id changes nothing.
   */
  async execute(fleetPlanId: string): Promise<FleetRunReport> {
    const plan = this.held.get(fleetPlanId);
    if (!plan) throw new PlanStaleError(phrase('request.fleetPlanUnknown'));
    this.held.delete(fleetPlanId);
    const report = await runAcross(plan, async (part) => {
      const connection = this.watchedFollower(part.endpoint.host)?.session.current();
      if (!connection) throw new EngineNotConnected(phrase('request.fleetEngineGone', { host: part.endpoint.host }));
      return this.core.plans.execute(connection, part.plan.id, part.plan.digest);
    });
    this.changed();
    return report;
  }

  /** The core is about to follow `host` itself: a watcher of it is closed first (one connection per engine). */
  releasing(host: string): void {
    const follower = this.followers.get(host);
    if (!follower) return;
    follower.close();
    this.followers.delete(host);
  }

  /** The core follows another engine now: the one it left is watched on its own again if it was chosen. */
  currentChanged(): void {
    if (this.started) inBackground(this.reconcile(), 'watching the fleet after switching engines');
    this.changed();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const follower of this.followers.values()) follower.close();
    this.followers.clear();
    this.listeners.clear();
  }

  private watchedFollower(host: string): FollowedEngine | null {
    if (host === this.core.followed.endpoint.host) return this.core.followed;
    return this.followers.get(host) ?? null;
  }

  private engines(): FollowedEngine[] {
    const current = this.core.followed;
    const others = this.hosts.flatMap((host) => {
      const follower = this.followers.get(host);
      return follower && host !== current.endpoint.host ? [follower] : [];
    });
    return [current, ...others];
  }

  /** Follows exactly the chosen engines that are not the current one. */
  private async reconcile(): Promise<void> {
    const found = await this.core.listEndpoints().catch(() => [] as Endpoint[]);
    if (this.closed) return;
    for (const endpoint of found) this.endpoints.set(endpoint.host, endpoint);
    const current = this.core.followed.endpoint.host;
    const wanted = new Set(this.hosts.filter((host) => host !== current));
    for (const [host, follower] of this.followers) {
      if (wanted.has(host)) continue;
      follower.close();
      this.followers.delete(host);
    }
    for (const host of wanted) {
      if (this.followers.has(host)) continue;
      const endpoint = this.endpoints.get(host) ?? { host, label: host, source: 'user' as const };
      const follower = new FollowedEngine(endpoint, this.followOptionsFor());
      follower.session.onHealth(() => this.changed());
      follower.inventory.onChange(() => this.changed());
      this.followers.set(host, follower);
      // Its health says how it went; it retries on its own backoff.
      inBackground(follower.start(), `watching ${host}`);
    }
    this.changed();
  }

  private followOptionsFor(): FollowedEngineOptions {
    const timeoutMs = this.options.connectTimeoutMs ?? TEST_TIMEOUT_MS;
    return {
      ...this.options.followOptions,
      ...(this.options.backoffMs ? { backoffMs: this.options.backoffMs } : {}),
      // Bounded: a silent tcp:// or ssh:// address is given up on in words, then retried on its backoff.
      connect: this.options.followOptions.connect ?? ((endpoint) => connectBounded(endpoint, timeoutMs)),
    };
  }

  /** Coalesced: a burst of events is one overview. */
  private changed(): void {
    if (this.closed || this.timer || this.listeners.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.closed || this.listeners.size === 0) return;
      inBackground(
        this.overview().then((overview) => {
          for (const listener of this.listeners) listener(overview);
        }),
        'putting the fleet overview together',
      );
    }, this.options.coalesceMs ?? 250);
    this.timer.unref?.();
  }
}
