// `barnacle policy ls | plan NAME | apply NAME | add NAME … | rm NAME`: the
// policies the app runs, in the same policies.json, so a cron job or a CI runner
// can run them where no app is. `apply` goes through the app's own runner
// (src-main/policies/policy-runner.ts): the same intent, the same guard, the
// same history line and the same record of the run.

import { phrase } from '../../../src-shared/phrase';
import { translate } from '../../../src-shared/messages/translate';
import type { Plan } from '../../../src-shared/plan';
import { defaultDataDir } from '../../history/history-store';
import { cliLifecycle } from '../cli-lifecycle';
import { PolicyService } from '../../policies/policy-service';
import { policiesFileIn } from '../../policies/policy-store';
import { policyRunIntent, runPolicy } from '../../policies/policy-runner';
import { readTrashSettings } from '../../trash/trash-settings-store';
import type { EngineConnection } from '../../engine/connection';
import type { Command, GlobalOptions } from '../args';
import { CliError, EXIT_FAILED, EXIT_OK, EXIT_USAGE, saying, toCliError, usageError } from '../cli-error';
import { policySchema } from '../../policies/policy-schema';
import type { Policy } from '../../../src-shared/policy';
import { renderProgress } from '../format/apply-text';
import { renderPlan } from '../format/plan-text';
import { renderPolicies, renderPolicyRun } from '../format/policy-text';
import { cliLocale } from '../locale';
import { printResult, type CliIo } from '../io';
import { writePlanFile } from '../plan-file';
import { connectTarget } from '../target';

type PolicyCommand = Extract<Command, { name: 'policy' }>;

/** The schema the app reads the file with: what passes the flags' own checks but not this is named by field. */
function checkedPolicy(policy: Policy): Policy {
  const checked = policySchema.safeParse(policy);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0]!;
  throw usageError(phrase('cli.usage.policyInvalid', { field: issue.path.join('.'), problem: issue.message }));
}

async function connected(global: GlobalOptions, io: CliIo): Promise<EngineConnection> {
  return connectTarget(global, io).catch((err: unknown) => {
    throw toCliError(err);
  });
}

/** Without --yes a person must answer, as for `barnacle apply`: refused up front when no terminal can ask. */
async function confirmApply(plan: Plan, yes: boolean, io: CliIo): Promise<void> {
  if (yes || plan.steps.length === 0) return;
  const locale = cliLocale(io.env);
  io.err(renderPlan(plan, locale));
  const question = translate(locale, 'cli.apply.confirm', { count: plan.steps.length, host: plan.engine.host });
  if (!(await io.confirm(question))) throw new CliError(saying('cancelled', phrase('cli.apply.notApplied')));
}

export async function policyCommand(command: PolicyCommand, global: GlobalOptions, io: CliIo): Promise<number> {
  const dataDir = defaultDataDir(io.platform, io.env, io.homeDir);
  const service = new PolicyService(dataDir, io.now);
  const locale = cliLocale(io.env);
  const t = (key: string, params = {}) => translate(locale, key, params);
  switch (command.verb) {
    case 'ls':
      printResult(io, global.json, service.list(), (s) => renderPolicies(s, io.now(), locale));
      return EXIT_OK;
    case 'add': {
      const name = command.policy.name;
      if (service.list().some((s) => s.policy.name === name)) {
        throw new CliError(saying('validation', phrase('cli.policy.exists', { name })), EXIT_USAGE);
      }
      service.save(checkedPolicy(command.policy));
      const file = policiesFileIn(dataDir);
      printResult(io, global.json, command.policy, () => `${t('cli.policy.added', { name, file })}\n`);
      return EXIT_OK;
    }
    case 'rm':
      service.remove(command.policy);
      printResult(
        io,
        global.json,
        { removed: command.policy },
        () => `${t('cli.policy.removed', { name: command.policy })}\n`,
      );
      return EXIT_OK;
    case 'plan': {
      const policy = service.get(command.policy);
      const connection = await connected(global, io);
      const lifecycle = cliLifecycle(dataDir, io, () => undefined);
      // The plan a run would make now, person-asked: the same rules and trash choice as the schedule's.
      const intent = policyRunIntent(policy, readTrashSettings(dataDir), false);
      const plan = await lifecycle.preview(connection, intent, { now: io.now() }).catch((err: unknown) => {
        throw toCliError(err, { operation: 'list', engine: connection.engine.kind });
      });
      if (command.out !== undefined) await writePlanFile(command.out, plan);
      printResult(io, global.json, plan, (p) => renderPlan(p, locale, command.out));
      return EXIT_OK;
    }
    case 'apply': {
      const policy = service.get(command.policy);
      // Refused before anything is read when no one can answer, as `barnacle apply` does.
      if (!command.yes && !io.interactive) {
        throw new CliError(saying('validation', phrase('cli.apply.noTerminal')), EXIT_USAGE);
      }
      const connection = await connected(global, io);
      const lifecycle = cliLifecycle(dataDir, io, (path, err) => {
        io.err(`barnacle: ${t('cli.apply.notRecorded', { file: path, said: (err as Error).message })}\n`);
      });
      let shown: Plan | null = null;
      if (!global.json) lifecycle.onProgress((p) => shown && io.err(renderProgress(locale, shown, p)));
      const result = await runPolicy(
        {
          connection: () => connection,
          plans: lifecycle,
          trashSettings: () => readTrashSettings(dataDir),
          recordRun: (name, run) => service.recordRun(name, run),
          now: io.now,
        },
        policy,
        {
          mode: 'apply',
          beforeExecute: async (plan) => {
            shown = plan;
            await confirmApply(plan, command.yes, io);
          },
        },
      );
      const { run, plan, report } = result;
      printResult(
        io,
        global.json,
        { policy: policy.name, run, ...(plan ? { plan } : {}), ...(report ? { report } : {}) },
        () => renderPolicyRun(policy.name, run, locale),
      );
      if (run.outcome === 'failed') return EXIT_FAILED;
      return report && !report.finished ? EXIT_FAILED : EXIT_OK;
    }
  }
}
