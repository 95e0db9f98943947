// `barnacle cache`: the engine's build cache records. Read-only.

import { cliLocale } from '../locale';
import { readBuildCache } from '../../inventory/read-build-cache';
import type { GlobalOptions } from '../args';
import { EXIT_OK, toCliError } from '../cli-error';
import { renderBuildCache } from '../format/build-cache-text';
import { printResult, type CliIo } from '../io';
import { connectTarget } from '../target';

export async function listBuildCache(global: GlobalOptions, io: CliIo): Promise<number> {
  const { docker, engine } = await connectTarget(global, io);
  const list = await readBuildCache(docker, engine).catch((err: unknown) => {
    throw toCliError(err, { operation: 'list', engine: engine.kind });
  });
  printResult(io, global.json, list, (l) => renderBuildCache(l, io.now(), cliLocale(io.env)));
  return EXIT_OK;
}
