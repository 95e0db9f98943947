// Keeping an image as a file before it is removed (src-main/trash/image-archive.ts),
// on every engine: saved by ID through the engine's own export, gzip-compressed,
// checked, removed, and loaded back. Seen on all five: the same image ID comes
// back (classic store and Podman: the config digest; containerd store: the
// manifest digest), with no tag, since the archive was saved by ID.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { checkArchive, loadImageArchive, saveImageArchive } from '../../src-main/trash/image-archive';
import { resetEngine } from '../engines/harness';
import { buildImage } from '../engines/fixtures';
import { describeEachEngine } from '../engines/use-engines';

describeEachEngine('an image kept as a file, and loaded back', (engine) => {
  const { docker } = engine;
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bn-archive-'));
  });
  beforeEach(async () => {
    await resetEngine(docker);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await resetEngine(docker);
  });

  it('saves by ID, checks the file, and loads the same image back after its removal', async () => {
    const id = await buildImage(docker, { tag: 'keep/me:1', runs: ['head -c 100000 /dev/urandom > /r'] });
    const path = join(dir, 'one.tar.gz');
    const check = await saveImageArchive(docker, id, path);
    expect(check.fileBytes).toBeGreaterThan(100_000);
    expect(check.entries).toBeGreaterThanOrEqual(3);
    await docker.getImage(id).remove({ force: true });
    await expect(docker.getImage(id).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect(await loadImageArchive(docker, path)).toEqual([id]);
    const back = await docker.getImage(id).inspect();
    expect(back.Id).toBe(id);
    // Saved by ID: the archive names no tag, so loading it moved none.
    expect((back.RepoTags ?? []).filter((t) => t !== '<none>:<none>')).toEqual([]);
  });

  it('refuses a damaged file, and leaves nothing behind when the save fails', async () => {
    const id = await buildImage(docker, { tag: 'keep/me:2', runs: ['echo two > /two'] });
    const path = join(dir, 'two.tar.gz');
    await saveImageArchive(docker, id, path);
    // The wrong image for this file, then a file that is not an archive at all.
    await expect(checkArchive(path, 'f'.repeat(64))).rejects.toThrow(/does not hold image/);
    writeFileSync(join(dir, 'bad.tar.gz'), 'not gzip');
    await expect(checkArchive(join(dir, 'bad.tar.gz'), id.slice(7))).rejects.toThrow(/cannot be read/);
    // An image that is not there: the engine refuses the export, and no file (or temp file) is left.
    const missing = join(dir, 'missing.tar.gz');
    await expect(saveImageArchive(docker, `sha256:${'e'.repeat(64)}`, missing)).rejects.toThrow();
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir).filter((f) => f.startsWith('missing'))).toEqual([]);
  });

  it('keeps several images in one archive, their shared layers once, and loads them all back', async () => {
    const base = await buildImage(docker, { tag: 'keep/base:1', runs: ['head -c 400000 /dev/urandom > /base'] });
    const a = await buildImage(docker, { tag: 'keep/a:1', from: 'keep/base:1', runs: ['echo a > /a'] });
    const b = await buildImage(docker, { tag: 'keep/b:1', from: 'keep/base:1', runs: ['echo b > /b'] });
    const both = join(dir, 'both.tar.gz');
    const check = await saveImageArchive(docker, [a, b], both);
    const one = await saveImageArchive(docker, a, join(dir, 'a.tar.gz'));
    // The 400 KB random layer is stored once: two images cost little more than one.
    expect(check.fileBytes).toBeLessThan(one.fileBytes + 100_000);
    for (const id of [a, b, base]) await docker.getImage(id).remove({ force: true });
    const loaded = await loadImageArchive(docker, both);
    expect([...loaded].sort()).toEqual([a, b].sort());
    for (const id of [a, b]) expect((await docker.getImage(id).inspect()).Id).toBe(id);
  });
});
