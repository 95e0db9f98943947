// What the Fleet screen draws, worked out apart from Svelte so it can be
// tested: an engine's disk usage as one stacked bar by type, its state's tone,
// the engines to offer as checkboxes, a plan part's counts, and where each
// engine's run stands from the planProgress events.

import type { FleetPlan, FleetPlanPart, FleetRunReport } from '../../../src-shared/fleet';
import type { DiskUsage, Endpoint } from '../../../src-shared/model';
import type { Plan } from '../../../src-shared/plan';
import type { BarnacleError } from '../../../src-shared/errors';
import { usageKinds, type UsageKind } from '../overview/usage-kinds';

export interface UsageSegment {
  kind: UsageKind;
  bytes: number;
  /** Share of the engine's total, 0–100. */
  pct: number;
  /** Where it starts, 0–100. */
  at: number;
}

/** Disk usage by type on one bar (each kind its share of the engine's total), with what is reclaimable. */
export function usageStack(usage: DiskUsage): { segments: UsageSegment[]; total: number; reclaimable: number } {
  const total = usageKinds.reduce((sum, kind) => sum + Math.max(0, usage[kind].total), 0);
  const reclaimable = usageKinds.reduce((sum, kind) => sum + Math.max(0, usage[kind].reclaimable), 0);
  let at = 0;
  const segments: UsageSegment[] = [];
  for (const kind of usageKinds) {
    const bytes = Math.max(0, usage[kind].total);
    if (bytes === 0 || total === 0) continue;
    const pct = (bytes / total) * 100;
    segments.push({ kind, bytes, pct, at });
    at += pct;
  }
  return { segments, total, reclaimable };
}

export interface WatchChoice {
  host: string;
  label: string;
  current: boolean;
  checked: boolean;
}

/**
 * The engines to offer: every endpoint found, then any watched address not
 * among them (one typed by hand); the current engine is always ticked and fixed.
 */
export function watchChoices(
  endpoints: readonly Endpoint[],
  watched: readonly string[],
  currentHost: string | null,
): WatchChoice[] {
  const choices: WatchChoice[] = endpoints.map((e) => ({
    host: e.host,
    label: e.label,
    current: e.host === currentHost,
    checked: e.host === currentHost || watched.includes(e.host),
  }));
  for (const host of watched) {
    if (!choices.some((c) => c.host === host)) choices.push({ host, label: host, current: false, checked: true });
  }
  return choices;
}

/** The addresses to watch after one box changes (the current engine is never sent: it is watched anyway). */
export function toggledHosts(
  watched: readonly string[],
  host: string,
  checked: boolean,
  currentHost: string | null,
): string[] {
  const next = watched.filter((h) => h !== host && h !== currentHost);
  if (checked && host !== currentHost) next.push(host);
  return next;
}

/** A part's plan, or null when the engine has none. */
export const planOf = (part: FleetPlanPart): Plan | null => ('plan' in part ? part.plan : null);

/** Counts for a part's line: steps, what was left out, conflicts kept by default. */
export function partCounts(plan: Plan): { steps: number; skipped: number; decisions: number } {
  return { steps: plan.steps.length, skipped: plan.skipped.length, decisions: plan.decisions.length };
}

/** The engines that would run something: a plan with at least one step. */
export function runnableParts(plan: FleetPlan): number {
  return plan.parts.filter((p) => 'plan' in p && p.plan.steps.length > 0).length;
}

export type PartRun =
  | { state: 'waiting' }
  | { state: 'running'; done: number; total: number }
  | { state: 'done'; bytesFreed: number; finished: boolean }
  | { state: 'failed'; error: BarnacleError };

/** Where one engine's part stands: its result once the run answered, else its progress, else waiting. */
export function partRun(
  host: string,
  planId: string | null,
  progress: Readonly<Record<string, { done: number; total: number }>>,
  report: FleetRunReport | null,
): PartRun {
  const result = report?.parts.find((p) => p.host === host);
  if (result) {
    return 'report' in result
      ? { state: 'done', bytesFreed: result.report.bytesFreed, finished: result.report.finished }
      : { state: 'failed', error: result.error };
  }
  const seen = planId ? progress[planId] : undefined;
  return seen ? { state: 'running', ...seen } : { state: 'waiting' };
}
