// What `barnacle apply` did, for people: a line per step as it finishes (on
// stderr), then every step's outcome and the bytes freed.

import type { Plan, PlanProgress, StepOutcome } from '../../../src-shared/plan';
import type { AppliedPlan } from '../commands/apply';
import { actionWords } from './plan-text';
import { table } from './table';
import { formatBytes } from './units';

function outcomeWords(outcome: StepOutcome): string {
  switch (outcome.state) {
    case 'done':
      return outcome.note ? `done (${outcome.note})` : 'done';
    case 'already-gone':
      return 'already gone';
    case 'conflict':
      return `conflict: ${outcome.message}`;
    case 'failed':
      return `failed: ${outcome.message}`;
    case 'not-run':
      return `not run: ${outcome.reason}`;
    default:
      return outcome.state;
  }
}

export function renderProgress(plan: Plan, progress: PlanProgress): string {
  if (progress.outcome.state === 'running' || progress.outcome.state === 'pending') return '';
  const step = plan.steps.find((s) => s.id === progress.stepId);
  const what = step ? `${actionWords[step.action]} ${step.label}` : progress.stepId;
  return `[${progress.done}/${progress.total}] ${what}: ${outcomeWords(progress.outcome)}\n`;
}

export function renderApplied(applied: AppliedPlan): string {
  const rows = applied.steps.map((s) => [s.id, actionWords[s.action], s.label, outcomeWords(s.outcome)]);
  const measured = applied.bytesSource === 'disk-usage' ? "by the engine's disk usage" : "from the plan's figures";
  const lines = [
    table(['STEP', 'ACTION', 'TARGET', 'OUTCOME'], rows).trimEnd(),
    '',
    `Freed ${formatBytes(applied.bytesFreed)} (${measured}).`,
  ];
  if (!applied.finished)
    lines.push('Some steps did not finish: nothing beyond the plan was done. Plan again to see why.');
  if (applied.engineLost) lines.push(`The engine stopped answering: ${applied.engineLost}`);
  if (applied.historyFile) lines.push(`Recorded in ${applied.historyFile}.`);
  return lines.join('\n') + '\n';
}
