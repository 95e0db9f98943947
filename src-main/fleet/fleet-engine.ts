// One engine's line in the fleet overview, from what is already known of it: its
// health, its two lists, its disk usage when read, and the history's last plans
// there. Pure, so the app (followed inventories) and the CLI (one read each) put
// the same overview together.

import type { FleetCleanup, FleetEngine, FleetLists } from '../../src-shared/fleet';
import { isActiveState } from '../../src-shared/container-state';
import type { ContainerSummary, DiskUsage, Endpoint, EngineHealth, ImageSummary } from '../../src-shared/model';
import type { HistoryEntry } from '../../src-shared/plan';

export function fleetListsOf(
  lists: { images: readonly ImageSummary[]; containers: readonly ContainerSummary[] },
  readAt: number,
): FleetLists {
  let unusedImages = 0;
  let dangling = 0;
  let imageBytes = 0;
  for (const image of lists.images) {
    if (image.containers.length === 0) unusedImages++;
    if (image.dangling) dangling++;
    imageBytes += image.size;
  }
  return {
    images: lists.images.length,
    unusedImages,
    dangling,
    imageBytes,
    containers: lists.containers.length,
    running: lists.containers.filter((c) => isActiveState(c.state)).length,
    readAt,
  };
}

function cleanupOf(entry: HistoryEntry): FleetCleanup {
  const cleanup: FleetCleanup = {
    planId: entry.planId,
    at: entry.finishedAt,
    bytesFreed: entry.bytesFreed,
    finished: entry.finished,
  };
  if (entry.intent.type === 'prune-images' && entry.intent.policy !== undefined) {
    cleanup.policy = entry.intent.policy;
    if (entry.intent.automatic) cleanup.automatic = true;
  }
  return cleanup;
}

/** The newest plan recorded on this engine, and the newest a policy made. History is oldest first. */
export function lastCleanupsOn(
  host: string,
  history: readonly HistoryEntry[],
): Pick<FleetEngine, 'lastCleanup' | 'lastPolicyRun'> {
  let lastCleanup: FleetCleanup | null = null;
  let lastPolicyRun: FleetCleanup | null = null;
  for (const entry of history) {
    if (entry.engine.host !== host) continue;
    if (!lastCleanup || entry.finishedAt >= lastCleanup.at) lastCleanup = cleanupOf(entry);
    const policy = entry.intent.type === 'prune-images' && entry.intent.policy !== undefined;
    if (policy && (!lastPolicyRun || entry.finishedAt >= lastPolicyRun.at)) lastPolicyRun = cleanupOf(entry);
  }
  return { lastCleanup, lastPolicyRun };
}

export interface EngineKnown {
  endpoint: Endpoint;
  health:
    EngineHealth | { state: Exclude<EngineHealth['state'], 'connected'>; message?: string; says?: FleetEngine['says'] };
  lists: FleetLists | null;
  usage: DiskUsage | null;
}

export function fleetEngineOf(known: EngineKnown, history: readonly HistoryEntry[]): FleetEngine {
  const { health } = known;
  const line: FleetEngine = {
    endpoint: known.endpoint,
    health: health.state,
    lists: known.lists,
    usage: known.usage,
    ...lastCleanupsOn(known.endpoint.host, history),
  };
  if ('engine' in health) line.engine = health.engine;
  if ('message' in health && health.message !== undefined) line.message = health.message;
  if ('says' in health && health.says) line.says = health.says;
  if ('retryAt' in health && health.retryAt !== undefined) line.retryAt = health.retryAt;
  return line;
}
