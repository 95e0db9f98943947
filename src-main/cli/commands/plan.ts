// `barnacle plan rmi|prune|rm-stopped`: plan on the live engine, show it, and
// optionally save it for `barnacle apply`. Nothing on the engine changes here.

import { lastUseAtIn, openUpToDate } from '../../inventory/last-used-of';
import type { Plan } from '../../../src-shared/plan';
import { defaultDataDir } from '../../history/history-store';
import { engineKeyOf, LayerFactsCache, layerFactsPath } from '../../inventory/layer-facts-cache';
import { trashDirIn } from '../../trash/trash-store';
import { readTrashSettings } from '../../trash/trash-settings-store';
import { buildPlan } from '../../planning/plan-service';
import type { Command, GlobalOptions } from '../args';
import { CliError, EXIT_OK, toCliError } from '../cli-error';
import { renderPlan } from '../format/plan-text';
import { cliLocale } from '../locale';
import { say } from '../../../src-shared/messages/translate';
import { phrase } from '../../../src-shared/phrase';
import type { BarnacleError } from '../../../src-shared/errors';
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
  const error: BarnacleError = {
    kind: 'not-found',
    // English for --json and logs; people read `says`, each reference's own sentence.
    message: missing.map((s) => say('en', s.reason)).join(' '),
    image: missing[0]!.target,
  };
  // One sentence per reference, one after the other.
  error.says = missing
    .map((s) => s.reason)
    .reduce((first, second) => phrase('cli.error.twoSentences', { first, second }));
  return new CliError(error);
}

export async function makePlan(
  command: Extract<Command, { name: 'plan' }>,
  global: GlobalOptions,
  io: CliIo,
): Promise<number> {
  const connection = await connectTarget(global, io);
  // Layer facts read by earlier runs (the app's too): a second plan reads none for images already seen.
  const dataDir = defaultDataDir(io.platform, io.env, io.homeDir);
  const layerCache = await LayerFactsCache.open(layerFactsPath(dataDir), engineKeyOf(connection));
  const trashDir = trashDirIn(dataDir);
  const trashSettings = readTrashSettings(dataDir);
  const plan = await buildPlan(connection, command.intent, {
    now: io.now(),
    layerCache,
    trashDir,
    trashSettings,
    // A policy's rules that read last use: the store the app keeps too, brought up to date first.
    lastUses: async (lists) =>
      lastUseAtIn(
        await openUpToDate(
          { docker: connection.docker, lists, now: io.now(), engine: connection.engine },
          engineKeyOf(connection),
          dataDir,
        ),
      ),
  }).catch((err: unknown) => {
    throw toCliError(err, { operation: 'list', engine: connection.engine.kind });
  });
  const refused = refusedReferences(plan);
  if (refused) throw refused;
  if (command.out !== undefined) await writePlanFile(command.out, plan);
  printResult(io, global.json, plan, (p) => renderPlan(p, cliLocale(io.env), command.out));
  return EXIT_OK;
}
