// `barnacle plan rmi|prune|rm-stopped`: plan on the live engine, show it, and
// optionally save it for `barnacle apply`. Nothing on the engine changes here.

import type { Plan } from '../../../src-shared/plan';
import { buildPlan } from '../../planning/plan-service';
import type { Command, GlobalOptions } from '../args';
import { CliError, EXIT_OK, toCliError } from '../cli-error';
import { renderPlan } from '../format/plan-text';
import { printResult, type CliIo } from '../io';
import { writePlanFile } from '../plan-file';
import { connectTarget } from '../target';

/**
 * An image the person named that is not there (or a prefix matching several) is an
 * error, as with `docker rmi`: a plan quietly leaving out what was asked for
 * reads as if it would be removed.
 */
function refusedReferences(plan: Plan): CliError | null {
  const missing = plan.skipped.filter((s) => s.conflict === 'not-found');
  if (plan.intent.type !== 'remove-images' || missing.length === 0) return null;
  return new CliError({
    kind: 'not-found',
    message: missing.map((s) => s.reason).join(' '),
    image: missing[0]!.target,
  });
}

export async function makePlan(
  command: Extract<Command, { name: 'plan' }>,
  global: GlobalOptions,
  io: CliIo,
): Promise<number> {
  const connection = await connectTarget(global, io);
  const plan = await buildPlan(connection, command.intent, { now: io.now() }).catch((err: unknown) => {
    throw toCliError(err, { operation: 'list', engine: connection.engine.kind });
  });
  const refused = refusedReferences(plan);
  if (refused) throw refused;
  if (command.out !== undefined) await writePlanFile(command.out, plan);
  printResult(io, global.json, plan, (p) => renderPlan(p, command.out));
  return EXIT_OK;
}
