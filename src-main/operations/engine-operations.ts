// The engine calls behind a plan's steps (stop / rm / rmi / untag) and the
// renderer's stop / start / build-cache prune, with the engines' differences
// handled once, here:
// - Podman's force on an image also removes the containers using it (4.3 even
//   stops running ones), so force is only sent to Podman when no container uses
//   the image; otherwise the container conflict is returned.
// - A 304 from stop/start ("already stopped/started") is success.
// - Container removal never takes anonymous volumes; named volumes only by name.

import type Docker from 'dockerode';
import type { EngineKind } from '../../src-shared/model';
import { readEngineFailure } from '../engine/engine-error';
import { normalizeImageId } from '../../src-shared/ids';
import { containerNamed, imageNamed, volumeNamed } from '../engine/handles';

interface DeleteAnswerItem {
  Untagged?: string;
  Deleted?: string;
}

/** What the engine said went: tags untagged, image IDs deleted. */
export interface RemoveImageReport {
  untagged: string[];
  deleted: string[];
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
    await containerNamed(docker, id).stop();
  } catch (err) {
    if (!isNotModified(err)) throw err;
  }
}

export async function startContainer(docker: Docker, id: string): Promise<void> {
  try {
    await containerNamed(docker, id).start();
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
  await containerNamed(docker, id).remove({ force: options.force ?? false, v: false });
  for (const name of options.volumes ?? []) {
    await volumeNamed(docker, name).remove();
  }
}

/**
 * Removes a container a Podman build left (`docker rm --force ID`). Unforced, Podman
 * answers 500 "mounted and cannot be removed without using force" (4.3 and 5.4).
 */
export async function removeBuildContainer(docker: Docker, id: string): Promise<void> {
  await containerNamed(docker, id).remove({ force: true, v: false });
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
  options: { force?: boolean } = {},
): Promise<RemoveImageReport> {
  let force = options.force ?? false;
  if (force && engine === 'podman') {
    const inspect = (await imageNamed(docker, ref).inspect()) as { Id: string };
    const users = await containersOfImage(docker, normalizeImageId(inspect.Id));
    // Without force Podman answers with the container conflict, naming who uses it.
    if (users.length > 0) force = false;
  }
  const answer = (await imageNamed(docker, ref).remove({ force, noprune: false })) as DeleteAnswerItem[] | null;
  return toRemoveReport(answer);
}

export class LastTagError extends Error {
  constructor(readonly ref: string) {
    super(`${ref} is the image's last tag: removing it would delete the image. Remove the image instead.`);
  }
}

/** Removes one tag and never the image: refuses when the tag is the image's last. */
export async function untagImage(docker: Docker, ref: string): Promise<RemoveImageReport> {
  const inspect = (await imageNamed(docker, ref).inspect()) as { RepoTags?: string[] | null };
  if ((inspect.RepoTags ?? []).length <= 1) throw new LastTagError(ref);
  const answer = (await imageNamed(docker, ref).remove({ force: false, noprune: true })) as DeleteAnswerItem[] | null;
  return toRemoveReport(answer);
}

interface PruneAnswer {
  SpaceReclaimed?: number;
  CachesDeleted?: string[] | null;
}

/** BuildKit's record IDs: 25 letters and digits. The engine reads the id filter as a pattern, so nothing else is sent. */
export const isCacheRecordId = (id: string): boolean => /^[a-z0-9]{25}$/.test(id);

/**
 * Removes one build cache record, as `docker builder prune -f --filter id=ID`
 * (without --all: a record an image shares stays, as it would free nothing).
 * Resolves with whether the engine deleted it.
 */
export function removeBuildCacheRecord(docker: Docker, id: string): Promise<{ deleted: boolean; bytes: number }> {
  if (!isCacheRecordId(id)) return Promise.reject(new Error(`not a build cache record ID: ${id}`));
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: '/build/prune?',
        method: 'POST',
        options: { filters: JSON.stringify({ id: [id] }) },
        statusCodes: { 200: true, 500: 'server error' },
      },
      (err: unknown, data: unknown) => {
        if (err) return reject(err);
        const answer = (data ?? {}) as PruneAnswer;
        resolve({ deleted: (answer.CachesDeleted ?? []).includes(id), bytes: answer.SpaceReclaimed ?? 0 });
      },
    );
  });
}
