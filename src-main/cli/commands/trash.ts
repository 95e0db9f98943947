// `barnacle trash`: what plans kept before removing images (and the stopped
// containers made from them), and `barnacle trash restore PLAN/STEP`, which loads
// an entry back, puts back each tag that is free and re-creates each container
// whose name is free (a tag or name that is someone else's now is reported, not
// moved). Removing entries is a plan (`trash rm`, `trash empty`: args.ts).

import { cliLocale } from '../locale';
import type { Command, GlobalOptions } from '../args';
import { EXIT_OK, toCliError } from '../cli-error';
import { printResult, type CliIo } from '../io';
import { connectTarget } from '../target';
import { defaultDataDir } from '../../runtime/data-dir';
import { listTrash, restoreFromTrash, trashDirIn } from '../../trash/trash-store';
import { readTrashSettings } from '../../trash/trash-settings-store';
import { renderRestored, renderTrash } from '../format/trash-text';
import { sweepHalfWritten } from '../../trash/sweep';

export async function trashCommand(
  command: Extract<Command, { name: 'trash' }>,
  global: GlobalOptions,
  io: CliIo,
): Promise<number> {
  const dataDir = defaultDataDir(io.platform, io.env, io.homeDir);
  const dir = trashDirIn(dataDir);
  const locale = cliLocale(io.env);
  if (command.restore === undefined) {
    // A copy whose writer was killed mid-save is never finished: the listing is the next run that clears it.
    await sweepHalfWritten(dir).catch(() => undefined);
    const listing = await listTrash(dir, readTrashSettings(dataDir), io.now());
    printResult(io, global.json, listing, (l) => renderTrash(l, io.now(), locale));
    return EXIT_OK;
  }
  const { docker, engine } = await connectTarget(global, io);
  const result = await restoreFromTrash(docker, dir, command.restore).catch((err: unknown) => {
    throw toCliError(err, { operation: 'list', engine: engine.kind });
  });
  printResult(io, global.json, result, (r) => renderRestored(r, locale));
  return EXIT_OK;
}
