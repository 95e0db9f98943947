// Policies: named sets of cleanup rules with a schedule and a mode. A policy's
// rules are a prune intent's (src-shared/plan.ts, type 'prune-images'), so what a
// policy would remove is always a plan: shown, pinned, re-checked and recorded
// like any other. Main keeps the policies and runs them (src-main/policies); the
// renderer and the CLI read and edit the same file through these types.

import type { Phrase } from './phrase';

/** Which tags count as a repository's newest when keeping N of them. */
export type NewestBy = 'created' | 'last-used';

/** Keep the newest `count` tags of each repository (a tag kept keeps its whole image). */
export interface KeepNewest {
  count: number;
  by: NewestBy;
}

/**
 * docuum's rule, previewed: only while the engine's storage is past `trigger`,
 * remove the least recently used images until it is back at `target`.
 * 'images-bytes': what the engine's images take (their layers, each counted once)
 * is over `trigger` bytes; remove until at most `target` bytes.
 * 'disk-free': the engine's disk has less than `trigger` bytes free; remove until `target` bytes are free.
 */
export interface StorageThreshold {
  measure: 'images-bytes' | 'disk-free';
  trigger: number;
  target: number;
}

/** What a threshold plan found when it was made, so the preview can say why it removes what it removes. */
export interface ThresholdReading extends StorageThreshold {
  /** The measure at planning time, bytes. */
  measured: number;
  /** Whether the measure was past the trigger (when not, the plan removes nothing). */
  over: boolean;
  /** The measure once the plan's steps ran, as the plan counts its bytes. */
  after: number;
  /** False when every image the rules allow goes and the target is still not met. */
  reachesTarget: boolean;
}

export type PolicySchedule = 'hourly' | 'daily' | 'weekly' | 'over-threshold';
/** notify: say what the policy would free, change nothing (the default). apply: run the plan, then say what it did. */
export type PolicyMode = 'notify' | 'apply';

/** The rules a policy plans with: a prune of unused images with its filters and these additions. */
export interface PolicyRules {
  /** Not used for longer than this Go duration ("720h"), by last use (src-shared/last-used.ts). */
  unusedFor?: string;
  /** Older than this Go duration, on the clock named by untilClock (as `prune --filter until`). */
  olderThan?: string;
  untilClock?: 'engine' | 'build';
  keepNewest?: KeepNewest;
  /** Name patterns to keep ("postgres:*"). */
  keep?: string[];
  /** Label filters ("key" or "key=value"): an image with any of them is kept. */
  keepLabels?: string[];
  threshold?: StorageThreshold;
}

export interface Policy {
  /** Its name, unique: letters, digits, spaces, ".", "_" and "-". */
  name: string;
  enabled: boolean;
  schedule: PolicySchedule;
  mode: PolicyMode;
  rules: PolicyRules;
}

export type PolicyRunOutcome = 'nothing' | 'notified' | 'applied' | 'failed';

/** What a policy's last run did, as the tray and the Policies screen show it. */
export interface PolicyRun {
  at: number;
  outcome: PolicyRunOutcome;
  /** What the plan freed (applied) or would free (notified), bytes. */
  bytes: number;
  images: number;
  planId?: string;
  /** failed: why, as a catalogue phrase. */
  reason?: Phrase;
}

export interface PolicyStatus {
  policy: Policy;
  lastRun?: PolicyRun;
  /** When it runs next (ms); none for a disabled policy. 'over-threshold' policies: the next check. */
  nextRun?: number;
}

export const POLICY_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u;

export const HOUR_MS = 3_600_000;
/** How often a threshold policy checks the engine's storage when no event asks sooner. */
export const THRESHOLD_CHECK_MS = 15 * 60_000;

const PERIOD_MS: Record<PolicySchedule, number> = {
  hourly: HOUR_MS,
  daily: 24 * HOUR_MS,
  weekly: 7 * 24 * HOUR_MS,
  'over-threshold': THRESHOLD_CHECK_MS,
};

/**
 * When a policy is due: one period after its last run, or now when it never ran.
 * A computer that slept through several periods is due once, not once per period
 * missed: the caller runs it and the next run counts from then.
 */
export function nextRunAt(policy: Policy, lastRunAt: number | undefined, now: number): number | undefined {
  if (!policy.enabled) return undefined;
  if (lastRunAt === undefined) return now;
  return lastRunAt + PERIOD_MS[policy.schedule];
}

/** The prune intent a policy plans with: unused images only, never containers, never forced, never volumes. */
export function policyIntent(policy: Pick<Policy, 'name' | 'rules'>) {
  const r = policy.rules;
  return {
    type: 'prune-images' as const,
    all: true,
    policy: policy.name,
    ...(r.olderThan ? { until: r.olderThan } : {}),
    ...(r.olderThan && r.untilClock ? { untilClock: r.untilClock } : {}),
    ...(r.unusedFor ? { unusedFor: r.unusedFor } : {}),
    ...(r.keepNewest ? { keepNewest: r.keepNewest } : {}),
    ...(r.keep?.length ? { keep: r.keep } : {}),
    ...(r.keepLabels?.length ? { notLabels: r.keepLabels } : {}),
    ...(r.threshold ? { threshold: r.threshold } : {}),
  };
}
