// The engine calls behind stop / start / rm / rmi / untag / prune, with the
// engines' differences handled once, here:
// - Podman's force on an image also removes the containers using it (4.3 even
//   stops running ones), so force is only sent to Podman when no container uses
//   the image; otherwise the container conflict is returned.
// - A 304 from stop/start ("already stopped/started") is success.
// - Container removal never takes anonymous volumes; named volumes only by name.

import type Docker from 'dockerode';
import type { PruneReport, RemoveImageReport } from '../../src-shared/contract';
import type { EngineKind } from '../../src-shared/model';
import { readEngineFailure } from '../engine/engine-error';
import { normalizeImageId } from '../inventory/ids';
import { readLists } from '../inventory/read-lists';
import { selectPruneCandidates } from '../planning/selection';

interface DeleteAnswerItem {
  Untagged?: string;
  Deleted?: string;
}

function toRemoveReport(items: DeleteAnswerItem[] | null | undefined): RemoveImageReport {
  const report: RemoveImageReport = { untagged: [], deleted: [] };
  for (const item of items ?? []) {
    if (item.Untagged) report.untagged.push(item.Untagged);
    if (item.Deleted) report.deleted.push(normalizeImageId(item.Deleted));
  }
  return report;
}

const isNotModified = (err: unknown) => readEngineFailure(err).statusCode === 304;

export async function stopContainer(docker: Docker, id: string): Promise<void> {
  try {
    await docker.getContainer(id).stop();
  } catch (err) {
    if (!isNotModified(err)) throw err;
  }
}

export async function startContainer(docker: Docker, id: string): Promise<void> {
  try {
    await docker.getContainer(id).start();
  } catch (err) {
    if (!isNotModified(err)) throw err;
  }
}

export async function removeContainer(
  docker: Docker,
  id: string,
  options: { force?: boolean; volumes?: string[] } = {},
): Promise<void> {
  // v=false: anonymous volumes stay; only volumes asked for by name go, below.
  await docker.getContainer(id).remove({ force: options.force ?? false, v: false });
  for (const name of options.volumes ?? []) {
    await docker.getVolume(name).remove();
  }
}

/** Containers (any state) whose image is `imageId`. */
async function containersOfImage(docker: Docker, imageId: string): Promise<string[]> {
  const list = await docker.listContainers({ all: true });
  return list.filter((c) => normalizeImageId(c.ImageID) === imageId).map((c) => c.Id);
}

export async function removeImage(
  docker: Docker,
  engine: EngineKind,
  ref: string,
  options: { force?: boolean; noprune?: boolean } = {},
): Promise<RemoveImageReport> {
  let force = options.force ?? false;
  if (force && engine === 'podman') {
    const inspect = (await docker.getImage(ref).inspect()) as { Id: string };
    const users = await containersOfImage(docker, normalizeImageId(inspect.Id));
    // Without force Podman answers with the container conflict, naming who uses it.
    if (users.length > 0) force = false;
  }
  const answer = (await docker.getImage(ref).remove({ force, noprune: options.noprune ?? false })) as
    DeleteAnswerItem[] | null;
  return toRemoveReport(answer);
}

export class LastTagError extends Error {
  constructor(readonly ref: string) {
    super(`${ref} is the image's last tag: removing it would delete the image. Remove the image instead.`);
  }
}

/** Removes one tag and never the image: refuses when the tag is the image's last. */
export async function untagImage(docker: Docker, ref: string): Promise<RemoveImageReport> {
  const inspect = (await docker.getImage(ref).inspect()) as { RepoTags?: string[] | null };
  if ((inspect.RepoTags ?? []).length <= 1) throw new LastTagError(ref);
  const answer = (await docker.getImage(ref).remove({ force: false, noprune: true })) as DeleteAnswerItem[] | null;
  return toRemoveReport(answer);
}

export interface PruneImagesOptions {
  all: boolean;
  until?: string;
  labels?: string[];
  notLabels?: string[];
}

export function pruneImageFilters(options: PruneImagesOptions): Record<string, string[]> {
  const filters: Record<string, string[]> = { dangling: [options.all ? 'false' : 'true'] };
  if (options.until) filters.until = [options.until];
  if (options.labels?.length) filters.label = options.labels;
  if (options.notLabels?.length) filters['label!'] = options.notLabels;
  return filters;
}

interface PruneAnswer {
  ImagesDeleted?: DeleteAnswerItem[] | null;
  ContainersDeleted?: string[] | null;
  SpaceReclaimed?: number;
}

export async function pruneImages(
  docker: Docker,
  engine: EngineKind,
  options: PruneImagesOptions,
): Promise<PruneReport> {
  // Podman 4.3's compat prune adds its own dangling filter and answers 500 to
  // dangling=false (containers/podman#17614): prune -a is done image by image there.
  if (engine === 'podman' && options.all) return pruneUnusedOneByOne(docker, options);
  const answer = (await docker.pruneImages({ filters: pruneImageFilters(options) })) as PruneAnswer;
  const report = toRemoveReport(answer.ImagesDeleted);
  return { deleted: report.deleted, untagged: report.untagged, spaceReclaimed: answer.SpaceReclaimed ?? 0 };
}

/** What `image prune -a` does, with the same filters, as removals of unused images, children first. */
async function pruneUnusedOneByOne(docker: Docker, options: PruneImagesOptions): Promise<PruneReport> {
  const { images } = await readLists(docker);
  const { candidates } = selectPruneCandidates({ type: 'prune-images', ...options }, images, new Set(), Date.now());
  const depth = new Map(candidates.map((i) => [i.id, ancestorsOf(i, images).length]));
  candidates.sort((a, b) => (depth.get(b.id) ?? 0) - (depth.get(a.id) ?? 0));
  const report: PruneReport = { deleted: [], untagged: [], spaceReclaimed: 0 };
  for (const image of candidates) {
    try {
      // Unused by definition, so force only overrides "several tags", never a container.
      const removed = await removeImage(docker, 'podman', image.id, { force: image.tags.length > 1 });
      report.deleted.push(...removed.deleted);
      report.untagged.push(...removed.untagged);
      report.spaceReclaimed += image.size;
    } catch (err) {
      // Like the engine's own prune: an image that became used or went meanwhile is skipped.
      const status = readEngineFailure(err).statusCode;
      if (status !== 404 && status !== 409) throw err;
    }
  }
  return report;
}

function ancestorsOf(image: { parent: string | null }, images: { id: string; parent: string | null }[]): string[] {
  const byId = new Map(images.map((i) => [i.id, i]));
  const out: string[] = [];
  for (let p = image.parent; p && !out.includes(p); p = byId.get(p)?.parent ?? null) out.push(p);
  return out;
}

export async function pruneContainers(
  docker: Docker,
  options: { until?: string; labels?: string[] },
): Promise<PruneReport> {
  const filters: Record<string, string[]> = {};
  if (options.until) filters.until = [options.until];
  if (options.labels?.length) filters.label = options.labels;
  const answer = (await docker.pruneContainers({ filters })) as PruneAnswer;
  return { deleted: answer.ContainersDeleted ?? [], untagged: [], spaceReclaimed: answer.SpaceReclaimed ?? 0 };
}

export function pruneBuildCache(docker: Docker): Promise<{ spaceReclaimed: number }> {
  // docker.pruneBuilder() drops query options; none are needed here, but dial keeps it uniform.
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      { path: '/build/prune?', method: 'POST', options: {}, statusCodes: { 200: true, 500: 'server error' } },
      (err: unknown, data: unknown) =>
        err ? reject(err) : resolve({ spaceReclaimed: (data as PruneAnswer | null)?.SpaceReclaimed ?? 0 }),
    );
  });
}
