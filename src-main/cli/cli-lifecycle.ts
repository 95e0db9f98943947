// The app's plan lifecycle over the CLI's data folder (previewed, pinned, run,
// recorded in the same history), with last uses read as `barnacle plan prune`
// reads them: what `policy plan|apply` and `fleet plan|apply` plan and run through.

import { PlanLifecycle } from '../core/plan-lifecycle';
import type { EngineConnection } from '../engine/connection';
import { lastUseAtIn, openUpToDate } from '../inventory/last-used-of';
import { engineKeyOf, LayerFactsCaches } from '../inventory/layer-facts-cache';
import type { CliIo } from './io';

export function cliLifecycle(
  dataDir: string,
  io: CliIo,
  onNotRecorded: (path: string, err: unknown) => void,
): PlanLifecycle {
  return new PlanLifecycle({
    dataDir,
    layerFacts: new LayerFactsCaches(dataDir),
    lastUses: async (connection: EngineConnection, lists) =>
      lastUseAtIn(
        await openUpToDate(
          { docker: connection.docker, lists, now: io.now(), engine: connection.engine },
          engineKeyOf(connection),
          dataDir,
        ),
      ),
    historyNotWritten: onNotRecorded,
  });
}
