// Everything main knows, wired together without Electron: the engine session,
// the inventory and its live updates, and the endpoints found on this computer.
// The Electron shell, the CLI and the tests each create one of these.

import { vmDiskSearchOf } from '../disk/disk-levels';
import { DiskSettingsStore, diskSettingsFileIn } from '../disk/disk-settings-store';
import { TrashSettingsStore } from '../trash/trash-settings-store';
import { trashDirIn } from '../trash/trash-store';
import { sweepHalfWritten } from '../trash/sweep';
import type { VmDiskSearch } from '../disk/vm-disk-files';
import { homedir } from 'node:os';
import type { Endpoint, EngineHealth } from '../../src-shared/model';
import type { PlanProgress } from '../../src-shared/plan';
import { parseHost } from '../engine/parsed-host';
import type { EngineConnection } from '../engine/connection';
import { EngineSession, type SessionOptions } from '../engine/session';
import { eventsOfPlan } from '../inventory/engine-events';
import { InventoryStore } from '../inventory/inventory-store';
import { LayerFactsCaches } from '../inventory/layer-facts-cache';
import { LastUsedStores } from '../inventory/last-used-store';
import { PolicyService } from '../policies/policy-service';
import { lastUseAtIn, upToDateOnce } from '../inventory/last-used-of';
import { PolicyScheduler, type PolicySchedulerDeps } from '../policies/policy-scheduler';
import { runPolicy, type PolicyRunResult } from '../policies/policy-runner';
import type { Policy, PolicyRun } from '../../src-shared/policy';
import { engineKeyOf } from '../inventory/layer-facts-cache';
import { keepFollowingEvents, type LiveUpdates, type LiveUpdatesTuning } from '../inventory/live-updates';
import { defaultDataDir } from '../history/history-store';
import { PlanLifecycle, type PlanLifecycleOptions } from './plan-lifecycle';
import { inBackground } from '../runtime/background';

export interface CoreOptions extends SessionOptions {
  /** Endpoints found on this computer (discovery); the current one is added if missing. */
  discover?: () => Promise<Endpoint[]>;
  /** Follow the engine's event stream (off for one-shot CLI commands). */
  live?: boolean;
  /** When the engine refuses or keeps ending its event stream: the stream's retries and the polling meanwhile. */
  liveUpdates?: LiveUpdatesTuning;
  /** Where history.jsonl and the layer facts live: the platform's data folder (defaultDataDir), shared with the CLI. */
  dataDir?: string;
  /** Asks where to save a history export (the shell's save dialog; tests pass a temp path). */
  chooseSavePath?: PlanLifecycleOptions['chooseSavePath'];
  /** Executor settings, for tests. */
  planExecution?: PlanLifecycleOptions['execute'];
  /** The shell's native dialog for plans that stop, force, remove volumes or start fresh (main-confirmation.ts). */
  confirmInMain?: PlanLifecycleOptions['confirmInMain'];
  /** Where to look for VM disk files (tests: a temp home); this user's home by default. */
  vmDiskSearch?: VmDiskSearch;
  /** This machine's name, to tell an engine here from one in a VM (tests pass another to take the VM path). */
  hostName?: string;
  /** The clock last uses are dated by (watching since, the end of a backfill): tests inject one. */
  now?: () => number;
  /**
   * The docker CLI's config folder ($DOCKER_CONFIG, default ~/.docker) whose contexts Settings
   * adds and removes: the shell passes the one discovery reads, tests a temp folder. Without
   * it, editing contexts is refused: never a guess at this user's ~/.docker.
   */
  dockerConfigDir?: string;
}

export class BarnacleCore {
  readonly session: EngineSession;
  readonly inventory: InventoryStore;
  readonly plans: PlanLifecycle;
  /** Layer facts by engine, remembered in the data folder: shared by the inventory, plans and the tray. */
  readonly layerFacts: LayerFactsCaches;
  /** When each image was last used, by engine, remembered in the data folder. */
  readonly lastUsed: LastUsedStores;
  /** Named cleanup rules with a schedule (src-main/policies): the Policies screen, the tray and the scheduler. */
  readonly policies: PolicyService;
  private liveUpdates: LiveUpdates | null = null;
  /** Runs policies by their schedule once the shell asks (startPolicies); tests and the CLI leave it off. */
  private scheduler: PolicyScheduler | null = null;
  private readonly now: () => number;
  /** The connection the inventory was last read and followed for. */
  private followed: EngineConnection | null = null;
  /** Where VM products keep their disk files for this user (the Overview's third level). */
  readonly vmDiskSearch: VmDiskSearch;
  /** Whether a helper container may measure an engine that is not here (Settings), kept in the data folder. */
  readonly diskSettings: DiskSettingsStore;
  /** The trash's default for plans, its size cap and age limit (Settings), kept in the data folder. */
  readonly trashSettings: TrashSettingsStore;
  /** Where plans keep their copies (<data dir>/trash). */
  readonly trashDir: string;
  /** This machine's name as the storage level compares it with the engine's (os.hostname() unless given). */
  readonly hostName: string | undefined;
  /** Where Settings adds and removes docker contexts; null when this core was given none. */
  readonly dockerConfigDir: string | null;
  private readonly discover: () => Promise<Endpoint[]>;
  private readonly live: boolean;
  private readonly liveTuning: LiveUpdatesTuning;

  constructor(endpoint: Endpoint, options: CoreOptions = {}) {
    this.session = new EngineSession(endpoint, options);
    const dataDir = options.dataDir ?? defaultDataDir(process.platform, process.env, homedir());
    this.layerFacts = new LayerFactsCaches(dataDir);
    this.diskSettings = new DiskSettingsStore(diskSettingsFileIn(dataDir));
    this.trashSettings = new TrashSettingsStore(dataDir);
    this.trashDir = trashDirIn(dataDir);
    this.hostName = options.hostName;
    this.dockerConfigDir = options.dockerConfigDir ?? null;
    const now = options.now ?? Date.now;
    this.now = now;
    this.lastUsed = new LastUsedStores(dataDir, now);
    this.policies = new PolicyService(dataDir, now);
    this.inventory = new InventoryStore(() => this.session.current(), this.layerFacts, { stores: this.lastUsed, now });
    this.discover = options.discover ?? (async () => []);
    this.vmDiskSearch = options.vmDiskSearch ?? vmDiskSearchOf(homedir(), process.platform, process.env);
    this.live = options.live ?? true;
    // The session's stableMs applies to the stream too, unless tuned apart.
    this.liveTuning = {
      ...(options.stableMs !== undefined ? { stableMs: options.stableMs } : {}),
      ...options.liveUpdates,
    };
    this.session.onHealth((health) => this.onHealth(health));
    const lifecycle: PlanLifecycleOptions = {
      dataDir,
      trashSettings: () => this.trashSettings.get(),
      layerFacts: this.layerFacts,
      followedLists: (connection) => this.inventory.followedLists(connection),
      // The store the inventory keeps from the engine's events: a policy's "last used" is the Images screen's.
      lastUses: async (connection, lists) =>
        lastUseAtIn(
          await upToDateOnce(
            { docker: connection.docker, lists, now: now(), engine: connection.engine },
            await this.lastUsed.for(engineKeyOf(connection)),
          ),
        ),
      // Engine events bring the lists up to date; without them (CLI, polling) they would lag the plan.
      // Followed lists take the plan's own steps at once (eventsOfPlan); without events
      // (CLI, polling) the lists are read again in the background.
      // A step that met a conflict met something the lists may not show yet (a container
      // started elsewhere seconds ago): those are read in full, and the fix flow that follows
      // names what it found.
      afterExecute: async (plan, report) => {
        const conflicted = Object.values(report.outcomes).some((o) => o.state === 'conflict');
        if (this.inventory.following && !conflicted) await this.inventory.applyEvents(eventsOfPlan(plan, report));
        else void this.inventory.refresh().catch(() => undefined);
      },
    };
    if (options.chooseSavePath) lifecycle.chooseSavePath = options.chooseSavePath;
    if (options.planExecution) lifecycle.execute = options.planExecution;
    if (options.confirmInMain) lifecycle.confirmInMain = options.confirmInMain;
    this.plans = new PlanLifecycle(lifecycle);
  }

  /** Progress of running plans, step by step (the shell forwards it as the planProgress event). */
  onPlanProgress(listener: (progress: PlanProgress) => void): () => void {
    return this.plans.onProgress(listener);
  }

  /**
   * Runs one policy now against the connected engine, recorded with the policy
   * (policy-runner.ts). `automatic`: the schedule ran it (the history marks it).
   */
  runPolicy(policy: Policy, options: { automatic?: boolean; mode?: Policy['mode'] } = {}): Promise<PolicyRunResult> {
    return runPolicy(
      {
        connection: () => this.session.current(),
        plans: this.plans,
        trashSettings: () => this.trashSettings.get(),
        recordRun: (name, run) => this.policies.recordRun(name, run),
        now: this.now,
      },
      policy,
      options,
    );
  }

  /**
   * Starts running enabled policies by their schedule while this core lives (the
   * shell calls it; tests construct cores without it). `onRun` hears each run, to
   * notify (policy-notice.ts builds the words). Calling it again replaces nothing.
   */
  startPolicies(
    options: {
      /** Each run, with the policy's run before it (policyNotice stays quiet when it would repeat it). */
      onRun?: (result: PolicyRunResult, previous: PolicyRun | undefined) => void;
      onError?: PolicySchedulerDeps['onError'];
    } & Pick<PolicySchedulerDeps, 'timer' | 'tickMs' | 'debounceMs' | 'eventGapMs'> = {},
  ): PolicyScheduler {
    if (this.scheduler) return this.scheduler;
    const { onRun, ...tuning } = options;
    this.scheduler = new PolicyScheduler({
      ...tuning,
      list: () => this.policies.list(),
      now: this.now,
      ready: () => this.session.current() !== null && !this.plans.busy,
      run: async (policy) => {
        const previous = this.policies.list().find((s) => s.policy.name === policy.name)?.lastRun;
        const result = await this.runPolicy(policy, { automatic: true });
        onRun?.(result, previous);
      },
      onInventoryChange: (listener) => this.inventory.onChange(() => listener()),
    });
    this.scheduler.start();
    return this.scheduler;
  }

  stopPolicies(): void {
    this.scheduler?.stop();
    this.scheduler = null;
  }

  start(): Promise<EngineHealth> {
    // A copy whose writer died mid-save (the app killed, the machine off) is never finished: cleared here.
    inBackground(sweepHalfWritten(this.trashDir), 'clearing half-written trash copies');
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
    this.stopPolicies();
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
