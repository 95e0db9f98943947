// `barnacle plan …` flags → the CleanupIntent the planner takes. Pure.
// The fix flags answer the planner's conflict questions up front, the way a
// person answers them in the app; without a flag the planner's cautious default
// stands (keep the image) and the item shows up in the plan's `skipped`.

import type { CleanupIntent, FixChoices } from '../../src-shared/plan';
import { imageRefSchema, labelFilterSchema, untilSchema } from '../ipc/schemas';
import { usageError } from './cli-error';

export const fixFlagNames = ['stop-running', 'remove-containers', 'force-delete', 'all-tags', 'with-children'] as const;
type FixFlag = (typeof fixFlagNames)[number];

export interface PlanFlags extends Partial<Record<FixFlag, boolean>> {
  kind: 'rmi' | 'prune' | 'rm-stopped';
  /** Positional arguments after `plan <kind>`. */
  refs: string[];
  all?: boolean;
  until?: string;
  /** 'engine' (default): the clock the engine's own prune reads; 'build': the image's build date. */
  'until-clock'?: string;
  filter?: string[];
  keep?: string[];
}

export function fixChoices(flags: PlanFlags): FixChoices {
  if (flags['remove-containers'] && flags['force-delete']) {
    throw usageError('--remove-containers and --force-delete are two answers to the same conflict: pick one.');
  }
  const choices: FixChoices = {};
  if (flags['stop-running']) choices.runningContainer = 'stop-and-remove-containers';
  if (flags['remove-containers']) choices.stoppedContainer = 'remove-containers';
  if (flags['force-delete']) choices.stoppedContainer = 'force-delete';
  if (flags['all-tags']) choices.multipleReferences = 'all-tags';
  if (flags['with-children']) choices.dependentChildren = 'remove-children';
  return choices;
}

export interface FilterSet {
  until?: string;
  labels: string[];
  notLabels: string[];
  ancestor?: string;
}

/** `--filter key=value` as docker's prune commands read it; `label!=` is the negation. */
export function readFilters(filters: string[], admitted: readonly string[]): FilterSet {
  const set: FilterSet = { labels: [], notLabels: [] };
  for (const filter of filters) {
    const match = /^([a-z]+)(!?=)(.*)$/.exec(filter);
    const key = match?.[1] ?? '';
    const negated = match?.[2] === '!=';
    const name = negated ? `${key}!` : key;
    if (!match || !admitted.includes(name)) {
      throw usageError(`unsupported filter "${filter}"; use ${admitted.map((k) => `${k}=…`).join(', ')}.`);
    }
    const value = match[3] ?? '';
    if (value === '') throw usageError(`filter "${filter}" needs a value.`);
    switch (name) {
      case 'label':
        set.labels.push(checked(labelFilterSchema, value, filter));
        break;
      case 'label!':
        set.notLabels.push(checked(labelFilterSchema, value, filter));
        break;
      case 'until':
        if (set.until !== undefined) throw usageError('give "until" once.');
        set.until = checked(untilSchema, value, filter);
        break;
      case 'ancestor':
        if (set.ancestor !== undefined) throw usageError('give "ancestor" once.');
        set.ancestor = checked(imageRefSchema, value, filter);
        break;
    }
  }
  return set;
}

interface Checker {
  safeParse(
    value: unknown,
  ): { success: true; data: string } | { success: false; error: { issues: { message: string }[] } };
}

function checked(schema: Checker, value: string, what: string): string {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw usageError(`${what}: ${result.error.issues[0]?.message ?? 'not valid'}`);
}

function rmiIntent(flags: PlanFlags): CleanupIntent {
  if (flags.refs.length === 0) throw usageError('"barnacle plan rmi" needs at least one image (tag or ID).');
  const refs = flags.refs.map((ref) => checked(imageRefSchema, ref, `"${ref}"`));
  const choices = fixChoices(flags);
  return Object.keys(choices).length > 0 ? { type: 'remove-images', refs, choices } : { type: 'remove-images', refs };
}

function pruneIntent(flags: PlanFlags): CleanupIntent {
  const filters = readFilters(flags.filter ?? [], ['until', 'label', 'label!']);
  if (flags.until !== undefined && filters.until !== undefined && flags.until !== filters.until) {
    throw usageError('--until and --filter until=… disagree: give one.');
  }
  const until = flags.until !== undefined ? checked(untilSchema, flags.until, '--until') : filters.until;
  const keep = (flags.keep ?? []).map((pattern) => {
    if (pattern.trim() === '') throw usageError('--keep needs a name pattern, e.g. "postgres:*".');
    return pattern;
  });
  const clock = flags['until-clock'];
  if (clock !== undefined && clock !== 'engine' && clock !== 'build') {
    throw usageError('--until-clock takes "engine" (what docker image prune compares) or "build" (the build date).');
  }
  if (clock !== undefined && until === undefined) throw usageError('--until-clock goes with --until.');
  const intent: Extract<CleanupIntent, { type: 'prune-images' }> = { type: 'prune-images', all: flags.all ?? false };
  if (until !== undefined) intent.until = until;
  if (clock !== undefined) intent.untilClock = clock;
  if (filters.labels.length) intent.labels = filters.labels;
  if (filters.notLabels.length) intent.notLabels = filters.notLabels;
  if (keep.length) intent.keep = keep;
  // Stopped containers are what keeps most unused-looking images in use: the flag that
  // removes them for `rmi` removes them here too, before the images are chosen.
  if (flags['remove-containers']) intent.withStoppedContainers = true;
  return intent;
}

function rmStoppedIntent(flags: PlanFlags): CleanupIntent {
  const filters = readFilters(flags.filter ?? [], ['ancestor']);
  return filters.ancestor !== undefined
    ? { type: 'remove-stopped-containers', ancestor: filters.ancestor }
    : { type: 'remove-stopped-containers' };
}

export function planIntent(flags: PlanFlags): CleanupIntent {
  switch (flags.kind) {
    case 'rmi':
      return rmiIntent(flags);
    case 'prune':
      if (flags.refs.length > 0)
        throw usageError('"barnacle plan prune" takes no image names; use --filter or --keep.');
      return pruneIntent(flags);
    case 'rm-stopped':
      if (flags.refs.length > 0)
        throw usageError('"barnacle plan rm-stopped" takes no arguments; use --filter ancestor=IMAGE.');
      return rmStoppedIntent(flags);
  }
}
