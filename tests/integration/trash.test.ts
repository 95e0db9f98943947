// Plans that keep a copy in the trash before removing an image (intent `trash`),
// on every engine: the copy is written and checked before the removal, a copy
// that cannot be written stops the step with the image in place, restoring
// brings back the same image ID with each tag that is free, and a tag that now
// names another image is reported, never moved. The plan's own `docker save …
// | gzip > FILE` line, run with the real docker CLI, writes an archive that
// checks out the same way.

import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { EngineConnection } from '../../src-main/engine/connection';
import { executePlan } from '../../src-main/execution/executor';
import { buildPlan } from '../../src-main/planning/plan-service';
import { checkArchive } from '../../src-main/trash/image-archive';
import { listTrash, restoreFromTrash } from '../../src-main/trash/trash-store';
import { resetEngine } from '../engines/harness';
import { buildImage, tagImage } from '../engines/fixtures';
import { describeEachEngine } from '../engines/use-engines';
import { connectTo } from './support/plan-world';
import { DOCKER_CLI } from './support/docker-cli';
import { barnacle, barnacleJson, cliShell } from '../fixtures/barnacle-cli';
import type { Plan } from '../../src-shared/plan';
import { familiarReference } from '../../src-shared/references';

describeEachEngine('the trash: a copy before the removal, and back', (engine) => {
  const { docker } = engine;
  let connection: EngineConnection;
  let dir: string;
  let trashDir: string;
  const tagsOf = async (id: string) =>
    ((await docker.getImage(id).inspect()).RepoTags ?? []).filter((t) => t !== '<none>:<none>');

  beforeAll(async () => {
    connection = await connectTo(engine.host, engine.kind);
    dir = mkdtempSync(join(tmpdir(), 'bn-trash-'));
  });
  beforeEach(async () => {
    await resetEngine(docker);
    trashDir = mkdtempSync(join(dir, 't-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await resetEngine(docker);
  });

  it('keeps a checked copy first, removes the image, and restores it with its tags', async () => {
    const id = await buildImage(docker, { tag: 'keep/a:1', runs: ['head -c 50000 /dev/urandom > /r'] });
    await tagImage(docker, id, 'keep/a', '2');
    const tags = await tagsOf(id);
    expect(tags).toHaveLength(2);
    const plan = await buildPlan(
      connection,
      { type: 'remove-images', refs: ['keep/a:1', 'keep/a:2'], trash: true },
      { trashDir },
    );
    const removal = plan.steps.find((s) => s.action === 'remove-image')!;
    expect(removal.keepCopy).toEqual({ file: join(trashDir, plan.id, `${removal.id}.tar.gz`), tags });
    // The copy's command comes right before the removal's, and names the same file.
    const save = plan.commands.findIndex((c) => c.startsWith('docker save '));
    expect(plan.commands[save]).toBe(`docker save ${id} | gzip > ${removal.keepCopy!.file}`);
    expect(plan.commands[save + 1]).toMatch(/^docker rmi /);

    const report = await executePlan(connection, plan);
    for (const s of plan.steps) expect(report.outcomes[s.id], s.label).toEqual({ state: 'done' });
    await expect(docker.getImage(id).inspect()).rejects.toMatchObject({ statusCode: 404 });

    const { records, damaged } = await listTrash(trashDir);
    expect(damaged).toEqual([]);
    expect(records).toEqual([
      expect.objectContaining({ id: `${plan.id}/${removal.id}`, imageId: id, tags, file: removal.keepCopy!.file }),
    ]);
    const restored = await restoreFromTrash(docker, trashDir, records[0]!.id);
    // Every engine here gives the loaded image its old ID (seen on all five).
    expect(restored).toMatchObject({ imageId: id, sameId: true, taken: [] });
    expect([...restored.tagged].sort()).toEqual([...tags].sort());
    expect((await tagsOf(id)).sort()).toEqual([...tags].sort());
  });

  it('a tag that names another image now is reported, not moved', async () => {
    const id = await buildImage(docker, { tag: 'keep/b:1', runs: ['echo one > /one'] });
    const plan = await buildPlan(connection, { type: 'remove-images', refs: ['keep/b:1'], trash: true }, { trashDir });
    await executePlan(connection, plan);
    const other = await buildImage(docker, { tag: 'keep/b:1', runs: ['echo other > /other'] });
    const [record] = (await listTrash(trashDir)).records;
    const restored = await restoreFromTrash(docker, trashDir, record!.id);
    expect(restored.imageId).toBe(id);
    expect(restored.tagged).toEqual([]);
    expect(restored.taken.map((t) => t.imageId)).toEqual([other]);
    // The other image keeps its tag; the restored one comes back untagged.
    expect((await tagsOf(other)).map(familiarReference)).toEqual(['keep/b:1']);
    expect(await tagsOf(id)).toEqual([]);
  });

  it('a copy that cannot be written stops the step: the image stays', async () => {
    const id = await buildImage(docker, { tag: 'keep/c:1', runs: ['echo c > /c'] });
    // A file where the trash folder should be: no folder can be made under it.
    const blocker = join(trashDir, 'blocker');
    writeFileSync(blocker, 'not a folder');
    const plan = await buildPlan(
      connection,
      { type: 'remove-images', refs: ['keep/c:1'], trash: true },
      { trashDir: join(blocker, 'trash') },
    );
    const report = await executePlan(connection, plan);
    const outcome = report.outcomes[plan.steps[0]!.id];
    expect(outcome).toMatchObject({ state: 'failed', kind: 'copy-failed', says: { key: 'outcome.copyFailed' } });
    expect((await docker.getImage(id).inspect()).Id).toBe(id);
  });

  it('the plan’s save line, run with the docker CLI, writes an archive that checks out', async () => {
    const id = await buildImage(docker, { tag: 'keep/d:1', runs: ['echo d > /d'] });
    const plan: Plan = await buildPlan(
      connection,
      { type: 'remove-images', refs: ['keep/d:1'], trash: true },
      { trashDir },
    );
    const line = plan.commands.find((c) => c.startsWith('docker save '))!;
    const [, image, file] = /^docker save (\S+) \| gzip > (\S+)$/.exec(line)!;
    expect(image).toBe(id);
    // `docker save ID | gzip > FILE`, without a shell: the docker CLI's output through gzip into the file.
    const child = spawn(DOCKER_CLI, ['save', image!], {
      env: { ...process.env, DOCKER_HOST: engine.host },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(file!, '..'), { recursive: true });
    await pipeline(child.stdout!, createGzip(), createWriteStream(file!));
    expect(await exited).toBe(0);
    await expect(checkArchive(file!, id.slice('sha256:'.length))).resolves.toMatchObject({
      entries: expect.any(Number),
    });
  });

  it('the CLI: plan --trash, apply, trash, trash restore', async () => {
    const id = await buildImage(docker, { tag: 'keep/e:1', runs: ['echo e > /e'] });
    const shell = cliShell(engine.host);
    try {
      const file = join(shell.dir, 'plan.json');
      const planned = await barnacle(['plan', 'rmi', 'keep/e:1', '--trash', '--out', file], shell.env);
      expect(planned.code, planned.stderr).toBe(0);
      expect(planned.stdout).toContain('docker save ');
      const applied = await barnacle(['apply', file, '--yes'], shell.env);
      expect(applied.code, applied.stderr).toBe(0);
      await expect(docker.getImage(id).inspect()).rejects.toMatchObject({ statusCode: 404 });
      const listing = await barnacleJson<{ records: { id: string; imageId: string }[] }>(
        ['trash', '--json'],
        shell.env,
      );
      expect(listing.records.map((r) => r.imageId)).toEqual([id]);
      const text = await barnacle(['trash'], shell.env);
      expect(text.stdout).toContain('keep/e:1');
      const restored = await barnacle(['trash', 'restore', listing.records[0]!.id], shell.env);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toContain('Tags put back: keep/e:1.');
      expect((await docker.getImage(id).inspect()).Id).toBe(id);
    } finally {
      shell.remove();
    }
  });
});
