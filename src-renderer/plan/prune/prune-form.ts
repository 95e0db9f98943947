// The prune dialog's options and the intent they make. The intent is planned
// by main like any other, so the dialog lists exactly what will go.

import { usesArrivalClock } from '../../../src-shared/image-store';
import type { EngineInfo } from '../../../src-shared/model';
import type { CleanupIntent, UntilClock } from '../../../src-shared/plan';

export type PruneAge = 'any' | '24h' | '7d' | '30d' | 'custom';
export type AgeUnit = 'minutes' | 'hours' | 'days';

export interface PruneForm {
  scope: 'dangling' | 'unused';
  age: PruneAge;
  customAmount: number;
  customUnit: AgeUnit;
  /**
   * Which clock "older than" reads; a choice only on Docker's containerd image store
   * (see arrivalClock), where docker image prune reads when an image arrived.
   */
  untilClock: UntilClock;
  /** Label filters to keep ("key" or "key=value"), comma separated: docker's label!=. */
  keepLabels: string;
  /** Name patterns to keep (globs like "postgres:*"), comma separated. */
  keepNames: string;
  withStoppedContainers: boolean;
  buildCache: boolean;
}

/** What the form needs to know of the connected engine (null: not connected). */
export type PruneEngine = Pick<EngineInfo, 'kind' | 'imageStore'> | null;

export function defaultPruneForm(): PruneForm {
  return {
    scope: 'dangling',
    age: 'any',
    customAmount: 12,
    customUnit: 'hours',
    untilClock: 'engine',
    keepLabels: '',
    keepNames: '',
    withStoppedContainers: false,
    buildCache: false,
  };
}

/** Whether the engine's `prune --filter until` reads when an image arrived (see usesArrivalClock); not connected: no. */
export function arrivalClock(engine: PruneEngine): boolean {
  return engine !== null && usesArrivalClock(engine);
}

/** Podman's compat API has no build cache endpoint (POST /build/prune answers 404). */
export function buildCacheOffered(engine: PruneEngine): boolean {
  return engine?.kind !== 'podman';
}

const presets: Record<Exclude<PruneAge, 'any' | 'custom'>, string> = { '24h': '24h', '7d': '168h', '30d': '720h' };

/** The Go duration docker's `until` filter takes; days become hours (Go has no day unit). */
export function untilOf(form: PruneForm): string | undefined {
  if (form.age === 'any') return undefined;
  if (form.age !== 'custom') return presets[form.age];
  const amount = Number.isFinite(form.customAmount) ? Math.max(0, Math.round(form.customAmount)) : 0;
  if (form.customUnit === 'minutes') return `${amount}m`;
  if (form.customUnit === 'hours') return `${amount}h`;
  return `${amount * 24}h`;
}

/**
 * The clock to send with `until`: the engine's on the containerd store (said
 * outright, so the plan records which), the build date when asked for it;
 * nothing otherwise (main then reads the engine's clock, the build date there).
 */
export function untilClockOf(form: PruneForm, engine: PruneEngine): UntilClock | undefined {
  if (untilOf(form) === undefined) return undefined;
  if (form.untilClock === 'build') return 'build';
  return arrivalClock(engine) ? 'engine' : undefined;
}

export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function pruneIntent(form: PruneForm, engine: PruneEngine = null): CleanupIntent {
  const until = untilOf(form);
  const untilClock = untilClockOf(form, engine);
  const notLabels = splitList(form.keepLabels);
  const keep = splitList(form.keepNames);
  return {
    type: 'prune-images',
    all: form.scope === 'unused',
    ...(until ? { until } : {}),
    ...(untilClock ? { untilClock } : {}),
    ...(notLabels.length ? { notLabels } : {}),
    ...(keep.length ? { keep } : {}),
    ...(form.withStoppedContainers ? { withStoppedContainers: true } : {}),
  };
}
