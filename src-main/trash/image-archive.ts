// An image kept as a file before it is removed, in the engine's own export
// format (GET /images/get, what `docker save` writes), gzip-compressed, and
// loaded back with POST /images/load. Saved by ID, so the archive names no tag:
// loading it never moves a tag that now names another image (restore.ts puts
// the tags back one by one).
//
// Seen live on Docker 20.10, Docker 26 (classic and containerd stores), Podman
// 4.3 and 5.4: an image saved by ID and loaded after its removal comes back
// with the same ID, and every archive holds a manifest.json whose Config and
// Layers name files in the archive, and a file named for the image ID (its
// config on the classic store and Podman, its manifest blob on the containerd store).

import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable, type Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type Docker from 'dockerode';
import { imageNamed } from '../engine/handles';
import { readTarEntries } from './tar-reader';

export class ArchiveError extends Error {}

interface ManifestEntry {
  Config?: string;
  Layers?: string[];
}

/** What an archive holds, read back from the file: enough to trust it before anything is removed. */
export interface ArchiveCheck {
  /** Files in the archive. */
  entries: number;
  /** Bytes of the file on disk (compressed). */
  fileBytes: number;
}

/** An image asked for by a name (the archive records it, and loading puts it back), checked by its ID. */
export interface NamedImage {
  name: string;
  id: string;
}

/**
 * Saves the images to `path` (gzip, one archive: layers they share are stored once)
 * through a temporary name, flushed, then renamed, and reads the file back: a manifest
 * whose every Config and Layer is in the archive, and a file named for each image ID.
 * Throws ArchiveError (no file left) when any of it fails.
 */
export async function saveImageArchive(
  docker: Docker,
  imageIds: string | readonly (string | NamedImage)[],
  path: string,
): Promise<ArchiveCheck> {
  const wanted = (typeof imageIds === 'string' ? [imageIds] : [...imageIds]).map((i) =>
    typeof i === 'string' ? { name: i, id: i } : i,
  );
  const names = wanted.map((w) => w.name);
  const hexes = wanted.map(({ id }) => {
    const hex = /^sha256:([0-9a-f]{64})$/.exec(id)?.[1];
    if (!hex) throw new ArchiveError(`not a full image ID: ${id}`);
    return hex;
  });
  if (hexes.length === 0) throw new ArchiveError('no image to save');
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  // The writer's pid in the name: the next run tells a dead writer's leftover (sweep.ts) from a live one's.
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const exported = (names.length === 1
      ? await imageNamed(docker, names[0]!).get()
      : await exportMany(docker, names)) as unknown as Readable;
    // 'wx' on a random name: an existing file or link there is never written through.
    await pipeline(exported, createGzip(), createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    const check = await checkArchive(temp, hexes);
    await rename(temp, path);
    await syncFolder(dirname(path));
    return check;
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err instanceof ArchiveError ? err : new ArchiveError(err instanceof Error ? err.message : String(err));
  }
}

/**
 * The rename itself on disk before anything is removed: a power cut must not leave the
 * image gone and its archive's name unwritten. Folders cannot be opened on Windows,
 * where NTFS journals the rename.
 */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/** GET /images/get?names=…&names=… (dockerode has the call, its types do not). */
const exportMany = (docker: Docker, names: string[]): Promise<unknown> =>
  (docker as unknown as { getImages(opts: { names: string[] }): Promise<unknown> }).getImages({ names });

/** Reads an archive file through: it must unpack, list a manifest, and hold what the manifest names. */
export async function checkArchive(path: string, idHexes: string | readonly string[]): Promise<ArchiveCheck> {
  const names = new Set<string>();
  let manifest: ManifestEntry[] | null = null;
  try {
    for await (const entry of readTarEntries(createReadStream(path).pipe(createGunzip()))) {
      names.add(entry.name.replace(/^\.\//, ''));
      if (entry.name === 'manifest.json') manifest = JSON.parse(entry.body.toString('utf8')) as ManifestEntry[];
    }
  } catch (err) {
    throw new ArchiveError(`the archive cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!manifest || !Array.isArray(manifest) || manifest.length === 0) {
    throw new ArchiveError('the archive has no manifest');
  }
  for (const m of manifest) {
    for (const file of [m.Config, ...(m.Layers ?? [])]) {
      if (!file || !names.has(file)) throw new ArchiveError(`the archive lacks ${file ?? 'a config'}`);
    }
  }
  for (const idHex of typeof idHexes === 'string' ? [idHexes] : idHexes) {
    if (!names.has(`${idHex}.json`) && !names.has(`blobs/sha256/${idHex}`)) {
      throw new ArchiveError(`the archive does not hold image ${idHex.slice(0, 12)}`);
    }
  }
  return { entries: names.size, fileBytes: (await stat(path)).size };
}

/**
 * Loads an archive into the engine; resolves with the image IDs the engine reports. Not
 * every image loaded is reported: with a named image in the same archive, Docker's classic
 * store named only that one (seen on 20.10 and 26), so callers check for the IDs they expect.
 */
export async function loadImageArchive(docker: Docker, path: string): Promise<string[]> {
  const answer = await docker.loadImage(createReadStream(path).pipe(createGunzip()), { quiet: true });
  let text = '';
  await pipeline(
    answer as unknown as Readable,
    new Writable({
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString('utf8');
        done();
      },
    }),
  );
  // Docker: one "Loaded image ID: sha256:…" per image; Podman: "Loaded image: sha256:…" (or
  // "Loaded image(s): sha256:…,sha256:…" for several, on some versions).
  const error = /"error":\s*"([^"]*)"/.exec(text)?.[1];
  if (error) throw new ArchiveError(error);
  const ids = [...new Set(text.match(/sha256:[0-9a-f]{64}/g) ?? [])];
  if (!/Loaded image/.test(text)) {
    throw new ArchiveError(`the engine did not say which image it loaded: ${text.slice(0, 200)}`);
  }
  return ids;
}
