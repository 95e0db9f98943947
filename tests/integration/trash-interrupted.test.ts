// A backup cut short: the process applying a `--trash` plan killed in the middle of
// writing the copy (every engine), or the engine itself stopped there (one Docker and
// one Podman, each started by this file alone so stopping it harms no one). Either
// way nothing was removed, no archive or record was completed, and the next run
// clears the half-written file.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { executePlan } from '../../src-main/execution/executor';
import { buildPlan } from '../../src-main/planning/plan-service';
import { pidIsAlive, sweepHalfWritten } from '../../src-main/trash/sweep';
import { listTrash } from '../../src-main/trash/trash-store';
import {
  buildImage,
  connect,
  engineAvailability,
  ensureBaseImage,
  resetEngine,
  startEngine,
  tagImage,
  type StartedEngine,
} from '../engines/harness';
import { matrixEntry, type EngineName } from '../engines/matrix';
import { describeEachEngine } from '../engines/use-engines';
import { barnacle, barnacleJson, cliShell, familiar } from '../fixtures/barnacle-cli';
import { connectTo } from './support/plan-world';
import type Dockerode from 'dockerode';
import { DEFAULT_TRASH_SETTINGS, type TrashListing } from '../../src-shared/trash';

const BIN = fileURLToPath(new URL('../../bin/barnacle.mjs', import.meta.url));
// Random bytes gzip cannot shrink: the copy takes seconds to write, long enough to be cut.
const BIG = `head -c ${200 * 2 ** 20} /dev/urandom > /big`;

/** The `.tmp` files under a trash folder's plan folders, once one has bytes in it. */
async function waitForHalfWritten(trashDir: string, timeoutMs = 60_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = tempFiles(trashDir);
    if (found.length > 0) return found;
    if (Date.now() > deadline) throw new Error(`no .tmp under ${trashDir} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function tempFiles(trashDir: string): string[] {
  if (!existsSync(trashDir)) return [];
  return readdirSync(trashDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(trashDir, d.name)).map((f) => join(trashDir, d.name, f)))
    .filter((f) => f.endsWith('.tmp'));
}

/** Everything in the plan folders that is not a `.tmp`: a finished archive or record. */
function finishedFiles(trashDir: string): string[] {
  if (!existsSync(trashDir)) return [];
  return readdirSync(trashDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(trashDir, d.name)))
    .filter((f) => !f.endsWith('.tmp'));
}

const tagsOf = async (docker: Dockerode, id: string) =>
  ((await docker.getImage(id).inspect()).RepoTags ?? []).filter((t) => t !== '<none>:<none>').map(familiar);

describeEachEngine('a backup cut short by killing the process', (engine) => {
  const { docker } = engine;
  beforeAll(() => resetEngine(docker));
  afterAll(() => resetEngine(docker));

  it('removes nothing, completes no copy, and the next run clears the half-written file', async () => {
    const id = await buildImage(docker, { tag: 'cut/a:1', runs: [BIG] });
    await tagImage(docker, id, 'cut/a', '2');
    const shell = cliShell(engine.host);
    try {
      const trashDir = join(shell.env.XDG_DATA_HOME!, 'barnacle', 'trash');
      const file = join(shell.dir, 'plan.json');
      const planned = await barnacle(['plan', 'rmi', 'cut/a:1', 'cut/a:2', '--trash', '--out', file], shell.env);
      expect(planned.code, planned.stderr).toBe(0);
      const steps = (JSON.parse(readFileSync(file, 'utf8')) as { steps: { action: string; label: string }[] }).steps;
      const order = steps.map((s) => `${s.action} ${s.label}`).join('; ');

      const child = spawn(process.execPath, [BIN, 'apply', file, '--yes'], { env: shell.env, stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
        child.on('exit', (code, signal) => resolve(signal ?? code)),
      );
      const [temp] = await waitForHalfWritten(trashDir);
      // The writer's pid is in the name: that is how the next run knows it is gone.
      expect(temp).toContain(`.${child.pid}.`);
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      expect(pidIsAlive(child.pid!)).toBe(false);

      expect((await docker.getImage(id).inspect()).Id).toBe(id);
      // Every other step waits for the copy (keep-copy runs first), so not even a tag went. This
      // was the bug the test first found: the untag ran beside the copy, and a kill left it done.
      expect((await tagsOf(docker, id)).sort(), `the tags after the kill (plan: ${order})`).toEqual([
        'cut/a:1',
        'cut/a:2',
      ]);
      expect(finishedFiles(trashDir)).toEqual([]);
      expect(existsSync(temp!)).toBe(true);
      expect((await listTrash(trashDir, DEFAULT_TRASH_SETTINGS)).entries).toEqual([]);

      // The next run: `barnacle trash` lists nothing and clears the file on its way.
      const listing = await barnacleJson<TrashListing>(['trash'], shell.env);
      expect(listing).toMatchObject({ entries: [], damaged: [] });
      expect(existsSync(temp!)).toBe(false);
      expect(tempFiles(trashDir)).toEqual([]);
      // Nothing left to sweep; the plan folder went with its last file.
      expect(await sweepHalfWritten(trashDir)).toEqual({ removed: [], removedFolders: [] });
      expect(readdirSync(trashDir)).toEqual([]);
    } finally {
      shell.remove();
    }
  }, 240_000);
});

// One Docker and one Podman of those this run started (the first of each family in the matrix).
const wanted = Object.keys(inject('engines').started) as EngineName[];
const stoppable = (['docker', 'podman'] as const).flatMap((family) => {
  const name = wanted.find((n) => matrixEntry(n).family === family && engineAvailability(n).ok);
  return name ? [name] : [];
}) as EngineName[];

describe.each(stoppable)('%s: a backup cut short by stopping the engine', (name) => {
  let engine: StartedEngine;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bn-cut-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await engine?.destroy();
  });

  it('fails the copy, removes nothing, and the image is there when the engine is back', async () => {
    engine = await startEngine(name);
    const docker = connect(engine.host);
    await ensureBaseImage(docker);
    const id = await buildImage(docker, { tag: 'cut/b:1', runs: [BIG] });
    const trashDir = join(dir, 'trash');
    const connection = await connectTo(engine.host, engine.kind);
    const plan = await buildPlan(connection, { type: 'remove-images', refs: ['cut/b:1'], trash: true }, { trashDir });
    const copy = plan.steps.find((s) => s.action === 'keep-copy')!;
    const removal = plan.steps.find((s) => s.action === 'remove-image')!;

    const report = executePlan(connection, plan, { measure: false, trashDir });
    await waitForHalfWritten(trashDir);
    await engine.stop();
    const { outcomes } = await report;
    const outcome = outcomes[copy.id];
    expect(outcome?.state === 'conflict' && outcome.kind === 'copy-failed', JSON.stringify(outcome)).toBe(true);
    expect(outcomes[removal.id]?.state).toBe('not-run');
    // saveImageArchive removes its own temp file when the export fails under it.
    expect(tempFiles(trashDir)).toEqual([]);
    expect(finishedFiles(trashDir)).toEqual([]);

    await engine.start();
    const back = connect(engine.host);
    expect((await back.getImage(id).inspect()).Id).toBe(id);
    expect(await tagsOf(back, id)).toEqual(['cut/b:1']);
  }, 300_000);
});
