// `barnacle plan …` flags → the CleanupIntent the planner takes. Pure.
// The fix flags answer the planner's conflict questions up front, the way a
// person answers them in the app; without a flag the planner's cautious default
// stands (keep the image) and the item shows up in the plan's `skipped`.

import type { CleanupIntent, FixChoices } from '../../src-shared/plan';
import {
  imageRefRule,
  inputProblem,
  labelFilterRule,
  untilRule,
  volumeNameRule,
  type InputRule,
} from '../../src-shared/input-grammar';
import { usageError } from './cli-error';
import { TRASH_ENTRY_ID } from '../../src-shared/trash';
import { phrase } from '../../src-shared/phrase';
import { durationFlag, keepNewestFlag } from './policy-args';
import { parseByteSize } from './byte-size';

export { parseByteSize };

export const fixFlagNames = ['stop-running', 'remove-containers', 'force-delete', 'all-tags', 'with-children'] as const;
type FixFlag = (typeof fixFlagNames)[number];

export interface PlanFlags extends Partial<Record<FixFlag, boolean>> {
  kind: 'rmi' | 'prune' | 'rm-stopped' | 'rm-volumes' | 'prune-volumes' | 'prune-cache' | 'empty-trash';
  /** Positional arguments after `plan <kind>`. */
  refs: string[];
  all?: boolean;
  until?: string;
  /** 'engine' (default): the clock the engine's own prune reads; 'build': the image's build date. */
  'until-clock'?: string;
  filter?: string[];
  keep?: string[];
  'keep-storage'?: string;
  'min-free-space'?: string;
  /** --trash: keep a copy of each image removed in Barnacle's trash first; --no-trash: of none. Neither: the settings' default. */
  trash?: boolean;
  'no-trash'?: boolean;
  /** empty-trash: only the entries past the age limit. */
  expired?: boolean;
  /** prune: only images with no use seen for this long (a policy's rule, asked once). */
  'unused-for'?: string;
  /** prune: keep the newest N tags of each repository ("3", "3:last-used"). */
  'keep-newest'?: string;
}

/** --trash / --no-trash → the intent's choice; neither leaves it to the trash settings (not pullable, by default). */
function trashChoice(flags: PlanFlags): { trash?: boolean } {
  if (flags.trash && flags['no-trash']) throw usageError(phrase('cli.usage.twoTrashAnswers'));
  if (flags.trash) return { trash: true };
  if (flags['no-trash']) return { trash: false };
  return {};
}

/** The trash's own entries ("<plan id>/<step id>", as `barnacle trash` lists them), or all, or the expired. */
function emptyTrashIntent(flags: PlanFlags): CleanupIntent {
  const bad = flags.refs.find((id) => !TRASH_ENTRY_ID.test(id));
  if (bad !== undefined) throw usageError(phrase('cli.usage.trashEntry', { id: bad }));
  if (flags.expired && flags.refs.length) throw usageError(phrase('cli.usage.trashEntriesOrExpired'));
  return {
    type: 'empty-trash',
    ...(flags.refs.length ? { entries: flags.refs } : {}),
    ...(flags.expired ? { expiredOnly: true } : {}),
  };
}

export function fixChoices(flags: PlanFlags): FixChoices {
  if (flags['remove-containers'] && flags['force-delete']) {
    throw usageError(phrase('cli.usage.twoAnswers'));
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
      const use = admitted.map((k) => `${k}=…`).join(', ');
      throw usageError(phrase('cli.usage.unsupportedFilter', { filter, admitted: use }));
    }
    const value = match[3] ?? '';
    if (value === '') throw usageError(phrase('cli.usage.filterNeedsValue', { filter }));
    switch (name) {
      case 'label':
        set.labels.push(checked(labelFilterRule, value, filter));
        break;
      case 'label!':
        set.notLabels.push(checked(labelFilterRule, value, filter));
        break;
      case 'until':
        if (set.until !== undefined) throw usageError(phrase('cli.usage.filterOnce', { filter: 'until' }));
        set.until = checked(untilRule, value, filter);
        break;
      case 'ancestor':
        if (set.ancestor !== undefined) throw usageError(phrase('cli.usage.filterOnce', { filter: 'ancestor' }));
        set.ancestor = checked(imageRefRule, value, filter);
        break;
    }
  }
  return set;
}

function checked(rule: InputRule, value: string, what: string): string {
  const problem = inputProblem(rule, value);
  if (problem !== null) throw usageError(phrase('cli.usage.badValue', { what, problem }));
  return value;
}

function rmiIntent(flags: PlanFlags): CleanupIntent {
  if (flags.refs.length === 0) throw usageError(phrase('cli.usage.rmiNeedsImage'));
  const refs = flags.refs.map((ref) => checked(imageRefRule, ref, `"${ref}"`));
  const choices = fixChoices(flags);
  return {
    type: 'remove-images',
    refs,
    ...(Object.keys(choices).length > 0 ? { choices } : {}),
    ...trashChoice(flags),
  };
}

function pruneIntent(flags: PlanFlags): CleanupIntent {
  const filters = readFilters(flags.filter ?? [], ['until', 'label', 'label!']);
  if (flags.until !== undefined && filters.until !== undefined && flags.until !== filters.until) {
    throw usageError(phrase('cli.usage.untilDisagree'));
  }
  const until = flags.until !== undefined ? checked(untilRule, flags.until, '--until') : filters.until;
  const keep = (flags.keep ?? []).map((pattern) => {
    if (pattern.trim() === '') throw usageError(phrase('cli.usage.keepEmpty'));
    return pattern;
  });
  const clock = flags['until-clock'];
  if (clock !== undefined && clock !== 'engine' && clock !== 'build') {
    throw usageError(phrase('cli.usage.untilClock'));
  }
  if (clock !== undefined && until === undefined) throw usageError(phrase('cli.usage.untilClockAlone'));
  const intent: Extract<CleanupIntent, { type: 'prune-images' }> = { type: 'prune-images', all: flags.all ?? false };
  if (until !== undefined) intent.until = until;
  if (clock !== undefined) intent.untilClock = clock;
  if (filters.labels.length) intent.labels = filters.labels;
  if (filters.notLabels.length) intent.notLabels = filters.notLabels;
  if (keep.length) intent.keep = keep;
  // Stopped containers are what keeps most unused-looking images in use: the flag that
  // removes them for `rmi` removes them here too, before the images are chosen.
  if (flags['remove-containers']) intent.withStoppedContainers = true;
  if (flags['unused-for'] !== undefined) intent.unusedFor = durationFlag('--unused-for', flags['unused-for']);
  if (flags['keep-newest'] !== undefined) intent.keepNewest = keepNewestFlag(flags['keep-newest']);
  Object.assign(intent, trashChoice(flags));
  return intent;
}

function rmStoppedIntent(flags: PlanFlags): CleanupIntent {
  const filters = readFilters(flags.filter ?? [], ['ancestor']);
  return filters.ancestor !== undefined
    ? { type: 'remove-stopped-containers', ancestor: filters.ancestor }
    : { type: 'remove-stopped-containers' };
}

function pruneCacheIntent(flags: PlanFlags): CleanupIntent {
  const intent: Extract<CleanupIntent, { type: 'prune-build-cache' }> = { type: 'prune-build-cache' };
  if (flags.until !== undefined) intent.until = checked(untilRule, flags.until, '--until');
  const budget = flags['keep-storage'];
  if (budget !== undefined) {
    const bytes = parseByteSize(budget);
    if (bytes === null) throw usageError(phrase('cli.usage.keepStorage', { value: budget }));
    intent.keepStorage = bytes;
  }
  const wantFree = flags['min-free-space'];
  if (wantFree !== undefined) {
    const bytes = parseByteSize(wantFree);
    if (bytes === null) throw usageError(phrase('cli.usage.minFreeSpace', { value: wantFree }));
    intent.minFreeSpace = bytes;
  }
  return intent;
}

export function planIntent(flags: PlanFlags): CleanupIntent {
  switch (flags.kind) {
    case 'rmi':
      return rmiIntent(flags);
    case 'prune':
      if (flags.refs.length > 0) throw usageError(phrase('cli.usage.pruneNoNames'));
      return pruneIntent(flags);
    case 'rm-stopped':
      if (flags.refs.length > 0) throw usageError(phrase('cli.usage.rmStoppedNoArguments'));
      return rmStoppedIntent(flags);
    case 'rm-volumes':
      if (flags.refs.length === 0) throw usageError(phrase('cli.usage.rmVolumesNeedsName'));
      return { type: 'remove-volumes', names: flags.refs.map((name) => checked(volumeNameRule, name, `"${name}"`)) };
    case 'prune-volumes':
      if (flags.refs.length > 0) throw usageError(phrase('cli.usage.pruneVolumesNoNames'));
      return { type: 'prune-volumes' };
    case 'prune-cache':
      if (flags.refs.length > 0) throw usageError(phrase('cli.usage.pruneCacheNoNames'));
      return pruneCacheIntent(flags);
    case 'empty-trash':
      return emptyTrashIntent(flags);
  }
}
