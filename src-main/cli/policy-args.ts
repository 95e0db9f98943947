// `barnacle policy add NAME …` (and `plan prune --unused-for/--keep-newest`) read
// into rules. Pure: each flag is checked here with its own words; `policy add`
// then checks the whole policy with policy-schema.ts (checkedPolicy, loaded only
// when it runs: zod stays out of `barnacle ls`), the check the app's Policies
// screen and the policies file get, so the CLI cannot save a policy the app would not read.

import { parseGoDuration } from '../planning/selection';
import type {
  KeepNewest,
  Policy,
  PolicyMode,
  PolicyRules,
  PolicySchedule,
  StorageThreshold,
} from '../../src-shared/policy';
import { POLICY_NAME } from '../../src-shared/policy';
import { phrase } from '../../src-shared/phrase';
import { inputProblem, keepPatternRule, labelFilterRule } from '../../src-shared/input-grammar';
import { usageError } from './cli-error';
import { parseByteSize } from './byte-size';

export interface PolicyFlags {
  'unused-for'?: string;
  'older-than'?: string;
  'until-clock'?: string;
  'keep-newest'?: string;
  keep?: string[];
  'keep-label'?: string[];
  over?: string;
  'down-to'?: string;
  'free-below'?: string;
  'free-target'?: string;
  schedule?: string;
  mode?: string;
  disabled?: boolean;
}

const SCHEDULES: PolicySchedule[] = ['hourly', 'daily', 'weekly', 'over-threshold'];
const MODES: PolicyMode[] = ['notify', 'apply'];

/** "720h", as --unused-for and --older-than take it: a Go duration, longer than nothing. */
export function durationFlag(flag: string, value: string): string {
  const seconds = parseGoDuration(value);
  if (seconds === null || seconds <= 0) throw usageError(phrase('cli.usage.policyDuration', { flag, value }));
  return value;
}

/** "3", "3:created" or "3:last-used": the newest 3 tags of each repository, by build date unless said. */
export function keepNewestFlag(value: string): KeepNewest {
  const m = /^(\d{1,4})(?::(created|last-used))?$/.exec(value.trim());
  const count = m ? Number(m[1]) : NaN;
  if (!m || count < 1 || count > 1000) throw usageError(phrase('cli.usage.keepNewest', { value }));
  return { count, by: (m[2] as KeepNewest['by'] | undefined) ?? 'created' };
}

function bytesFlag(flag: string, value: string): number {
  const bytes = parseByteSize(value);
  if (bytes === null) throw usageError(phrase('cli.usage.policyBytes', { flag, value }));
  return bytes;
}

/** --over/--down-to (what images take) or --free-below/--free-target (the engine's free space), each pair whole. */
function thresholdFlags(flags: PolicyFlags): StorageThreshold | undefined {
  const images = flags.over !== undefined || flags['down-to'] !== undefined;
  const disk = flags['free-below'] !== undefined || flags['free-target'] !== undefined;
  if (images && disk) throw usageError(phrase('cli.usage.twoThresholds'));
  if (images) {
    if (flags.over === undefined || flags['down-to'] === undefined) {
      throw usageError(phrase('cli.usage.thresholdPair', { first: '--over', second: '--down-to' }));
    }
    const threshold = {
      measure: 'images-bytes' as const,
      trigger: bytesFlag('--over', flags.over),
      target: bytesFlag('--down-to', flags['down-to']),
    };
    if (threshold.target > threshold.trigger) throw usageError(phrase('cli.usage.downToOverOver'));
    return threshold;
  }
  if (disk) {
    if (flags['free-below'] === undefined || flags['free-target'] === undefined) {
      throw usageError(phrase('cli.usage.thresholdPair', { first: '--free-below', second: '--free-target' }));
    }
    const threshold = {
      measure: 'disk-free' as const,
      trigger: bytesFlag('--free-below', flags['free-below']),
      target: bytesFlag('--free-target', flags['free-target']),
    };
    if (threshold.target < threshold.trigger) throw usageError(phrase('cli.usage.freeTargetUnderBelow'));
    return threshold;
  }
  return undefined;
}

function checkedEach(values: string[] | undefined, flag: string, rule: typeof keepPatternRule): string[] {
  return (values ?? []).map((value) => {
    const problem = inputProblem(rule, value);
    if (problem !== null) throw usageError(phrase('cli.usage.badValue', { what: `${flag} "${value}"`, problem }));
    return value;
  });
}

export function policyRulesFrom(flags: PolicyFlags): PolicyRules {
  const rules: PolicyRules = {};
  if (flags['unused-for'] !== undefined) rules.unusedFor = durationFlag('--unused-for', flags['unused-for']);
  if (flags['older-than'] !== undefined) rules.olderThan = durationFlag('--older-than', flags['older-than']);
  const clock = flags['until-clock'];
  if (clock !== undefined) {
    if (clock !== 'engine' && clock !== 'build') throw usageError(phrase('cli.usage.untilClock'));
    if (rules.olderThan === undefined) throw usageError(phrase('cli.usage.untilClockOlderThan'));
    rules.untilClock = clock;
  }
  if (flags['keep-newest'] !== undefined) rules.keepNewest = keepNewestFlag(flags['keep-newest']);
  const keep = checkedEach(flags.keep, '--keep', keepPatternRule);
  if (keep.length) rules.keep = keep;
  const labels = checkedEach(flags['keep-label'], '--keep-label', labelFilterRule);
  if (labels.length) rules.keepLabels = labels;
  const threshold = thresholdFlags(flags);
  if (threshold) rules.threshold = threshold;
  return rules;
}

export function policyNameArg(name: string | undefined): string {
  if (name === undefined || !POLICY_NAME.test(name))
    throw usageError(phrase('cli.usage.policyName', { name: name ?? '' }));
  return name;
}

/** The policy `policy add` saves: the flags' rules, daily and notify-only unless said, checked whole. */
export function policyFrom(name: string, flags: PolicyFlags): Policy {
  const schedule = flags.schedule ?? 'daily';
  if (!SCHEDULES.includes(schedule as PolicySchedule)) {
    throw usageError(phrase('cli.usage.policySchedule', { value: schedule, schedules: SCHEDULES.join(', ') }));
  }
  const mode = flags.mode ?? 'notify';
  if (!MODES.includes(mode as PolicyMode)) throw usageError(phrase('cli.usage.policyMode', { value: mode }));
  const policy: Policy = {
    name: policyNameArg(name),
    enabled: !(flags.disabled ?? false),
    schedule: schedule as PolicySchedule,
    mode: mode as PolicyMode,
    rules: policyRulesFrom(flags),
  };
  // The schema's two whole-policy rules, said in the CLI's words before the schema says them in English.
  if (!['unusedFor', 'olderThan', 'keepNewest', 'threshold'].some((k) => k in policy.rules)) {
    throw usageError(phrase('cli.usage.policyNeedsRule'));
  }
  if (policy.schedule === 'over-threshold' && !policy.rules.threshold) {
    throw usageError(phrase('cli.usage.policyNeedsThreshold'));
  }
  return policy;
}
