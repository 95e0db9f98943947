// Issue 12, on live engines: the engine's data root, as GET /info names it,
// measured by Barnacle's walker, equals what `du -s -B1 --one-file-system`
// says of the same folder, on every engine of the matrix. Each engine's data
// root is a private folder the harness gave it (/tmp/bnh-…), so nothing
// else writes there. A running container with a written layer is there while
// measuring: its overlay mount (Docker) lies inside the data root and must be
// left out, as du -x leaves it out.
//
// Each engine's own behaviour:
// - Docker (20, 26 classic, 26 containerd): /info DockerRootDir is --data-root,
//   <dir>/data. On the containerd image store the images are in containerd's
//   root (<dir>/containerd/root), not below DockerRootDir: the data root holds
//   only Docker's own state and containers, and Barnacle says so (imagesOutsideRoot).
// - Podman (4.3, 5.4): the compat /info has DockerRootDir too, filled from the
//   store's graphRoot (pkg/api/handlers/compat/info.go), here --root, <dir>/root,
//   with the vfs driver: every layer a full copy of the files. Podman 5.4 runs
//   chrooted in a mount namespace of its own, its folder bind-mounted at the
//   same path, so the path /info gives is the path on this side too.

import { execFile } from 'node:child_process';
import { lstat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import type { EngineConnection } from '../../src-main/engine/connection';
import { measureEngineStorage } from '../../src-main/disk/engine-storage';
import type { WalkFs } from '../../src-main/disk/tree-walk';
import { BASE_TAG, buildImage, resetEngine, runContainer } from '../engines/harness';
import { describeEachEngine } from '../engines/use-engines';
import { connectTo } from './support/plan-world';

const run = promisify(execFile);
const MiB = 1024 ** 2;

async function duBytes(path: string): Promise<number> {
  const { stdout } = await run('du', ['-s', '-B1', '--one-file-system', path]);
  return Number(stdout.split('\t')[0]);
}

describeEachEngine('the data root measured on disk', (engine) => {
  const { docker } = engine;
  let connection: EngineConnection;

  beforeAll(async () => {
    connection = await connectTo(engine.host, engine.kind);
    await resetEngine(docker);
    await buildImage(docker, {
      tag: 'barnacle-test/disk:levels',
      files: { '/disk/blob.bin': Buffer.alloc(3 * MiB, 7) },
    });
    await runContainer(docker, BASE_TAG, { running: true, writeBytes: 2 * MiB });
  });

  it('DockerRootDir is the folder the harness gave the engine, and it runs on this machine', async () => {
    const info = (await docker.info()) as { DockerRootDir?: string; Name?: string };
    const expected = engine.kind === 'docker' ? join(engine.dir, 'data') : join(engine.dir, 'root');
    expect(info.DockerRootDir).toBe(expected);
    expect(info.Name).toBe(hostname());
  });

  it('equals du -s -B1 --one-file-system of that root, within what the engine writes meanwhile', async () => {
    const storage = await measureEngineStorage(
      { host: engine.host, engine: connection.engine, info: () => docker.info() },
      { budgetMs: 120_000 },
    );
    const du = await duBytes(storage.state === 'measured' ? storage.root : '/nonexistent');
    if (storage.state !== 'measured') throw new Error(`not measured: ${storage.reason}`);
    expect(storage).toMatchObject({ partial: false, unreadable: 0, imagesOutsideRoot: engine.store === 'containerd' });
    // The engine's own databases and logs may grow by a few pages between the two walks.
    const tolerance = Math.max(256 * 1024, du * 0.002);
    console.log(
      `${engine.name.padEnd(19)} root ${storage.root}: walker ${storage.allocatedBytes}, du ${du}, ` +
        `${storage.entries} entries, ${storage.tookMs} ms`,
    );
    expect(Math.abs(storage.allocatedBytes - du)).toBeLessThanOrEqual(tolerance);
    // The 3 MiB image layer and the 2 MiB written layer are on disk below the root, except
    // on the containerd store, whose layers are in containerd's root.
    if (engine.store !== 'containerd') expect(storage.allocatedBytes).toBeGreaterThan(5 * MiB);
    expect(storage.filesystemTotalBytes).toBeGreaterThan(0);
    expect(storage.filesystemFreeBytes).toBeGreaterThan(0);
    expect(storage.filesystemFreeBytes!).toBeLessThanOrEqual(storage.filesystemTotalBytes!);
  });

  it('a data root it cannot list is unknown, not a tiny figure (injected: tests run as root)', async () => {
    const refusing: WalkFs = {
      readdir: (p) => Promise.reject(Object.assign(new Error(`EACCES: ${p}`), { code: 'EACCES' })),
      lstat: (p) => lstat(p),
    };
    const storage = await measureEngineStorage(
      { host: engine.host, engine: connection.engine, info: () => docker.info() },
      { fs: refusing },
    );
    expect(storage).toEqual({ state: 'unknown', reason: 'data-root-unreadable' });
  });
});
