// `barnacle apply PLANFILE`: runs what the saved plan showed, and nothing a plan
// made now would not do. The file's intent is planned again on the live engine;
// every step of the file must be a step of that fresh plan (plan-file-check.ts),
// and the fresh plan's own steps run, so an edited file cannot add, retarget or
// weaken a step. The executor then re-checks each step live, so anything that
// changed since stops that step as a conflict. Planning, the run and its record
// go through the app's own PlanLifecycle (previewed, pinned by id and digest,
// claimed once, recorded in the same history), so the two cannot drift apart.

import { phrase } from '../../../src-shared/phrase';
import { translate } from '../../../src-shared/messages/translate';
import type { Plan } from '../../../src-shared/plan';
import { PlanLifecycle } from '../../core/plan-lifecycle';
import { defaultDataDir, type HistoryStore } from '../../history/history-store';
import type { Command, GlobalOptions } from '../args';
import { CliError, saying, EXIT_FAILED, EXIT_OK, EXIT_USAGE, toCliError } from '../cli-error';
import { renderApplied, renderProgress } from '../format/apply-text';
import { renderPlan } from '../format/plan-text';
import { cliLocale } from '../locale';
import { printResult, type CliIo } from '../io';
import { readPlanFile, refuseTooOld } from '../plan-file';
import { reconcile, recordedIntent } from '../plan-file-check';
import { LayerFactsCaches } from '../../inventory/layer-facts-cache';
import { resolveTarget } from '../target';
import type { AppliedPlan } from '../json-output';
import { connect } from '../../engine/connection';

/** Without --yes a person must answer: refused before anything is read when no terminal can ask. */
function requireWayToConfirm(plan: Plan, command: Extract<Command, { name: 'apply' }>, io: CliIo): void {
  if (command.yes || plan.steps.length === 0 || io.interactive) return;
  throw new CliError(saying('validation', phrase('cli.apply.noTerminal')), EXIT_USAGE);
}

async function confirm(plan: Plan, command: Extract<Command, { name: 'apply' }>, io: CliIo): Promise<void> {
  if (command.yes || plan.steps.length === 0) return;
  requireWayToConfirm(plan, command, io);
  const locale = cliLocale(io.env);
  io.err(renderPlan(plan, locale));
  const question = translate(locale, 'cli.apply.confirm', { count: plan.steps.length, host: plan.engine.host });
  if (!(await io.confirm(question))) {
    throw new CliError(saying('cancelled', phrase('cli.apply.notApplied')));
  }
}

/** A plan runs once, as in the app: a second run of the same plan is refused. */
async function refuseIfApplied(plan: Plan, history: HistoryStore): Promise<void> {
  const { entries } = await history.read().catch(() => ({ entries: [] }));
  if (entries.some((e) => e.planId === plan.id)) {
    throw new CliError(saying('plan-stale', phrase('cli.apply.alreadyApplied', { id: plan.id, file: history.path })));
  }
}

export async function applyPlanFile(
  command: Extract<Command, { name: 'apply' }>,
  global: GlobalOptions,
  io: CliIo,
): Promise<number> {
  const saved = await readPlanFile(command.file);
  refuseTooOld(saved.createdAt, command.maxAgeMs, command.file, io.now());
  const recorded = recordedIntent(saved);
  if ('problem' in recorded) {
    throw new CliError(
      saying('validation', phrase('cli.planFile.fileSays', { file: command.file, problem: recorded.problem })),
      EXIT_USAGE,
    );
  }
  const endpoint = resolveTarget(global, io);
  if (endpoint.host !== saved.engine.host) {
    throw new CliError(
      saying(
        'plan-stale',
        phrase('cli.apply.otherEngine', { file: command.file, planned: saved.engine.host, now: endpoint.host }),
      ),
    );
  }
  const dataDir = defaultDataDir(io.platform, io.env, io.homeDir);
  let historyWritten = true;
  const lifecycle = new PlanLifecycle({
    dataDir,
    layerFacts: new LayerFactsCaches(dataDir),
    historyNotWritten: (path, err) => {
      historyWritten = false;
      const said = (err as Error).message;
      io.err(`barnacle: ${translate(cliLocale(io.env), 'cli.apply.notRecorded', { file: path, said })}\n`);
    },
  });
  await refuseIfApplied(saved, lifecycle.history);
  requireWayToConfirm(saved, command, io);
  const connection = await connect(endpoint).catch((err: unknown) => {
    throw toCliError(err, { operation: 'list', engine: saved.engine.kind });
  });
  const matchingFile = (fresh: Plan): Plan => {
    const reconciled = reconcile(saved, fresh);
    if ('plan' in reconciled) return reconciled.plan;
    const problems = reconciled.problems.reduce((first, second) => phrase('cli.planFile.join', { first, second }));
    throw new CliError(saying('plan-stale', phrase('cli.planFile.notNow', { file: command.file, problems })));
  };
  const plan = await lifecycle
    .preview(connection, recorded.intent, { now: io.now(), narrow: matchingFile })
    .catch((err: unknown) => {
      throw err instanceof CliError ? err : toCliError(err, { operation: 'list', engine: connection.engine.kind });
    });
  // The prompt shows the steps that will run, read from the engine now, not the file's words.
  await confirm(plan, command, io);
  if (!global.json) lifecycle.onProgress((p) => io.err(renderProgress(cliLocale(io.env), plan, p)));
  const report = await lifecycle.execute(connection, plan.id, plan.digest);
  const historyFile = historyWritten ? lifecycle.history.path : null;
  const applied: AppliedPlan = {
    ...report,
    steps: plan.steps.map((s) => ({
      id: s.id,
      action: s.action,
      target: s.target,
      label: s.label,
      outcome: report.outcomes[s.id] ?? { state: 'not-run', reason: phrase('outcome.none') },
    })),
    historyFile,
  };
  printResult(io, global.json, applied, (a) => renderApplied(cliLocale(io.env), a));
  return report.finished ? EXIT_OK : EXIT_FAILED;
}
