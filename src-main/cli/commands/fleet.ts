// `barnacle fleet df | plan KIND … | apply FILE`: several engines at once, for
// machines without a desktop (CI runners, a cron job on a build host). Every
// engine is reached on its own bounded connection, side by side, so one silent
// host costs its timeout and holds up nobody. Plans are each engine's ordinary
// plan (src-main/fleet/fleet-plans.ts), run through the app's plan lifecycle and
// recorded in the same history with their engine.

import type { FleetPlan, FleetPlanPart } from '../../../src-shared/fleet';
import { commandsOnEngine } from '../../../src-shared/fleet';
import { phrase } from '../../../src-shared/phrase';
import { translate } from '../../../src-shared/messages/translate';
import type { Endpoint } from '../../../src-shared/model';
import type { Plan } from '../../../src-shared/plan';
import { listContexts } from '../../engine/discovery';
import { resolveEndpoint } from '../../engine/endpoint-resolution';
import type { EngineConnection } from '../../engine/connection';
import { readFleetOverview, reachAll } from '../../fleet/fleet-read';
import { planAcross, runAcross } from '../../fleet/fleet-plans';
import { defaultDataDir, HistoryStore } from '../../history/history-store';
import { PolicyService } from '../../policies/policy-service';
import { policyRunIntent } from '../../policies/policy-runner';
import { readTrashSettings } from '../../trash/trash-settings-store';
import type { FleetCommand } from '../fleet-args';
import { CliError, EXIT_FAILED, EXIT_OK, EXIT_USAGE, saying, toCliError } from '../cli-error';
import { cliLifecycle } from '../cli-lifecycle';
import { renderFleet, renderFleetPlan, renderFleetRun } from '../format/fleet-text';
import { renderProgress } from '../format/apply-text';
import { cliLocale } from '../locale';
import { printResult, type CliIo } from '../io';
import { readFleetPlanFile } from '../fleet-plan-file';
import { refuseTooOld, writeSavedJson } from '../plan-file';
import { reconcile, recordedIntent } from '../plan-file-check';

/** How long `fleet df` waits for an engine's /system/df (minutes on a big containerd store) before showing its lists alone. */
export const USAGE_WAIT_MS = 60_000;

/** The engines asked for by context name, or every usable context; one address reached once. */
export function fleetEndpoints(names: readonly string[] | undefined, io: CliIo): Endpoint[] {
  const place = { env: io.env, homeDir: io.homeDir, platform: io.platform };
  const chosen = names ?? listContexts(place).flatMap((c) => (c.error || !c.host ? [] : [c.name]));
  const endpoints: Endpoint[] = [];
  for (const name of chosen) {
    let endpoint: Endpoint;
    try {
      endpoint = resolveEndpoint({ ...place, contextFlag: name });
    } catch (err) {
      throw toCliError(err);
    }
    if (!endpoints.some((e) => e.host === endpoint.host)) endpoints.push(endpoint);
  }
  if (endpoints.length === 0)
    throw new CliError(saying('engine-unreachable', phrase('fleetCli.noContexts')), EXIT_USAGE);
  return endpoints;
}

async function fleetDf(command: Extract<FleetCommand, { verb: 'df' }>, json: boolean, io: CliIo): Promise<number> {
  const endpoints = fleetEndpoints(command.contexts, io);
  const history = await new HistoryStore(defaultDataDir(io.platform, io.env, io.homeDir)).read().catch(() => null);
  const overview = await readFleetOverview(endpoints, {
    history: history?.entries ?? [],
    now: io.now,
    usageWaitMs: USAGE_WAIT_MS,
  });
  printResult(io, json, overview, (o) => renderFleet(o, cliLocale(io.env), USAGE_WAIT_MS / 1000));
  return EXIT_OK;
}

function onProgressByEngine(lifecycle: ReturnType<typeof cliLifecycle>, fleetPlan: FleetPlan, io: CliIo): void {
  const locale = cliLocale(io.env);
  const parts = new Map(fleetPlan.parts.flatMap((p) => ('plan' in p ? [[p.plan.id, p] as const] : [])));
  lifecycle.onProgress((progress) => {
    const part = parts.get(progress.planId);
    if (!part) return;
    const line = renderProgress(locale, part.plan, progress);
    if (line) io.err(`${part.endpoint.contextName ?? part.endpoint.host}: ${line}`);
  });
}

async function fleetPlan(command: Extract<FleetCommand, { verb: 'plan' }>, json: boolean, io: CliIo): Promise<number> {
  const dataDir = defaultDataDir(io.platform, io.env, io.homeDir);
  // One policy's rules, with the trash choice its own runs make: planned on every engine.
  const intent =
    'intent' in command.plan
      ? command.plan.intent
      : policyRunIntent(new PolicyService(dataDir, io.now).get(command.plan.policy), readTrashSettings(dataDir), false);
  const lifecycle = cliLifecycle(dataDir, io, () => undefined);
  const reached = await reachAll(fleetEndpoints(command.contexts, io));
  const plan = await planAcross(reached, intent, {
    now: io.now(),
    preview: (connection, i) => lifecycle.preview(connection, i, { now: io.now() }),
  });
  if (command.out !== undefined) await writeSavedJson(command.out, plan);
  printResult(io, json, plan, (p) => renderFleetPlan(p, cliLocale(io.env), command.out));
  return EXIT_OK;
}

/** The engine a saved part names, reached as the docker CLI would reach its context, and still at the same address. */
function partEndpoint(file: string, saved: Endpoint, io: CliIo): Endpoint {
  if (saved.contextName === undefined) return { host: saved.host, label: saved.label, source: 'user' };
  const now = fleetEndpoints([saved.contextName], io)[0]!;
  if (now.host !== saved.host) {
    throw new CliError(
      saying(
        'plan-stale',
        phrase('fleetCli.file.partEngine', { file, planned: saved.host, name: saved.contextName, now: now.host }),
      ),
    );
  }
  return now;
}

async function fleetApply(
  command: Extract<FleetCommand, { verb: 'apply' }>,
  json: boolean,
  io: CliIo,
): Promise<number> {
  const saved = await readFleetPlanFile(command.file);
  refuseTooOld(saved.createdAt, command.maxAgeMs, command.file, io.now());
  if (!command.yes && !io.interactive)
    throw new CliError(saying('validation', phrase('cli.apply.noTerminal')), EXIT_USAGE);
  const dataDir = defaultDataDir(io.platform, io.env, io.homeDir);
  const locale = cliLocale(io.env);
  const lifecycle = cliLifecycle(dataDir, io, (path, err) => {
    io.err(`barnacle: ${translate(locale, 'cli.apply.notRecorded', { file: path, said: (err as Error).message })}\n`);
  });
  const applied = new Set(((await lifecycle.history.read().catch(() => null))?.entries ?? []).map((e) => e.planId));
  // Each part as `barnacle apply` takes a plan file: its intent planned again now, every step of the
  // file a step of that plan, the fresh plan's own steps run. A part that cannot is that engine's refusal.
  const savedParts = saved.parts.flatMap((p) => ('plan' in p ? [p] : []));
  const endpoints = savedParts.map((p) => partEndpoint(command.file, p.endpoint, io));
  const reached = await reachAll(endpoints);
  const connections = new Map<string, EngineConnection>();
  const parts = await Promise.all(
    reached.map(async (r, i): Promise<FleetPlanPart> => {
      const file = savedParts[i]!.plan;
      if ('error' in r) return { endpoint: r.endpoint, error: r.error };
      connections.set(r.endpoint.host, r.connection);
      try {
        if (applied.has(file.id))
          throw new CliError(
            saying('plan-stale', phrase('cli.apply.alreadyApplied', { id: file.id, file: lifecycle.history.path })),
          );
        const recorded = recordedIntent(file);
        if ('problem' in recorded)
          throw new CliError(
            saying('validation', phrase('cli.planFile.fileSays', { file: command.file, problem: recorded.problem })),
          );
        const narrow = (fresh: Plan): Plan => {
          const reconciled = reconcile(file, fresh);
          if ('plan' in reconciled) return reconciled.plan;
          const problems = reconciled.problems.reduce((first, second) =>
            phrase('cli.planFile.join', { first, second }),
          );
          throw new CliError(saying('plan-stale', phrase('cli.planFile.notNow', { file: command.file, problems })));
        };
        const plan = await lifecycle.preview(r.connection, recorded.intent, { now: io.now(), narrow });
        return { endpoint: r.endpoint, plan, commands: commandsOnEngine(plan.commands, r.endpoint) };
      } catch (err) {
        return {
          endpoint: r.endpoint,
          error:
            err instanceof CliError
              ? err.error
              : toCliError(err, { operation: 'list', engine: r.connection.engine.kind }).error,
        };
      }
    }),
  );
  const planned = parts.flatMap((p) => ('plan' in p ? [p.plan] : []));
  const fresh: FleetPlan = {
    ...saved,
    parts,
    bytesFreed: planned.reduce((s, p) => s + p.bytesFreed, 0),
    exact: planned.every((p) => p.exact),
    steps: planned.reduce((s, p) => s + p.steps.length, 0),
  };
  if (!command.yes && fresh.steps > 0) {
    io.err(renderFleetPlan(fresh, locale));
    const question = translate(locale, 'fleetCli.apply.confirm', { steps: fresh.steps, engines: planned.length });
    if (!(await io.confirm(question))) throw new CliError(saying('cancelled', phrase('cli.apply.notApplied')));
  }
  if (!json) onProgressByEngine(lifecycle, fresh, io);
  const report = await runAcross(fresh, (part) =>
    lifecycle.execute(connections.get(part.endpoint.host)!, part.plan.id, part.plan.digest),
  );
  printResult(io, json, report, (r) => renderFleetRun(r, fresh, locale));
  return report.finished ? EXIT_OK : EXIT_FAILED;
}

export function fleetCommand(command: FleetCommand, json: boolean, io: CliIo): Promise<number> {
  switch (command.verb) {
    case 'df':
      return fleetDf(command, json, io);
    case 'plan':
      return fleetPlan(command, json, io);
    case 'apply':
      return fleetApply(command, json, io);
  }
}
