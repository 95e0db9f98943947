// `barnacle ls`, `ps` and `df`: what the engine holds, read-only.

import { cliLocale } from '../locale';
import { containerImageTag } from '../../../src-shared/display-names';
import type { ContainerSummary } from '../../../src-shared/model';
import { shortId } from '../../../src-shared/ids';
import { readDiskUsage } from '../../inventory/disk-usage';
import { readLists } from '../../inventory/read-lists';
import { engineKeyOf } from '../../inventory/layer-facts-cache';
import { withLastUses } from '../../inventory/last-used-of';
import type { Command, GlobalOptions } from '../args';
import { diskSettingsFileIn, readDiskSettings } from '../../disk/disk-settings-store';
import { defaultDataDir } from '../../runtime/data-dir';
import { EXIT_OK, toCliError } from '../cli-error';
import { renderContainers, renderDiskUsage, renderImages } from '../format/inventory-text';
import { renderDiskLevels } from '../format/disk-levels-text';
import { readDiskLevels, vmDiskSearchOf } from '../../disk/disk-levels';
import { printResult, type CliIo } from '../io';
import { connectTarget } from '../target';
import type { DiskReport, ListedContainer } from '../json-output';

/** The tag the container shows (see containerImageTag), else the image's short ID. */
function imageShown(c: ContainerSummary, tagsById: Map<string, string[]>): string {
  return containerImageTag(c.imageRef, tagsById.get(c.imageId) ?? []) ?? shortId(c.imageId);
}

export async function listImages(all: boolean, global: GlobalOptions, io: CliIo): Promise<number> {
  const { docker, engine, endpoint } = await connectTarget(global, io);
  const lists = await readLists(docker, { includeIntermediate: all, engine }).catch((err: unknown) => {
    throw toCliError(err, { operation: 'list', engine: engine.kind });
  });
  // When each was last used: the store the app keeps too, brought up to date from the engine's history.
  const images = await withLastUses(
    { docker, lists, now: io.now(), engine },
    engineKeyOf({ endpoint, engine }),
    defaultDataDir(io.platform, io.env, io.homeDir),
  );
  printResult(io, global.json, images, (rows) => renderImages(rows, io.now(), cliLocale(io.env)));
  return EXIT_OK;
}

export async function listContainers(global: GlobalOptions, io: CliIo): Promise<number> {
  const { docker, engine } = await connectTarget(global, io);
  const lists = await readLists(docker, { containerSizes: true, engine }).catch((err: unknown) => {
    throw toCliError(err, { operation: 'list', engine: engine.kind });
  });
  const tagsById = new Map(lists.images.map((i) => [i.id, i.tags]));
  const containers: ListedContainer[] = lists.containers.map((c) => ({ ...c, image: imageShown(c, tagsById) }));
  printResult(io, global.json, containers, (rows) => renderContainers(rows, io.now(), cliLocale(io.env)));
  return EXIT_OK;
}

/** How long `df` may walk the engine's data root before it prints what it has. */
const STORAGE_BUDGET_MS = 30_000;

export async function diskUsage(
  command: Extract<Command, { name: 'df' }>,
  global: GlobalOptions,
  io: CliIo,
): Promise<number> {
  const { docker, engine, endpoint } = await connectTarget(global, io);
  const usage = await readDiskUsage(docker).catch((err: unknown) => {
    throw toCliError(err, { operation: 'list', engine: engine.kind });
  });
  const levels = await readDiskLevels(
    { host: endpoint.host, engine, info: () => docker.info() },
    usage,
    vmDiskSearchOf(io.homeDir, io.platform, io.env),
    {
      budgetMs: STORAGE_BUDGET_MS,
      now: io.now,
      skipStorage: !command.walk,
      // The image the app's Settings name (busybox:latest unless changed there).
      helper: command.helper
        ? {
            docker,
            image: readDiskSettings(diskSettingsFileIn(defaultDataDir(io.platform, io.env, io.homeDir))).helperImage,
          }
        : null,
    },
  );
  const report: DiskReport = { ...usage, levels };
  const locale = cliLocale(io.env);
  printResult(
    io,
    global.json,
    report,
    (r) => renderDiskUsage(r, locale) + renderDiskLevels(r.levels, io.now(), locale),
  );
  return EXIT_OK;
}
