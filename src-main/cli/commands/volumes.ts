// `barnacle volumes`: every volume, anonymous or named, its size and who mounts it. Read-only.

import { cliLocale } from '../locale';
import { readVolumes } from '../../inventory/read-volumes';
import { readLists } from '../../inventory/read-lists';
import type { GlobalOptions } from '../args';
import { EXIT_OK, toCliError } from '../cli-error';
import { renderVolumes } from '../format/volume-text';
import { printResult, type CliIo } from '../io';
import { connectTarget } from '../target';

export async function listVolumes(global: GlobalOptions, io: CliIo): Promise<number> {
  const { docker, engine } = await connectTarget(global, io);
  const list = await readLists(docker, { engine })
    .then(({ containers }) => readVolumes(docker, engine, containers, { sizes: true }))
    .catch((err: unknown) => {
      throw toCliError(err, { operation: 'list', engine: engine.kind });
    });
  printResult(io, global.json, list, (l) => renderVolumes(l, cliLocale(io.env)));
  return EXIT_OK;
}
