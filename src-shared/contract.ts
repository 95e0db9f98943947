// The one IPC contract: channel names, argument and result types, events.
// Main registers a handler per channel (src-main/ipc), the preload exposes
// exactly these channels (src-preload), the renderer calls them through
// `BarnacleApi`. tests/unit/contract.types.test.ts fails when they drift.
//
// This file holds no runtime dependencies: the preload bundles it, and the
// sandboxed preload may require nothing but electron.

import type { Result } from './errors';
import type { CleanupIntent, ExecutionReport, HistoryEntry, Plan, PlanProgress } from './plan';
import type {
  BuildCacheList,
  DiskUsage,
  Endpoint,
  EngineHealth,
  ImageLayerView,
  InventorySnapshot,
  VolumeList,
} from './model';
import type { DiskLevels } from './disk-levels';
import type { DiskSettings } from './disk-settings';
import type { RestoreReport, TrashListing, TrashSettings } from './trash';
import type { Policy, PolicyStatus } from './policy';
import type { FleetOverview, FleetPlan, FleetRunReport } from './fleet';
import type {
  AddEngineArgs,
  AddedEngine,
  EngineAddress,
  EngineContextEntry,
  EngineTestResult,
} from './engine-contexts';

export interface ContainerIdArgs {
  id: string;
}

export interface SelectEngineArgs {
  host: string;
}

/**
 * Channel name → argument and result. Only what the screens use: nothing here
 * removes an image, tag, container or volume except executePlan, which runs a
 * previewed plan's steps with their re-checks and records them in the history,
 * and executeFleetPlan, which runs such previewed plans on several engines
 * (tests/unit/ipc-surface.test.ts holds the allow-list). removeEngine removes a
 * docker context's own files in the docker config folder, nothing on any engine.
 */
export interface Contract {
  /**
   * The inventory as main follows it (engine events keep it current); `refresh`
   * reads both lists in full first (the Refresh button).
   */
  inventory: { args: { refresh?: boolean }; result: InventorySnapshot };
  diskUsage: { args: { refresh?: boolean }; result: DiskUsage | null };
  /**
   * The three levels of "used": what the engine reports, what its storage occupies on
   * this computer's disk (a walk of its data root, bounded; for an engine elsewhere, a
   * helper container where diskSettings allow it), and VM disk files here.
   */
  diskLevels: { args: Record<string, never>; result: DiskLevels };
  /** Whether a helper container may measure an engine's storage where it is not on this computer. */
  diskSettings: { args: Record<string, never>; result: DiskSettings };
  /** Changes those settings (saved in the data folder); the image must be an image reference. */
  setDiskSettings: { args: Partial<DiskSettings>; result: DiskSettings };
  /**
   * Every volume, anonymous or named, with the containers that mount it; with
   * `sizes`, each one's size from the engine's disk usage (it walks every volume).
   */
  volumes: { args: { sizes?: boolean }; result: VolumeList };
  /** An image's layers with sizes and how widely each is shared. */
  imageLayers: { args: { id: string }; result: ImageLayerView };
  engineHealth: { args: Record<string, never>; result: EngineHealth };
  listEndpoints: { args: Record<string, never>; result: Endpoint[] };
  selectEngine: { args: SelectEngineArgs; result: EngineHealth };
  stopContainer: { args: ContainerIdArgs; result: { id: string } };
  startContainer: { args: ContainerIdArgs; result: { id: string } };
  /** The engine's build cache records (BuildKit); removing them is a plan (prune-build-cache). */
  buildCache: { args: Record<string, never>; result: BuildCacheList };
  /** Plans a cleanup against the live inventory; nothing changes on the engine. */
  previewPlan: { args: { intent: CleanupIntent }; result: Plan };
  /** Runs a previewed plan's steps, and only those; id and digest must match the preview. */
  executePlan: { args: { planId: string; digest: string }; result: ExecutionReport };
  /** Stops a running plan between steps. */
  cancelPlan: { args: { planId: string }; result: { cancelled: boolean } };
  /** A new plan for what an interrupted plan did not finish, against today's inventory. */
  resumePlan: { args: { planId: string }; result: Plan };
  history: { args: Record<string, never>; result: HistoryEntry[] };
  /** What the trash holds (copies plans kept before removing), its size, and its settings. */
  trash: { args: Record<string, never>; result: TrashListing };
  /**
   * Loads a trash entry back into the engine: its images with each tag that is free, its
   * containers under their names where free. Removes nothing; emptying the trash is a plan.
   */
  restoreFromTrash: { args: { id: string }; result: RestoreReport };
  /** The trash's default for new plans, its size cap and age limit (saved in the data folder). */
  setTrashSettings: { args: Partial<TrashSettings>; result: TrashSettings };
  /** Writes the history to a file the user picks; null when they cancel. */
  exportHistory: { args: { format: 'json' | 'csv' }; result: { path: string | null } };
  /** The cleanup policies with each one's last and next run (main's own state). */
  policies: { args: Record<string, never>; result: PolicyStatus[] };
  /**
   * Saves a policy (under `previousName` when renamed). Saving removes nothing: what a
   * policy would remove is a plan, previewed with previewPlan and run with executePlan.
   */
  savePolicy: { args: { policy: Policy; previousName?: string }; result: PolicyStatus[] };
  /** Forgets a policy; nothing on the engine changes. */
  removePolicy: { args: { name: string }; result: PolicyStatus[] };
  /**
   * The engines watched side by side (the Fleet screen): each one's state, lists, disk
   * usage and last cleanups, with totals. The current engine is always one of them.
   */
  fleet: { args: Record<string, never>; result: FleetOverview };
  /** Which engines to watch besides the current one (saved in the data folder); removes nothing. */
  setFleet: { args: { hosts: string[] }; result: FleetOverview };
  /**
   * One plan per engine named, each previewed on that engine's own connection and pinned
   * like previewPlan's; nothing changes on any engine.
   */
  previewFleetPlan: { args: { hosts: string[]; intent: CleanupIntent }; result: FleetPlan };
  /**
   * Runs a plan across engines that main made and still holds, once: each engine's part
   * as executePlan runs a previewed plan (id and digest, re-checks, main's confirmation,
   * the history). An id main does not hold is refused and changes nothing.
   */
  executeFleetPlan: { args: { fleetPlanId: string }; result: FleetRunReport };
  /**
   * The docker contexts stored in $DOCKER_CONFIG (default ~/.docker), as `docker context ls`
   * lists them without the built-in "default", the one config.json uses marked current.
   */
  engineContexts: { args: Record<string, never>; result: EngineContextEntry[] };
  /**
   * One bounded connection attempt to a tcp:// or ssh:// engine with these TLS files (checked
   * first: a file that is not a certificate or key is a refusal naming the field). What the
   * engine's side did is the result (its version, or why not in the TLS classifier's words);
   * nothing is written.
   */
  testEngine: { args: EngineAddress; result: EngineTestResult };
  /** The same test for a stored context, with its own address and TLS files. */
  testEngineContext: { args: { name: string }; result: EngineTestResult };
  /**
   * Writes a docker context exactly as `docker context create` does (TLS files copied in),
   * after the same test unless `test` is false: a failed test writes nothing. Answers the
   * contexts as they now are; listEndpoints lists the new engine too.
   */
  addEngine: { args: AddEngineArgs; result: { added: AddedEngine; contexts: EngineContextEntry[] } };
  /**
   * Deletes a context's two folders (its meta.json and its TLS copies) and nothing else: no
   * engine, image, container or volume is touched, config.json is only read. Refuses the
   * context config.json names current, as the docker CLI does.
   */
  removeEngine: { args: { name: string }; result: { removed: string[]; contexts: EngineContextEntry[] } };
}

export type Channel = keyof Contract;
export type ArgsOf<C extends Channel> = Contract[C]['args'];
export type ResultOf<C extends Channel> = Contract[C]['result'];

/** Every channel, at runtime. The type test checks this lists exactly `keyof Contract`. */
export const channels = [
  'inventory',
  'diskUsage',
  'diskLevels',
  'diskSettings',
  'setDiskSettings',
  'volumes',
  'imageLayers',
  'engineHealth',
  'listEndpoints',
  'selectEngine',
  'stopContainer',
  'startContainer',
  'buildCache',
  'previewPlan',
  'executePlan',
  'cancelPlan',
  'resumePlan',
  'history',
  'exportHistory',
  'trash',
  'restoreFromTrash',
  'setTrashSettings',
  'policies',
  'savePolicy',
  'removePolicy',
  'fleet',
  'setFleet',
  'previewFleetPlan',
  'executeFleetPlan',
  'engineContexts',
  'testEngine',
  'testEngineContext',
  'addEngine',
  'removeEngine',
] as const satisfies readonly Channel[];

/** Events main pushes to the renderer. */
export interface EventMap {
  inventoryChanged: InventorySnapshot;
  engineHealth: EngineHealth;
  planProgress: PlanProgress;
  /** The tray asked the window to show a plan preview (e.g. "Prune unused older than 24 h…"). */
  showPlan: Plan;
  /** The tray asked the window to open a screen (its "… — Review…" line for volumes, containers, build cache). */
  showScreen: { screen: ReviewScreen };
  /** The policies changed: saved, removed, or one ran (its last and next run). */
  policiesChanged: PolicyStatus[];
  /** A watched engine's state, lists or disk usage changed (coalesced), or the engines watched did. */
  fleetChanged: FleetOverview;
}

/** The screens the tray may open. */
export type ReviewScreen = 'volumes' | 'containers' | 'build-cache' | 'trash' | 'policies' | 'activity';
export type EventName = keyof EventMap;
export const eventNames = [
  'inventoryChanged',
  'engineHealth',
  'planProgress',
  'showPlan',
  'showScreen',
  'policiesChanged',
  'fleetChanged',
] as const satisfies readonly EventName[];

/** IPC channel strings; the prefix keeps ours apart from anything Electron adds. */
export const invokeChannel = (c: Channel): string => `barnacle:${c}`;
export const eventChannel = (e: EventName): string => `barnacle-event:${e}`;

/** What `window.barnacle` offers the renderer. */
export type BarnacleApi = {
  [C in Channel]: (args: ArgsOf<C>) => Promise<Result<ResultOf<C>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
};

/** Main's side: one function per channel, taking unvalidated input. */
export type HandlerTable = { [C in Channel]: (args: unknown) => Promise<Result<ResultOf<C>>> };
