// What the tray menu shows, as plain data: the engine's state, the dangling
// images and what a quick prune frees, progress while it runs. The Electron
// shell turns this into a native Menu; tests and the docs screenshot read it
// directly. Pure: same state, same model.

import type { EngineHealth, InventorySnapshot } from '../../src-shared/model';
import type { PolicyStatus } from '../../src-shared/policy';
import { engineName } from '../../src-shared/engine-name';
import { trayLabels, traySize, type ReclaimablePart, type TrayLabels, type TrayLocale } from './tray-labels';

export type TrayActionId =
  'quick-prune' | 'prune-old' | 'review-largest' | 'policies' | 'open' | 'keep-in-tray' | 'start-at-login' | 'quit';

export type TrayMenuItem =
  | { kind: 'status'; id: string; label: string; enabled: false }
  | { kind: 'action'; id: TrayActionId; label: string; enabled: boolean }
  | { kind: 'toggle'; id: TrayActionId; label: string; enabled: boolean; checked: boolean }
  | { kind: 'separator'; id: string; label: ''; enabled: false };

export interface TrayMenuModel {
  /** The tray icon's hover text; says "Pruning… 3/7" while a prune runs. */
  tooltip: string;
  items: TrayMenuItem[];
}

export interface TraySettingsView {
  keepInTray: boolean;
  /** null where the platform has no login items Electron can set (Linux). */
  startAtLogin: boolean | null;
}

export interface TrayState {
  health: EngineHealth;
  inventory: InventorySnapshot | null;
  /**
   * The previewed dangling-prune plan: how many images it removes and the bytes
   * that frees; null while it is being computed (the inventory's count stands in).
   */
  danglingPlan: { images: number; bytesFreed: number; exact: boolean } | null;
  pruning: { done: number; total: number } | null;
  /** What the last quick prune freed; `exact: false` when the plan's sizes were estimates. */
  lastResult: { bytesFreed: number; exact?: boolean } | null;
  locale: TrayLocale;
  /** Shown as check items when given. */
  settings?: TraySettingsView;
  /** The policies with their runs (src-main/policies), and the time to count their next run from. */
  policies?: { statuses: PolicyStatus[]; now: number };
}

/** The enabled policy that runs next (the soonest next run); none when no policy is enabled. */
export function nextPolicy(statuses: readonly PolicyStatus[]): PolicyStatus | null {
  let next: PolicyStatus | null = null;
  for (const status of statuses) {
    if (!status.policy.enabled || status.nextRun === undefined) continue;
    if (!next || status.nextRun < next.nextRun!) next = status;
  }
  return next;
}

/** Dangling images a quick prune may take (no container at all), and those containers keep. */
export function danglingCounts(inventory: InventorySnapshot): { prunable: number; inUse: number } {
  const dangling = inventory.images.filter((i) => i.dangling);
  const prunable = dangling.filter((i) => i.unused && i.containers.length === 0).length;
  return { prunable, inUse: dangling.length - prunable };
}

/** Below this a part is not worth a menu line. */
const WORTH_REVIEWING = 1024 * 1024;

/**
 * The largest part of the disk, besides images, that the engine's last disk usage
 * counts as reclaimable: volumes no container mounts, stopped containers' layers,
 * unused build cache. Null when none is worth a line (or usage is not known yet).
 */
export function largestReclaimable(
  inventory: InventorySnapshot | null,
): { part: ReclaimablePart; bytes: number } | null {
  const usage = inventory?.diskUsage;
  if (!usage) return null;
  const parts: { part: ReclaimablePart; bytes: number }[] = [
    { part: 'volumes', bytes: usage.volumes.reclaimable },
    { part: 'containers', bytes: usage.containers.reclaimable },
    { part: 'build-cache', bytes: usage.buildCache.reclaimable },
  ];
  const largest = parts.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  return largest.bytes >= WORTH_REVIEWING ? largest : null;
}

/** The plan's count wins once known: it also keeps images that others are built on. */
function prunableCounts(state: TrayState): { prunable: number; inUse: number } | null {
  if (state.health.state !== 'connected' || !state.inventory) return null;
  const counts = danglingCounts(state.inventory);
  return state.danglingPlan ? { ...counts, prunable: state.danglingPlan.images } : counts;
}

function engineStatus(health: EngineHealth, t: TrayLabels): string {
  switch (health.state) {
    case 'connected':
      return t.engineRunning(engineName(health.engine.kind), health.engine.version);
    case 'connecting':
      return t.connecting(health.endpoint.label);
    default:
      return t.engineDown(health.endpoint.label, health.state);
  }
}

const status = (id: string, label: string): TrayMenuItem => ({ kind: 'status', id, label, enabled: false });
const action = (id: TrayActionId, label: string, enabled = true): TrayMenuItem => ({
  kind: 'action',
  id,
  label,
  enabled,
});
const separator = (id: string): TrayMenuItem => ({ kind: 'separator', id, label: '', enabled: false });

export function trayMenuModel(state: TrayState): TrayMenuModel {
  const t = trayLabels(state.locale);
  const size = (bytes: number) => traySize(bytes, state.locale);
  const connected = state.health.state === 'connected';
  const counts = prunableCounts(state);
  const planSize = state.danglingPlan ? size(state.danglingPlan.bytesFreed) : '…';

  const items: TrayMenuItem[] = [status('engine', engineStatus(state.health, t))];
  if (connected && !counts) items.push(status('dangling', t.readingImages));
  if (counts) {
    items.push(status('dangling', t.dangling(counts.prunable, counts.prunable ? planSize : size(0))));
    if (counts.inUse) items.push(status('dangling-in-use', t.danglingInUse(counts.inUse)));
  }
  items.push(separator('sep-prune'));

  if (state.pruning) {
    items.push(action('quick-prune', t.pruning(state.pruning.done, state.pruning.total), false));
  } else if (!counts) {
    items.push(action('quick-prune', t.quickPruneNoEngine, false));
  } else if (counts.prunable === 0) {
    items.push(action('quick-prune', t.nothingToPrune, false));
  } else {
    items.push(action('quick-prune', t.quickPrune(planSize, state.danglingPlan?.exact ?? true)));
  }
  if (state.lastResult && !state.pruning)
    items.push(status('last-result', t.lastResult(size(state.lastResult.bytesFreed), state.lastResult.exact ?? true)));
  items.push(action('prune-old', t.pruneOld, connected && !state.pruning));
  const largest = connected ? largestReclaimable(state.inventory) : null;
  if (largest) items.push(action('review-largest', t.reviewPart(largest.part, size(largest.bytes))));
  const policy = state.policies ? nextPolicy(state.policies.statuses) : null;
  if (policy && state.policies) {
    // Opens the Policies screen: the tray says when and what, the screen is where a policy changes.
    const last = policy.lastRun ? { outcome: policy.lastRun.outcome, size: size(policy.lastRun.bytes) } : null;
    items.push(action('policies', t.policyLine(policy.policy.name, policy.nextRun! - state.policies.now, last)));
  }
  items.push(separator('sep-app'));
  items.push(action('open', t.open));
  if (state.settings) {
    items.push({
      kind: 'toggle',
      id: 'keep-in-tray',
      label: t.keepInTray,
      enabled: true,
      checked: state.settings.keepInTray,
    });
    if (state.settings.startAtLogin !== null) {
      items.push({
        kind: 'toggle',
        id: 'start-at-login',
        label: t.startAtLogin,
        enabled: true,
        checked: state.settings.startAtLogin,
      });
    }
  }
  items.push(separator('sep-quit'));
  items.push(action('quit', t.quit));

  return { tooltip: `Barnacle — ${tooltipStatus(state, t, counts, planSize)}`, items };
}

function tooltipStatus(state: TrayState, t: TrayLabels, counts: { prunable: number } | null, planSize: string): string {
  if (state.pruning) return t.pruning(state.pruning.done, state.pruning.total);
  if (!counts) return engineStatus(state.health, t);
  return counts.prunable ? t.tooltipDangling(counts.prunable, planSize) : t.tooltipNothing;
}
