// The prune dialog's options and the intent they make. The intent is planned
// by main like any other, so the dialog lists exactly what will go.

import type { CleanupIntent } from '../../../src-shared/plan';

export type PruneAge = 'any' | '24h' | '7d' | '30d' | 'custom';
export type AgeUnit = 'minutes' | 'hours' | 'days';

export interface PruneForm {
  scope: 'dangling' | 'unused';
  age: PruneAge;
  customAmount: number;
  customUnit: AgeUnit;
  /** Label filters to keep ("key" or "key=value"), comma separated: docker's label!=. */
  keepLabels: string;
  /** Name patterns to keep (globs like "postgres:*"), comma separated. */
  keepNames: string;
  withStoppedContainers: boolean;
  buildCache: boolean;
}

export function defaultPruneForm(): PruneForm {
  return {
    scope: 'dangling',
    age: 'any',
    customAmount: 12,
    customUnit: 'hours',
    keepLabels: '',
    keepNames: '',
    withStoppedContainers: false,
    buildCache: false,
  };
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

export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function pruneIntent(form: PruneForm): CleanupIntent {
  const until = untilOf(form);
  const notLabels = splitList(form.keepLabels);
  const keep = splitList(form.keepNames);
  return {
    type: 'prune-images',
    all: form.scope === 'unused',
    ...(until ? { until } : {}),
    ...(notLabels.length ? { notLabels } : {}),
    ...(keep.length ? { keep } : {}),
    ...(form.withStoppedContainers ? { withStoppedContainers: true } : {}),
  };
}
