// Several engines at once (issue 14): what the fleet overview shows of each
// engine, and a plan made across engines. The app (src-main/fleet, the Fleet
// screen) and the CLI (`barnacle fleet df|plan|apply`) share these shapes, and
// `--json` prints them as they are.

import type { BarnacleError } from './errors';
import type { DiskUsage, Endpoint, EngineHealth, EngineInfo } from './model';
import type { CleanupIntent, ExecutionReport, Plan } from './plan';
import { shellWord } from './shell-word';

/**
 * At most this many engines watched at once (the app): each is a connection and an event
 * stream, and a plan across all of them pins one plan each in main's registry of twenty
 * previewed plans, which must still hold every part when Run comes.
 */
export const MOST_FLEET_ENGINES = 16;

/** What one engine holds, from its two lists (cheap on every store, unlike /system/df). */
export interface FleetLists {
  images: number;
  /** Images no container uses: what a prune of unused images looks at. */
  unusedImages: number;
  dangling: number;
  /** Every image's bytes counted once per image, as `docker images` lists them. */
  imageBytes: number;
  containers: number;
  running: number;
  /** When the lists were read (ms since epoch). */
  readAt: number;
}

/** The last plan the history records on this engine. */
export interface FleetCleanup {
  planId: string;
  at: number;
  bytesFreed: number;
  finished: boolean;
  /** Set when a policy made the plan (its name). */
  policy?: string;
  automatic?: boolean;
}

export interface FleetEngine {
  endpoint: Endpoint;
  /** Connected, or why not: each engine has its own connection, timeout and backoff. */
  health: EngineHealth['state'];
  engine?: EngineInfo;
  /** Why it is not connected, in English; `says` is what people read. */
  message?: string;
  says?: BarnacleError['says'];
  /** When the next reconnect attempt happens (ms since epoch), while it is not connected and one is scheduled. */
  retryAt?: number;
  lists: FleetLists | null;
  /** Disk usage by type with what is reclaimable; slow on the containerd store, so it may come later or not at all. */
  usage: DiskUsage | null;
  lastCleanup: FleetCleanup | null;
  /** The last plan a policy made here (automatic or not). */
  lastPolicyRun: FleetCleanup | null;
}

export interface FleetTotals {
  engines: number;
  connected: number;
  images: number;
  imageBytes: number;
  containers: number;
  running: number;
  /** Summed over engines whose disk usage is known; `usageFrom` says how many that is. */
  diskBytes: number;
  reclaimable: number;
  usageFrom: number;
}

export interface FleetOverview {
  engines: FleetEngine[];
  totals: FleetTotals;
  /** When this overview was put together. */
  at: number;
}

/** One engine's part of a plan across engines: its own plan, or why it has none. */
export type FleetPlanPart =
  | {
      endpoint: Endpoint;
      plan: Plan;
      /** The plan's commands aimed at this engine (`docker --context NAME …`). */
      commands: string[];
    }
  | { endpoint: Endpoint; error: BarnacleError };

export interface FleetPlan {
  id: string;
  createdAt: number;
  intent: CleanupIntent;
  parts: FleetPlanPart[];
  /** Summed over the engines that have a plan. */
  bytesFreed: number;
  exact: boolean;
  steps: number;
}

export type FleetRunPart =
  { host: string; planId: string; report: ExecutionReport } | { host: string; planId?: string; error: BarnacleError };

export interface FleetRunReport {
  fleetPlanId: string;
  parts: FleetRunPart[];
  bytesFreed: number;
  /** Every engine's plan ran to its end. */
  finished: boolean;
}

/** How the docker CLI names this engine: its context when it has one, else its address. */
export function engineFlag(endpoint: Pick<Endpoint, 'host' | 'contextName'>): string {
  return endpoint.contextName !== undefined
    ? `--context ${shellWord(endpoint.contextName)}`
    : `--host ${shellWord(endpoint.host)}`;
}

/**
 * A plan's commands aimed at one engine of several: every `docker` that starts a
 * command or follows a pipe gets the engine's flag, so the commands run as shown
 * against the engine the plan was made for, whatever the shell's own context is.
 */
export function commandsOnEngine(
  commands: readonly string[],
  endpoint: Pick<Endpoint, 'host' | 'contextName'>,
): string[] {
  const flag = engineFlag(endpoint);
  return commands.map((command) => command.replace(/(^|\|\s*|&&\s*|;\s*)docker /g, `$1docker ${flag} `));
}

export function fleetTotals(engines: readonly FleetEngine[]): FleetTotals {
  const totals: FleetTotals = {
    engines: engines.length,
    connected: 0,
    images: 0,
    imageBytes: 0,
    containers: 0,
    running: 0,
    diskBytes: 0,
    reclaimable: 0,
    usageFrom: 0,
  };
  for (const e of engines) {
    if (e.health === 'connected') totals.connected++;
    if (e.lists) {
      totals.images += e.lists.images;
      totals.imageBytes += e.lists.imageBytes;
      totals.containers += e.lists.containers;
      totals.running += e.lists.running;
    }
    if (e.usage) {
      totals.usageFrom++;
      for (const kind of ['images', 'containers', 'volumes', 'buildCache'] as const) {
        totals.diskBytes += e.usage[kind].total;
        totals.reclaimable += e.usage[kind].reclaimable;
      }
    }
  }
  return totals;
}
