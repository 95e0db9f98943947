// A policy in words for its card: its rules as one sentence, its last run and
// its next run. Reads the current locale, so the card follows a language switch.

import type { PolicyRun, PolicyStatus, PolicyRules } from '../../../src-shared/policy';
import { agoMs, bytes } from '../../i18n/format';
import { t, tp } from '../../i18n/i18n.svelte';
import { untilWords } from '../../plan/plan-format';

const quoted = (items: string[]): string => items.map((i) => `“${i}”`).join(t('policies.list.separator'));

/** "Unused images not used for 30 days, keeping the newest 3 tags of each repository". */
export function rulesSentence(rules: PolicyRules): string {
  const parts: string[] = [];
  if (rules.unusedFor) parts.push(t('policies.rules.unusedFor', { age: untilWords(rules.unusedFor) }));
  if (rules.olderThan) parts.push(t('policies.rules.olderThan', { age: untilWords(rules.olderThan) }));
  if (rules.keepNewest)
    parts.push(t(`policies.rules.keepNewest.${rules.keepNewest.by}`, { count: rules.keepNewest.count }));
  if (rules.keep?.length) parts.push(t('policies.rules.keep', { patterns: quoted(rules.keep) }));
  if (rules.keepLabels?.length) parts.push(t('policies.rules.keepLabels', { labels: quoted(rules.keepLabels) }));
  // The threshold last: it says when the rules before it apply.
  if (rules.threshold) {
    parts.push(
      t(`policies.rules.threshold.${rules.threshold.measure}`, {
        trigger: bytes(rules.threshold.trigger),
        target: bytes(rules.threshold.target),
      }),
    );
  }
  return [t('policies.rules.lead'), ...parts].join(t('policies.rules.separator'));
}

export function lastRunWords(run: PolicyRun | undefined): string {
  if (!run) return t('policies.lastRun.none');
  const when = agoMs(run.at);
  if (run.outcome === 'failed') {
    return t('policies.lastRun.failed', { when, reason: run.reason ? tp(run.reason) : '' });
  }
  return t(`policies.lastRun.${run.outcome}`, { when, bytes: bytes(run.bytes) });
}

const DUE_WITHIN_MS = 60_000;

export function nextRunWords(status: PolicyStatus, now: number): string {
  if (!status.policy.enabled || status.nextRun === undefined) return t('policies.nextRun.off');
  // A policy that never ran is due at the moment main listed it; the shared clock ticks every 20 s, so
  // "in 3 seconds" would only be the clock's lag: within a minute it is due now.
  if (status.nextRun - now < DUE_WITHIN_MS) return t('policies.nextRun.due');
  return t('policies.nextRun', { when: agoMs(status.nextRun) });
}
