// Barnacle's trash: copies of images that plans removed, one gzip archive per
// image step (<data dir>/trash/<plan id>/<step id>.tar.gz, written by the
// executor before the removal: image-archive.ts) with a small record beside it
// (…tar.gz.json: the image, its tags, the engine, when). Listing reads the
// records; a damaged one is reported, never fatal. Restoring loads the archive
// and puts back each tag that is free; a tag that now names another image is
// reported, never moved.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { EngineInfo } from '../../src-shared/model';
import { imageNamed } from '../engine/handles';
import { writeAtomically } from '../files/atomic-file';
import { loadImageArchive, saveImageArchive } from './image-archive';
import { normalizeImageId } from '../../src-shared/ids';
import { splitReference } from '../../src-shared/references';

export const trashDirIn = (dataDir: string): string => join(dataDir, 'trash');

export interface TrashRecord {
  /** "<plan id>/<step id>": what `barnacle trash restore` takes. */
  id: string;
  file: string;
  imageId: string;
  tags: string[];
  engine: { kind: EngineInfo['kind']; version: string; store: EngineInfo['imageStore'] };
  savedAt: number;
  fileBytes: number;
}

export type TrashListing = { records: TrashRecord[]; damaged: { id: string; reason: string }[] };

const recordFile = (archive: string) => `${archive}.json`;

/** Saves the image (checked) and its record; resolves once both are on disk. */
export async function keepCopy(
  docker: Docker,
  engine: Pick<EngineInfo, 'kind' | 'version' | 'imageStore'>,
  imageId: string,
  copy: { file: string; tags: string[] },
  now: () => number = Date.now,
): Promise<TrashRecord> {
  const check = await saveImageArchive(docker, imageId, copy.file);
  const record: Omit<TrashRecord, 'id'> = {
    file: copy.file,
    imageId,
    tags: copy.tags,
    engine: { kind: engine.kind, version: engine.version, store: engine.imageStore },
    savedAt: now(),
    fileBytes: check.fileBytes,
  };
  await writeAtomically(recordFile(copy.file), JSON.stringify(record, null, 2), { makeFolder: false });
  return { ...record, id: idOf(copy.file) };
}

/** "<plan id>/<step id>" from an archive's path. */
function idOf(file: string): string {
  const parts = file.split(/[\\/]/);
  return `${parts.at(-2)}/${(parts.at(-1) ?? '').replace(/\.tar\.gz$/, '')}`;
}

function isRecord(value: unknown): value is Omit<TrashRecord, 'id'> {
  const r = value as Partial<TrashRecord> | null;
  return (
    !!r &&
    typeof r.file === 'string' &&
    typeof r.imageId === 'string' &&
    /^sha256:[0-9a-f]{64}$/.test(r.imageId) &&
    Array.isArray(r.tags) &&
    r.tags.every((t) => typeof t === 'string') &&
    typeof r.savedAt === 'number' &&
    typeof r.fileBytes === 'number'
  );
}

/** Every record in the trash, newest first; unreadable ones listed apart with why. */
export async function listTrash(dir: string): Promise<TrashListing> {
  const out: TrashListing = { records: [], damaged: [] };
  const plans = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const plan of plans) {
    if (!plan.isDirectory() || !/^[0-9a-f-]{36}$/.test(plan.name)) continue;
    for (const name of await readdir(join(dir, plan.name)).catch(() => [])) {
      if (!/^s\d+\.tar\.gz\.json$/.test(name)) continue;
      const id = `${plan.name}/${name.replace(/\.tar\.gz\.json$/, '')}`;
      try {
        const parsed: unknown = JSON.parse(await readFile(join(dir, plan.name, name), 'utf8'));
        if (!isRecord(parsed)) throw new Error('not a trash record');
        // The archive is the one beside its record, whatever the record says.
        out.records.push({ ...parsed, id, file: join(dir, plan.name, name.replace(/\.json$/, '')) });
      } catch (err) {
        out.damaged.push({ id, reason: err instanceof Error ? err.message : String(err) });
      }
    }
  }
  out.records.sort((a, b) => b.savedAt - a.savedAt);
  return out;
}

export interface RestoreResult {
  record: TrashRecord;
  /** The ID the engine gave the loaded image. */
  imageId: string;
  /** False where the store gave it a new ID (the UI says so). */
  sameId: boolean;
  /** Tags put back. */
  tagged: string[];
  /** Tags that name another image now: left there, not moved. */
  taken: { tag: string; imageId: string }[];
}

/** Loads a record's archive and puts back each of its tags that is free. */
export async function restoreFromTrash(docker: Docker, dir: string, id: string): Promise<RestoreResult> {
  const record = (await listTrash(dir)).records.find((r) => r.id === id);
  if (!record) throw new Error(`no trash record ${id}`);
  const loaded = normalizeImageId((await loadImageArchive(docker, record.file))[0]!);
  const result: RestoreResult = { record, imageId: loaded, sameId: loaded === record.imageId, tagged: [], taken: [] };
  for (const tag of record.tags) {
    const now = await imageNamed(docker, tag)
      .inspect()
      .then((i: { Id: string }) => normalizeImageId(i.Id))
      .catch((err: { statusCode?: number }) => {
        if (err.statusCode === 404) return null;
        throw err;
      });
    if (now === loaded) continue;
    if (now !== null) {
      result.taken.push({ tag, imageId: now });
      continue;
    }
    const [repo, version] = splitReference(tag);
    await imageNamed(docker, loaded).tag({ repo, tag: version });
    result.tagged.push(tag);
  }
  return result;
}
