// The fleet overview read once (the CLI's `fleet df`, the benchmark): every engine
// reached on its own bounded connection, its two lists and, when asked, its disk
// usage, all side by side. A silent engine costs its own timeout; a slow
// /system/df (minutes on a big containerd store) is left behind after
// `usageWaitMs`, its engine shown with lists only.

import type { BarnacleError } from '../../src-shared/errors';
import { fleetTotals, type FleetOverview } from '../../src-shared/fleet';
import type { Endpoint } from '../../src-shared/model';
import type { HistoryEntry } from '../../src-shared/plan';
import { connectWithin, TEST_TIMEOUT_MS } from '../engine/test-connection';
import { readDiskUsage } from '../inventory/disk-usage';
import { readLists } from '../inventory/read-lists';
import { fleetEngineOf, fleetListsOf } from './fleet-engine';
import type { ReachedEngine } from './fleet-plans';

/** Every engine at once, each within its own timeout; one that cannot be reached says why. */
export function reachAll(endpoints: readonly Endpoint[], timeoutMs = TEST_TIMEOUT_MS): Promise<ReachedEngine[]> {
  return Promise.all(
    endpoints.map(async (endpoint): Promise<ReachedEngine> => {
      const reached = await connectWithin(endpoint, timeoutMs);
      if ('connection' in reached) return { endpoint, connection: reached.connection };
      const { state, message, says } = reached.failure;
      const error: BarnacleError = {
        kind: state === 'permission-denied' ? 'permission-denied' : 'engine-unreachable',
        message: message ?? state,
        ...(says ? { says } : {}),
      };
      return { endpoint, error };
    }),
  );
}

/** Resolves after `ms` with null, so a slow answer is left behind rather than waited for. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return Promise.race([promise.catch(() => null), late]).finally(() => clearTimeout(timer));
}

export interface FleetReadOptions {
  history: readonly HistoryEntry[];
  now: () => number;
  /** How long to wait for each engine's /system/df; 0 reads none (the overview from the lists alone). */
  usageWaitMs: number;
  connectTimeoutMs?: number;
}

export async function readFleetOverview(
  endpoints: readonly Endpoint[],
  options: FleetReadOptions,
): Promise<FleetOverview> {
  const { history, now } = options;
  const reached = await reachAll(endpoints, options.connectTimeoutMs);
  const engines = await Promise.all(
    reached.map(async (r) => {
      if ('error' in r) {
        const { kind, message, says } = r.error;
        const state = kind === 'permission-denied' ? 'permission-denied' : 'unreachable';
        const health = { state, message, ...(says ? { says } : {}) } as const;
        return fleetEngineOf({ endpoint: r.endpoint, health, lists: null, usage: null }, history);
      }
      const { connection, endpoint } = r;
      const [lists, usage] = await Promise.all([
        readLists(connection.docker).catch(() => null),
        options.usageWaitMs > 0 ? within(readDiskUsage(connection.docker, now), options.usageWaitMs) : null,
      ]);
      const health = { state: 'connected' as const, endpoint, engine: connection.engine };
      return fleetEngineOf({ endpoint, health, lists: lists && fleetListsOf(lists, now()), usage }, history);
    }),
  );
  return { engines, totals: fleetTotals(engines), at: now() };
}
