// `barnacle apply PLANFILE`: runs a saved plan's steps exactly — no re-planning.
// The executor re-checks each step's expectations on the live engine before it
// runs, so anything that changed since planning stops that step as a conflict
// instead of growing the plan. Every run is appended to the same history the
// app keeps.

import type { ExecutionReport, Plan, StepAction, StepOutcome } from '../../../src-shared/plan';
import { executePlan } from '../../execution/executor';
import { historyEntryFrom } from '../../history/history-export';
import { defaultDataDir, HistoryStore } from '../../history/history-store';
import type { Command, GlobalOptions } from '../args';
import { CliError, EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../cli-error';
import { renderApplied, renderProgress } from '../format/apply-text';
import { renderPlan } from '../format/plan-text';
import { printResult, type CliIo } from '../io';
import { readPlanFile } from '../plan-file';
import { resolveTarget } from '../target';
import { connect } from '../../engine/connection';

/** `barnacle apply --json`: the executor's report, each step with its outcome, and where history went. */
export interface AppliedPlan extends ExecutionReport {
  steps: { id: string; action: StepAction; target: string; label: string; outcome: StepOutcome }[];
  /** The history file the run was appended to; null when that failed (a warning says why). */
  historyFile: string | null;
}

async function confirm(plan: Plan, command: Extract<Command, { name: 'apply' }>, io: CliIo): Promise<void> {
  if (command.yes || plan.steps.length === 0) return;
  if (!io.interactive) {
    throw new CliError(
      {
        kind: 'validation',
        message: 'refusing to apply without a confirmation: there is no terminal to ask on. Pass --yes to apply.',
      },
      EXIT_USAGE,
    );
  }
  io.err(renderPlan(plan));
  const steps = plan.steps.length === 1 ? '1 step' : `${plan.steps.length} steps`;
  if (!(await io.confirm(`Apply ${steps} to ${plan.engine.host}?`))) {
    throw new CliError({ kind: 'cancelled', message: 'Not applied: nothing was changed.' });
  }
}

/** A plan runs once, as in the app: a second run of the same plan is refused. */
async function refuseIfApplied(plan: Plan, history: HistoryStore): Promise<void> {
  const { entries } = await history.read().catch(() => ({ entries: [] }));
  if (entries.some((e) => e.planId === plan.id)) {
    throw new CliError({
      kind: 'plan-stale',
      message: `plan ${plan.id} has already been applied (see ${history.path}). Make a new plan.`,
    });
  }
}

async function record(plan: Plan, report: ExecutionReport, history: HistoryStore, io: CliIo): Promise<string | null> {
  try {
    await history.append(historyEntryFrom(plan, report));
    return history.path;
  } catch (err) {
    io.err(`barnacle: warning: the run was not recorded in ${history.path}: ${(err as Error).message}\n`);
    return null;
  }
}

export async function applyPlanFile(
  command: Extract<Command, { name: 'apply' }>,
  global: GlobalOptions,
  io: CliIo,
): Promise<number> {
  const plan = await readPlanFile(command.file);
  const endpoint = resolveTarget(global, io);
  if (endpoint.host !== plan.engine.host) {
    throw new CliError({
      kind: 'plan-stale',
      message: `${command.file} was planned for the engine at ${plan.engine.host}, but the engine chosen now is ${endpoint.host}. Use --host ${plan.engine.host}, or make a new plan.`,
    });
  }
  const history = new HistoryStore(defaultDataDir(io.platform, io.env, io.homeDir));
  await refuseIfApplied(plan, history);
  await confirm(plan, command, io);
  const connection = await connect(endpoint);
  const report = await executePlan(connection, plan, {
    onProgress: global.json ? undefined : (p) => io.err(renderProgress(plan, p)),
  });
  const historyFile = await record(plan, report, history, io);
  const applied: AppliedPlan = {
    ...report,
    steps: plan.steps.map((s) => ({
      id: s.id,
      action: s.action,
      target: s.target,
      label: s.label,
      outcome: report.outcomes[s.id] ?? { state: 'not-run', reason: 'no outcome reported' },
    })),
    historyFile,
  };
  printResult(io, global.json, applied, renderApplied);
  return report.finished ? EXIT_OK : EXIT_FAILED;
}
