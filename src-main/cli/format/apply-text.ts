// What `barnacle apply` did, for people: a line per step as it finishes (on
// stderr), then every step's outcome and the bytes freed, in the terminal's locale.

import { formatBytes } from '../../../src-shared/format';
import type { Plan, PlanProgress, StepOutcome } from '../../../src-shared/plan';
import { intlLocaleOf, translate, type Locale } from '../../../src-shared/messages/translate';
import type { AppliedPlan } from '../json-output';
import { actionWords } from './plan-text';
import { table } from './table';

function outcomeWords(locale: Locale, outcome: StepOutcome): string {
  switch (outcome.state) {
    case 'done':
      return outcome.note
        ? translate(locale, 'cli.apply.doneNote', { note: outcome.note })
        : translate(locale, 'plan.status.done');
    case 'conflict':
      return translate(locale, 'cli.apply.conflict', { message: outcome.says ?? outcome.message });
    case 'failed':
      return translate(locale, 'cli.apply.failed', { message: outcome.says ?? outcome.message });
    case 'not-run':
      return translate(locale, 'cli.apply.notRun', { reason: outcome.reason });
    default:
      return translate(locale, `plan.status.${outcome.state}`);
  }
}

export function renderProgress(locale: Locale, plan: Plan, progress: PlanProgress): string {
  if (progress.outcome.state === 'running' || progress.outcome.state === 'pending') return '';
  const step = plan.steps.find((s) => s.id === progress.stepId);
  const what = step ? `${actionWords(locale, step.action)} ${step.label}` : progress.stepId;
  return `[${progress.done}/${progress.total}] ${what}: ${outcomeWords(locale, progress.outcome)}\n`;
}

export function renderApplied(locale: Locale, applied: AppliedPlan): string {
  const rows = applied.steps.map((s) => [
    s.id,
    actionWords(locale, s.action),
    s.label,
    outcomeWords(locale, s.outcome),
  ]);
  const headers = ['step', 'action', 'target', 'outcome'].map((h) => translate(locale, `cli.plan.column.${h}`));
  const size = formatBytes(applied.bytesFreed, intlLocaleOf(locale));
  const lines = [
    table(headers, rows).trimEnd(),
    '',
    translate(locale, applied.bytesSource === 'disk-usage' ? 'cli.apply.freedByEngine' : 'cli.apply.freedByPlan', {
      size,
    }),
  ];
  if (!applied.finished) lines.push(translate(locale, 'cli.apply.unfinished'));
  if (applied.engineLost) lines.push(translate(locale, 'cli.apply.engineLost', { message: applied.engineLost }));
  if (applied.historyFile) lines.push(translate(locale, 'cli.apply.recorded', { file: applied.historyFile }));
  return lines.join('\n') + '\n';
}
