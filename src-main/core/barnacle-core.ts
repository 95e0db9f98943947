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
import type { EngineSession, SessionOptions } from '../engine/session';
import type { InventoryStore } from '../inventory/inventory-store';
import { LayerFactsCaches } from '../inventory/layer-facts-cache';
import { LastUsedStores } from '../inventory/last-used-store';
import { PolicyService } from '../policies/policy-service';
import { lastUseAtIn, upToDateOnce } from '../inventory/last-used-of';
import { PolicyScheduler, type PolicySchedulerDeps } from '../policies/policy-scheduler';
import { runPolicy, type PolicyRunResult } from '../policies/policy-runner';
import type { Policy, PolicyRun } from '../../src-shared/policy';
import { engineKeyOf } from '../inventory/layer-facts-cache';
import type { LiveUpdatesTuning } from '../inventory/live-updates';
import { defaultDataDir } from '../history/history-store';
import { PlanLifecycle, type PlanLifecycleOptions } from './plan-lifecycle';
import { inBackground } from '../runtime/background';
import { FollowedEngine } from '../inventory/followed-engine';
import { FleetService, type FleetServiceOptions } from '../fleet/fleet-service';

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
  /** The fleet's tuning (how long an engine may take to answer, the change coalescing), for tests. */
  fleet?: Pick<FleetServiceOptions, 'connectTimeoutMs' | 'coalesceMs' | 'backoffMs'>;
  /**
   * The docker CLI's config folder ($DOCKER_CONFIG, default ~/.docker) whose contexts Settings
   * adds and removes: the shell passes the one discovery reads, tests a temp folder. Without
   * it, editing contexts is refused: never a guess at this user's ~/.docker.
   */
  dockerConfigDir?: string;
}

export class BarnacleCore {
  /** The engine the screens show: its session, inventory and live updates. */
  readonly followed: FollowedEngine;
  readonly session: EngineSession;
  readonly inventory: InventoryStore;
  /** The engines watched side by side with the current one (the Fleet screen), each followed on its own. */
  readonly fleet: FleetService;
  readonly plans: PlanLifecycle;
  /** Layer facts by engine, remembered in the data folder: shared by the inventory, plans and the tray. */
  readonly layerFacts: LayerFactsCaches;
  /** When each image was last used, by engine, remembered in the data folder. */
  readonly lastUsed: LastUsedStores;
  /** Named cleanup rules with a schedule (src-main/policies): the Policies screen, the tray and the scheduler. */
  readonly policies: PolicyService;
  /** Runs policies by their schedule once the shell asks (startPolicies); tests and the CLI leave it off. */
  private scheduler: PolicyScheduler | null = null;
  private readonly now: () => number;
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

  constructor(endpoint: Endpoint, options: CoreOptions = {}) {
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
    const live = options.live ?? true;
    this.followed = new FollowedEngine(endpoint, {
      ...pickFollowOptions(options),
      layerFacts: this.layerFacts,
      lastUsed: { stores: this.lastUsed, now },
      live,
    });
    this.session = this.followed.session;
    this.inventory = this.followed.inventory;
    this.discover = options.discover ?? (async () => []);
    this.vmDiskSearch = options.vmDiskSearch ?? vmDiskSearchOf(homedir(), process.platform, process.env);
    const lifecycle: PlanLifecycleOptions = {
      dataDir,
      trashSettings: () => this.trashSettings.get(),
      layerFacts: this.layerFacts,
      // The lists of whichever followed engine the plan is for: the current one or a fleet engine.
      followedLists: async (connection) =>
        (await this.followerOf(connection.endpoint.host)?.inventory.followedLists(connection)) ?? null,
      // The store the inventory keeps from the engine's events: a policy's "last used" is the Images screen's.
      lastUses: async (connection, lists) =>
        lastUseAtIn(
          await upToDateOnce(
            { docker: connection.docker, lists, now: now(), engine: connection.engine },
            await this.lastUsed.for(engineKeyOf(connection)),
          ),
        ),
      // Engine events bring the lists up to date; without them (CLI, polling) they would lag the plan.
      // The engine the plan ran on updates its own lists (FollowedEngine.afterExecute), whichever it is.
      afterExecute: async (plan, report) => {
        await this.followerOf(plan.engine.host)?.afterExecute(plan, report);
      },
    };
    if (options.chooseSavePath) lifecycle.chooseSavePath = options.chooseSavePath;
    if (options.planExecution) lifecycle.execute = options.planExecution;
    if (options.confirmInMain) lifecycle.confirmInMain = options.confirmInMain;
    this.plans = new PlanLifecycle(lifecycle);
    this.fleet = new FleetService(this, {
      dataDir,
      now,
      followOptions: {
        ...pickFollowOptions(options),
        layerFacts: this.layerFacts,
        lastUsed: { stores: this.lastUsed, now },
        live,
      },
      ...options.fleet,
    });
  }

  /** The followed engine at this address: the current one, or one the fleet watches; null when none is. */
  followerOf(host: string): FollowedEngine | null {
    if (this.session.endpoint.host === host) return this.followed;
    return this.fleet.followerOf(host);
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
    // An engine the fleet follows already is handed over, not connected to twice.
    this.fleet.releasing(host);
    const health = this.followed.switchTo(endpoint);
    this.fleet.currentChanged();
    return health;
  }

  close(): void {
    this.stopPolicies();
    this.fleet.close();
    this.followed.close();
  }
}

/** The session and live-update settings of CoreOptions, which every followed engine shares. */
function pickFollowOptions(options: CoreOptions): SessionOptions & { liveUpdates?: LiveUpdatesTuning } {
  const picked: SessionOptions & { liveUpdates?: LiveUpdatesTuning } = {};
  if (options.backoffMs) picked.backoffMs = options.backoffMs;
  if (options.stableMs !== undefined) picked.stableMs = options.stableMs;
  if (options.connect) picked.connect = options.connect;
  if (options.liveUpdates) picked.liveUpdates = options.liveUpdates;
  return picked;
}
