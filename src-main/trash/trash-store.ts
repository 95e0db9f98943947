// Barnacle's trash: copies of what plans removed, one gzip archive per keep-copy
// step (<data dir>/trash/<plan id>/<step id>.tar.gz, written before any other
// step of its plan: image-archive.ts), with a record beside it (….tar.gz.json:
// the images with their tags, digests, labels, dates and sizes, the stopped
// containers kept with them, the engine, when). Listing reads the records; a
// damaged one is reported, never fatal. Restoring loads the archive, puts back
// each tag that is free and re-creates each container whose name is free; a tag
// or name that is someone else's now is reported, never moved.

import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { EngineInfo } from '../../src-shared/model';
import type { TrashCopy } from '../../src-shared/plan';
import type {
  RestoredContainer,
  RestoredImage,
  RestoreReport,
  TrashedContainer,
  TrashedImage,
  TrashEntry,
  TrashListing,
  TrashSettings,
} from '../../src-shared/trash';
import { TRASH_ENTRY_ID } from '../../src-shared/trash';
import { imageNamed } from '../engine/handles';
import { writeAtomically } from '../files/atomic-file';
import { loadImageArchive, saveImageArchive } from './image-archive';
import { normalizeImageId } from '../../src-shared/ids';
import { phrase } from '../../src-shared/phrase';
import { PhraseError } from '../../src-shared/phrase-error';
import { splitReference } from '../../src-shared/references';
import {
  commitWritableLayer,
  describeContainer,
  recreateContainer,
  ContainerNameTaken,
  type ContainerCopy,
} from './container-copy';

export const trashDirIn = (dataDir: string): string => join(dataDir, 'trash');

const DAY_MS = 24 * 3600 * 1000;

/** What is written beside each archive. */
interface StoredRecord {
  version: 2;
  savedAt: number;
  fileBytes: number;
  engine: TrashEntry['engine'];
  images: TrashedImage[];
  /** `commitAs`: the name the container's changes were saved under (loading puts it back; the container runs on it). */
  containers: (TrashedContainer & { copy: ContainerCopy; committedImageId: string; commitAs: string })[];
}

const recordFile = (archive: string) => `${archive}.json`;
export const archiveOf = (dir: string, id: string): string => {
  const m = TRASH_ENTRY_ID.exec(id);
  if (!m) throw new Error(`not a trash entry: ${id}`);
  return join(dir, m[1]!, `${m[2]}.tar.gz`);
};

/** What a keep-copy step needs besides its plan step. */
export interface KeepCopyContext {
  docker: Docker;
  engine: Pick<EngineInfo, 'kind' | 'version' | 'imageStore'>;
  host: string;
  now?: () => number;
}

/**
 * Keeps a plan step's copy: each container's settings read and its changes committed
 * under `commitAs`; then every image (and commit) saved into one archive, flushed and
 * checked (image-archive.ts); then the commits untagged again; then the record. Resolves
 * with the entry once all of it is on disk; throws, leaving no archive, when any part fails.
 */
export async function keepCopy(ctx: KeepCopyContext, copy: TrashCopy): Promise<TrashEntry> {
  const { docker } = ctx;
  const containers: StoredRecord['containers'] = [];
  try {
    for (const c of copy.containers) {
      const described = await describeContainer(docker, c.id);
      const committedImageId = await commitWritableLayer(docker, c.id, c.commitAs);
      containers.push({
        id: c.id,
        name: described.name,
        imageId: described.imageId,
        copy: described,
        committedImageId,
        commitAs: c.commitAs,
      });
    }
    // The commits by the names the plan's `docker save` line gives them, so the file is the one that line writes.
    const check = await saveImageArchive(
      docker,
      [...copy.images.map((i) => i.id), ...containers.map((c) => ({ name: c.commitAs, id: c.committedImageId }))],
      copy.file,
    );
    const record: StoredRecord = {
      version: 2,
      savedAt: (ctx.now ?? Date.now)(),
      fileBytes: check.fileBytes,
      engine: { host: ctx.host, kind: ctx.engine.kind, version: ctx.engine.version, store: ctx.engine.imageStore },
      images: copy.images,
      containers,
    };
    await writeAtomically(recordFile(copy.file), JSON.stringify(record, null, 2), { makeFolder: false });
    return entryOf(copy.file, record, null);
  } finally {
    // The commits live on in the archive; on the engine they were only ever a means to it.
    for (const c of copy.containers)
      await imageNamed(docker, c.commitAs)
        .remove()
        .catch(() => undefined);
  }
}

function entryOf(file: string, record: StoredRecord, settings: TrashSettings | null, now = Date.now()): TrashEntry {
  const parts = file.split(/[\\/]/);
  const planId = parts.at(-2) ?? '';
  return {
    id: `${planId}/${(parts.at(-1) ?? '').replace(/\.tar\.gz$/, '')}`,
    planId,
    savedAt: record.savedAt,
    fileBytes: record.fileBytes,
    engine: record.engine,
    images: record.images,
    containers: record.containers.map(({ id, name, imageId }) => ({ id, name, imageId })),
    expired: !!settings && settings.maxAgeDays > 0 && now - record.savedAt > settings.maxAgeDays * DAY_MS,
  };
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const IMAGE_ID = /^sha256:[0-9a-f]{64}$/;

function isStoredRecord(value: unknown): value is StoredRecord {
  const r = value as Partial<StoredRecord> | null;
  return (
    !!r &&
    r.version === 2 &&
    typeof r.savedAt === 'number' &&
    typeof r.fileBytes === 'number' &&
    !!r.engine &&
    Array.isArray(r.images) &&
    r.images.every((i) => !!i && typeof i.id === 'string' && IMAGE_ID.test(i.id) && isStringArray(i.tags)) &&
    Array.isArray(r.containers) &&
    r.containers.every(
      (c) =>
        !!c &&
        typeof c.name === 'string' &&
        typeof c.committedImageId === 'string' &&
        typeof c.commitAs === 'string' &&
        IMAGE_ID.test(c.committedImageId) &&
        !!c.copy,
    )
  );
}

async function readRecord(dir: string, id: string): Promise<{ file: string; record: StoredRecord }> {
  const file = archiveOf(dir, id);
  const parsed: unknown = JSON.parse(await readFile(recordFile(file), 'utf8'));
  if (!isStoredRecord(parsed)) throw new Error('not a trash record');
  return { file, record: parsed };
}

/** Every entry in the trash, newest first; unreadable ones listed apart with why; and the trash's bytes on disk. */
export async function listTrash(dir: string, settings: TrashSettings, now = Date.now()): Promise<TrashListing> {
  const out: TrashListing = { entries: [], damaged: [], totalBytes: 0, settings };
  const plans = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const plan of plans) {
    if (!plan.isDirectory()) continue;
    for (const name of await readdir(join(dir, plan.name)).catch(() => [])) {
      out.totalBytes += await stat(join(dir, plan.name, name)).then(
        (s) => (s.isFile() ? s.size : 0),
        () => 0,
      );
      const id = `${plan.name}/${name.replace(/\.tar\.gz\.json$/, '')}`;
      if (!name.endsWith('.tar.gz.json') || !TRASH_ENTRY_ID.test(id)) continue;
      try {
        const { file, record } = await readRecord(dir, id);
        out.entries.push(entryOf(file, record, settings, now));
      } catch (err) {
        out.damaged.push({ id, reason: err instanceof Error ? err.message : String(err) });
      }
    }
  }
  out.entries.sort((a, b) => b.savedAt - a.savedAt);
  return out;
}

/** When the entry was saved, as its record says; null when it is gone (a damaged record counts as there, saved at -1). */
export async function savedAtOf(dir: string, id: string): Promise<number | null> {
  try {
    return (await readRecord(dir, id)).record.savedAt;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? null : -1;
  }
}

/** Deletes an entry's archive and record (a remove-trash-entry step); false when it was gone already. */
export async function removeTrashEntry(dir: string, id: string): Promise<boolean> {
  const file = archiveOf(dir, id);
  const existed = await stat(recordFile(file)).then(
    () => true,
    () =>
      stat(file).then(
        () => true,
        () => false,
      ),
  );
  await rm(file, { force: true });
  await rm(recordFile(file), { force: true });
  return existed;
}

async function imageExists(docker: Docker, id: string): Promise<boolean> {
  return imageNamed(docker, id)
    .inspect()
    .then(
      () => true,
      (err: { statusCode?: number }) => {
        if (err.statusCode === 404) return false;
        throw err;
      },
    );
}

/** The image a tag names now, or null. */
async function imageOfTag(docker: Docker, tag: string): Promise<string | null> {
  return imageNamed(docker, tag)
    .inspect()
    .then((i: { Id: string }) => normalizeImageId(i.Id))
    .catch((err: { statusCode?: number }) => {
      if (err.statusCode === 404) return null;
      throw err;
    });
}

/**
 * Loads an entry's archive and puts back what is free: each image's tags, each
 * container under its name (made, not started). Removes nothing.
 */
export async function restoreFromTrash(docker: Docker, dir: string, id: string): Promise<RestoreReport> {
  const { file, record } = await readRecord(dir, id);
  const reported = (
    await loadImageArchive(docker, file).catch((err: unknown) => {
      // The engine's or gzip's own words ("incorrect header check") need saying what they are about.
      throw new PhraseError(
        phrase('outcome.trashDamaged', { entry: id, said: err instanceof Error ? err.message : String(err) }),
      );
    })
  ).map(normalizeImageId);
  const report: RestoreReport = { entryId: id, images: [], containers: [] };
  for (const image of record.images) {
    // Every store seen so far gives a loaded image its old ID; one that did not would report a single new one.
    const back = await imageExists(docker, image.id);
    const restoredId = back ? image.id : reported.length === 1 ? reported[0]! : null;
    if (!restoredId) throw new Error(`the engine loaded the archive but has no image ${image.id.slice(7, 19)}`);
    const result: RestoredImage = { id: image.id, restoredId, tagged: [], taken: [] };
    for (const tag of image.tags) {
      const now = await imageOfTag(docker, tag);
      if (now === restoredId) continue;
      if (now !== null) {
        result.taken.push({ tag, imageId: now });
        continue;
      }
      const [repo, version] = splitReference(tag);
      await imageNamed(docker, restoredId).tag({ repo, tag: version });
      result.tagged.push(tag);
    }
    report.images.push(result);
  }
  for (const c of record.containers) {
    const restored: RestoredContainer = { name: c.name };
    try {
      restored.id = await recreateContainer(docker, c.copy, c.committedImageId);
    } catch (err) {
      if (!(err instanceof ContainerNameTaken)) throw err;
      restored.nameTakenBy = err.holder;
    }
    report.containers.push(restored);
  }
  return report;
}
