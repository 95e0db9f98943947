// `barnacle policy ls` and a run's outcome, for people, in the terminal's
// locale: each policy's schedule, mode and rules in words, its last run and its
// next one. Scripts use --json (the PolicyStatus list as main keeps it).

import { durationInWords } from '../../../src-shared/duration';
import { formatBytes } from '../../../src-shared/format';
import type { PolicyRules, PolicyRun, PolicyStatus } from '../../../src-shared/policy';
import { intlLocaleOf, say, translate, type Locale } from '../../../src-shared/messages/translate';
import { table } from './table';

/** A policy's rules, one clause each, joined the locale's way. */
export function rulesInWords(rules: PolicyRules, locale: Locale): string {
  const t = (key: string, params = {}) => translate(locale, key, params);
  const age = (d: string) => durationInWords(d, intlLocaleOf(locale));
  const bytes = (n: number) => formatBytes(n, intlLocaleOf(locale));
  const clauses: string[] = [];
  if (rules.unusedFor) clauses.push(t('cli.policy.rule.unusedFor', { age: age(rules.unusedFor) }));
  if (rules.olderThan) clauses.push(t('cli.policy.rule.olderThan', { age: age(rules.olderThan) }));
  if (rules.keepNewest) clauses.push(t(`cli.policy.rule.keepNewest.${rules.keepNewest.by}`, rules.keepNewest));
  if (rules.keep?.length) clauses.push(t('cli.policy.rule.keep', { patterns: rules.keep.join(', ') }));
  if (rules.keepLabels?.length) clauses.push(t('cli.policy.rule.keepLabels', { labels: rules.keepLabels.join(', ') }));
  const th = rules.threshold;
  if (th) {
    clauses.push(
      t(`cli.policy.rule.threshold.${th.measure}`, { trigger: bytes(th.trigger), target: bytes(th.target) }),
    );
  }
  return clauses.join(t('cli.policy.rule.join'));
}

/** What a run did, in a sentence: "notified: 1.2 GB (3 images)". */
export function runInWords(run: PolicyRun, locale: Locale): string {
  const t = (key: string, params = {}) => translate(locale, key, params);
  const size = formatBytes(run.bytes, intlLocaleOf(locale));
  const said = t(`cli.policy.outcome.${run.outcome}`, { size, count: run.images });
  return run.reason ? `${said} — ${say(locale, run.reason)}` : said;
}

const when = (ms: number, locale: Locale) =>
  new Intl.DateTimeFormat(intlLocaleOf(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(ms);

export function renderPolicies(statuses: PolicyStatus[], now: number, locale: Locale): string {
  const t = (key: string, params = {}) => translate(locale, key, params);
  if (statuses.length === 0) return `${t('cli.policy.none')}\n`;
  const rows = statuses.map(({ policy, lastRun, nextRun }) => [
    policy.name,
    t(policy.enabled ? 'cli.policy.enabled' : 'cli.policy.disabled'),
    t(`cli.policy.schedule.${policy.schedule}`),
    t(`cli.policy.mode.${policy.mode}`),
    rulesInWords(policy.rules, locale),
    lastRun ? `${when(lastRun.at, locale)}: ${runInWords(lastRun, locale)}` : t('cli.policy.never'),
    nextRun === undefined ? '—' : nextRun <= now ? t('cli.policy.dueNow') : when(nextRun, locale),
  ]);
  const headers = ['name', 'enabled', 'schedule', 'mode', 'rules', 'lastRun', 'nextRun'].map((n) =>
    t(`cli.column.${n}`),
  );
  return table(headers, rows);
}

/** `policy apply`'s last line: what the run did, and where the history keeps it. */
export function renderPolicyRun(name: string, run: PolicyRun, locale: Locale): string {
  return `${translate(locale, 'cli.policy.ran', { name, run: runInWords(run, locale) })}\n`;
}
