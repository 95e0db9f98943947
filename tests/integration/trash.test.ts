// Plans that keep copies in the trash before removing images, on every engine:
// a keep-copy step (images that share layers in one archive) runs first and every
// other step waits for it, so a copy that cannot be written leaves everything in
// place; by default only images that cannot be pulled back get one; restoring
// brings back the same image IDs with each tag that is free, and a tag that now
// names another image is reported, never moved. The plan's own `docker save … |
// gzip > FILE` line, run with the real docker CLI, writes an archive that checks
// out the same way. The trash keeps to its size cap, oldest first, and emptying
// it is a plan.

import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
import { buildImage, runContainer, tagImage } from '../engines/fixtures';
import { describeEachEngine } from '../engines/use-engines';
import { connectTo } from './support/plan-world';
import { DOCKER_CLI } from './support/docker-cli';
import { barnacle, barnacleJson, cliShell } from '../fixtures/barnacle-cli';
import type { Plan } from '../../src-shared/plan';
import { familiarReference } from '../../src-shared/references';
import { DEFAULT_TRASH_SETTINGS, type TrashListing, type TrashSettings } from '../../src-shared/trash';

describeEachEngine('the trash: a copy before the removal, and back', (engine) => {
  const { docker } = engine;
  let connection: EngineConnection;
  let dir: string;
  let trashDir: string;
  const settings: TrashSettings = { ...DEFAULT_TRASH_SETTINGS };
  const listed = () => listTrash(trashDir, settings);
  const planWith = (intent: Parameters<typeof buildPlan>[1], dir = trashDir, s: TrashSettings = settings) =>
    buildPlan(connection, intent, { trashDir: dir, trashSettings: s });
  const run = (plan: Plan, dir = trashDir) => executePlan(connection, plan, { trashDir: dir });
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

  it('keeps one checked archive first, removes the images, and restores them with their tags', async () => {
    const base = await buildImage(docker, { tag: 'keep/base:1', runs: ['head -c 300000 /dev/urandom > /base'] });
    const a = await buildImage(docker, { tag: 'keep/a:1', from: 'keep/base:1', runs: ['echo a > /a'] });
    await tagImage(docker, a, 'keep/a', '2');
    const b = await buildImage(docker, { tag: 'keep/b:1', from: 'keep/base:1', runs: ['echo b > /b'] });
    const tags = await tagsOf(a);
    expect(tags).toHaveLength(2);
    const plan = await planWith({
      type: 'remove-images',
      refs: ['keep/a:1', 'keep/a:2', 'keep/b:1', base],
      trash: true,
    });
    // One archive for the three: they share the base layer. It comes first; every other step waits for it.
    const copies = plan.steps.filter((s) => s.action === 'keep-copy');
    expect(copies).toHaveLength(1);
    const copy = copies[0]!;
    expect(copy.id).toBe('s1');
    expect(copy.copy!.file).toBe(join(trashDir, plan.id, 's1.tar.gz'));
    expect(copy.copy!.images.map((i) => i.id).sort()).toEqual([a, b, base].sort());
    expect(copy.copy!.images.find((i) => i.id === a)!.tags.sort()).toEqual([...tags].sort());
    for (const s of plan.steps.slice(1)) expect(s.after.length, s.label).toBeGreaterThan(0);
    expect(plan.commands[0]).toMatch(/^docker save (sha256:[0-9a-f]{64} ){3}\| gzip > \S+s1\.tar\.gz$/);

    const report = await run(plan);
    for (const s of plan.steps) expect(report.outcomes[s.id], s.label).toMatchObject({ state: 'done' });
    const kept = report.outcomes.s1;
    expect(kept?.state === 'done' && kept.keptBytes).toBeGreaterThan(300_000);
    for (const id of [a, b, base])
      await expect(docker.getImage(id).inspect()).rejects.toMatchObject({ statusCode: 404 });

    const { entries, damaged, totalBytes } = await listed();
    expect(damaged).toEqual([]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ id: `${plan.id}/s1`, planId: plan.id, containers: [], expired: false });
    expect(totalBytes).toBeGreaterThan(300_000);
    const restored = await restoreFromTrash(docker, trashDir, entries[0]!.id);
    // Every engine here gives a loaded image its old ID (seen on all five).
    for (const image of restored.images) expect(image.restoredId).toBe(image.id);
    expect(restored.images.flatMap((i) => i.taken)).toEqual([]);
    expect((await tagsOf(a)).sort()).toEqual([...tags].sort());
    expect((await tagsOf(b)).map(familiarReference)).toEqual(['keep/b:1']);
  });

  it('undoes a removal through the fix: the image with its tags, and its stopped container made again and startable', async () => {
    const id = await buildImage(docker, { tag: 'keep/app:1', runs: ['echo app > /app'] });
    await tagImage(docker, id, 'keep/app', 'latest');
    const tags = await tagsOf(id);
    // A stopped container of the image that wrote into its own layer: its changes go with it.
    const job = await runContainer(docker, 'keep/app:1', {
      name: 'keep-job',
      cmd: ['/bin/busybox', 'sh', '-c', 'echo written-before > /note'],
      running: false,
    });
    // Default settings: the image was built here, so it cannot be pulled back and gets a copy.
    const plan = await planWith({
      type: 'remove-images',
      refs: ['keep/app:1', 'keep/app:latest'],
      choices: { stoppedContainer: 'remove-containers' },
    });
    expect(plan.steps.map((s) => s.action)).toEqual(['keep-copy', 'remove-container', 'untag', 'remove-image']);
    expect(plan.steps[0]!.copy!.containers).toEqual([
      { id: job, name: 'keep-job', commitAs: `barnacle-trash/${plan.id.slice(0, 8)}:s1-1` },
    ]);
    const report = await run(plan);
    for (const s of plan.steps) expect(report.outcomes[s.id], s.label).toMatchObject({ state: 'done' });
    await expect(docker.getImage(id).inspect()).rejects.toMatchObject({ statusCode: 404 });
    await expect(docker.getContainer(job).inspect()).rejects.toMatchObject({ statusCode: 404 });
    // The commit was only a means to the archive: not left on the engine.
    await expect(docker.getImage(plan.steps[0]!.copy!.containers[0]!.commitAs).inspect()).rejects.toMatchObject({
      statusCode: 404,
    });

    const [entry] = (await listed()).entries;
    expect(entry!.containers).toEqual([{ id: job, name: 'keep-job', imageId: id }]);
    const restored = await restoreFromTrash(docker, trashDir, entry!.id);
    expect(restored.images).toEqual([{ id, restoredId: id, tagged: expect.any(Array), taken: [] }]);
    expect((await tagsOf(id)).sort()).toEqual([...tags].sort());
    const [made] = restored.containers;
    expect(made).toMatchObject({ name: 'keep-job', id: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // Made again under its name, on its changes, and it starts: its note is still there.
    const again = docker.getContainer(made!.id!);
    expect((await again.inspect()).Name).toBe('/keep-job');
    // Read from the container's own file system (GET /containers/{id}/archive, as `docker cp`
    // does): a reader container's logs came back empty on Podman 5.4 once, read right after it exited.
    const archive = await again.getArchive({ path: '/note' });
    const chunks: Buffer[] = [];
    for await (const chunk of archive as AsyncIterable<Buffer>) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString('latin1')).toContain('written-before');
    await again.start();
    expect((await again.wait()).StatusCode).toBe(0);

    // Restoring again: the name is the new container's now, so nothing is made or renamed.
    const twice = await restoreFromTrash(docker, trashDir, entry!.id);
    expect(twice.containers).toEqual([{ name: 'keep-job', nameTakenBy: made!.id }]);
  });

  it('by default keeps copies only of images that cannot be pulled back; per image and --no-trash say otherwise', async () => {
    const id = await buildImage(docker, { tag: 'keep/local:1', runs: ['echo l > /l'] });
    // Built here: no registry has it (pullBack local), so the default keeps it.
    const byDefault = await planWith({ type: 'remove-images', refs: ['keep/local:1'] });
    expect(byDefault.intent).toMatchObject({ trash: 'not-pullable' });
    expect(byDefault.steps.filter((s) => s.action === 'keep-copy').map((s) => s.copy!.images.map((i) => i.id))).toEqual(
      [[id]],
    );
    const off = await planWith({ type: 'remove-images', refs: ['keep/local:1'], trash: false });
    expect(off.steps.map((s) => s.action)).toEqual(['remove-image']);
    const perImage = await planWith({ type: 'remove-images', refs: ['keep/local:1'], trashPerImage: { [id]: false } });
    expect(perImage.steps.map((s) => s.action)).toEqual(['remove-image']);
    const none = await planWith({ type: 'remove-images', refs: ['keep/local:1'] }, trashDir, {
      ...settings,
      keep: 'none',
    });
    expect(none.steps.map((s) => s.action)).toEqual(['remove-image']);
  });

  it('a tag that names another image now is reported, not moved', async () => {
    const id = await buildImage(docker, { tag: 'keep/t:1', runs: ['echo one > /one'] });
    await run(await planWith({ type: 'remove-images', refs: ['keep/t:1'], trash: true }));
    const other = await buildImage(docker, { tag: 'keep/t:1', runs: ['echo other > /other'] });
    const [entry] = (await listed()).entries;
    const restored = await restoreFromTrash(docker, trashDir, entry!.id);
    expect(restored.images).toEqual([
      { id, restoredId: id, tagged: [], taken: [{ tag: expect.stringContaining('keep/t:1'), imageId: other }] },
    ]);
    // The other image keeps its tag; the restored one comes back untagged.
    expect((await tagsOf(other)).map(familiarReference)).toEqual(['keep/t:1']);
    expect(await tagsOf(id)).toEqual([]);
  });

  it('a damaged archive is refused on restore with the reason, and changes nothing', async () => {
    const id = await buildImage(docker, { tag: 'keep/dmg:1', runs: ['echo d > /d'] });
    await run(await planWith({ type: 'remove-images', refs: ['keep/dmg:1'], trash: true }));
    const [entry] = (await listed()).entries;
    writeFileSync(join(trashDir, `${entry!.id}.tar.gz`), 'not gzip at all');
    await expect(restoreFromTrash(docker, trashDir, entry!.id)).rejects.toThrow(/cannot be loaded .*damaged/);
    await expect(docker.getImage(id).inspect()).rejects.toMatchObject({ statusCode: 404 });
    // Still listed (its record is whole): the person can remove it with a plan.
    expect((await listed()).entries.map((e) => e.id)).toEqual([entry!.id]);
    // A record that cannot be read is listed apart, and emptying the trash takes it too.
    const broken = '44444444-4444-4444-8444-444444444444';
    mkdirSync(join(trashDir, broken));
    writeFileSync(join(trashDir, broken, 's1.tar.gz.json'), '{"version": 2,');
    expect((await listed()).damaged.map((d) => d.id)).toEqual([`${broken}/s1`]);
    const empty = await planWith({ type: 'empty-trash' });
    expect(empty.steps.map((s) => s.action)).toEqual(['remove-trash-entry', 'remove-trash-entry']);
    const report = await run(empty);
    for (const s of empty.steps) expect(report.outcomes[s.id], s.label).toEqual({ state: 'done' });
    expect(await listed()).toMatchObject({ entries: [], damaged: [] });
  });

  it('a copy that cannot be written stops the plan: nothing is removed', async () => {
    const id = await buildImage(docker, { tag: 'keep/c:1', runs: ['echo c > /c'] });
    await tagImage(docker, id, 'keep/c', '2');
    // A file where the trash folder should be: no folder can be made under it.
    const blocker = join(trashDir, 'blocker');
    writeFileSync(blocker, 'not a folder');
    const dir = join(blocker, 'trash');
    const plan = await planWith({ type: 'remove-images', refs: ['keep/c:1', 'keep/c:2'], trash: true }, dir);
    const report = await run(plan, dir);
    expect(report.outcomes.s1).toMatchObject({
      state: 'conflict',
      kind: 'copy-failed',
      says: { key: 'outcome.copyFailed' },
    });
    for (const s of plan.steps.slice(1)) expect(report.outcomes[s.id]?.state, s.label).toBe('not-run');
    expect((await tagsOf(id)).length).toBe(2);
  });

  it('refuses a copy or a removal outside its plan’s own place in the trash', async () => {
    await buildImage(docker, { tag: 'keep/p:1', runs: ['echo p > /p'] });
    const plan = await planWith({ type: 'remove-images', refs: ['keep/p:1'], trash: true });
    // The executor is given another trash than the plan's: the copy is refused, nothing runs.
    const elsewhere = mkdtempSync(join(dir, 'other-'));
    const report = await run(plan, elsewhere);
    expect(report.outcomes.s1).toMatchObject({ state: 'failed', says: { key: 'outcome.notTrashFile' } });
    expect(report.outcomes.s2?.state).toBe('not-run');
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('the plan’s save line, run with the docker CLI, writes an archive that checks out', async () => {
    const id = await buildImage(docker, { tag: 'keep/d:1', runs: ['echo d > /d'] });
    const plan = await planWith({ type: 'remove-images', refs: ['keep/d:1'], trash: true });
    const line = plan.commands.find((c) => c.startsWith('docker save '))!;
    const [, image, file] = /^docker save (\S+) \| gzip > (\S+)$/.exec(line)!;
    expect(image).toBe(id);
    // `docker save ID | gzip > FILE`, without a shell: the docker CLI's output through gzip into the file.
    const child = spawn(DOCKER_CLI, ['save', image!], {
      env: { ...process.env, DOCKER_HOST: engine.host },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
    mkdirSync(join(file!, '..'), { recursive: true });
    await pipeline(child.stdout!, createGzip(), createWriteStream(file!));
    expect(await exited).toBe(0);
    await expect(checkArchive(file!, id.slice('sha256:'.length))).resolves.toMatchObject({
      entries: expect.any(Number),
    });
  });

  it('keeps to the size cap: the oldest entry goes, last, once the new copy is safe', async () => {
    await buildImage(docker, { tag: 'keep/old:1', runs: ['head -c 200000 /dev/urandom > /o'] });
    await run(await planWith({ type: 'remove-images', refs: ['keep/old:1'], trash: true }));
    const before = await listed();
    expect(before.entries).toHaveLength(1);
    await buildImage(docker, { tag: 'keep/new:1', runs: ['head -c 200000 /dev/urandom > /n'] });
    // A cap the old entry plus the new copy pass.
    const capped = { ...settings, maxBytes: before.totalBytes + 100_000 };
    const plan = await planWith({ type: 'remove-images', refs: ['keep/new:1'], trash: true }, trashDir, capped);
    const drop = plan.steps.find((s) => s.action === 'remove-trash-entry')!;
    expect(drop).toMatchObject({ reason: 'trash-over-cap', target: join(trashDir, before.entries[0]!.id + '.tar.gz') });
    expect(plan.steps.at(-1)!.id).toBe(drop.id);
    expect(plan.commands.at(-1)).toBe(`rm -f ${drop.target} ${drop.target}.json`);
    const report = await run(plan);
    for (const s of plan.steps) expect(report.outcomes[s.id], s.label).toMatchObject({ state: 'done' });
    const after = await listTrash(trashDir, capped);
    expect(after.entries.map((e) => e.planId)).toEqual([plan.id]);
  });

  it('emptying is a plan: the expired entries, or named ones, and nothing else', async () => {
    await buildImage(docker, { tag: 'keep/x:1', runs: ['echo x > /x'] });
    await buildImage(docker, { tag: 'keep/y:1', runs: ['echo y > /y'] });
    const first = await planWith({ type: 'remove-images', refs: ['keep/x:1'], trash: true });
    await run(first);
    const second = await planWith({ type: 'remove-images', refs: ['keep/y:1'], trash: true });
    await run(second);
    // Judged a day later, with a one-day age limit: both expired.
    const later = Date.now() + 25 * 3600 * 1000;
    const aged = { ...settings, maxAgeDays: 1 };
    expect((await listTrash(trashDir, aged, later)).entries.every((e) => e.expired)).toBe(true);
    const named = await buildPlan(
      connection,
      { type: 'empty-trash', entries: [`${first.id}/s1`] },
      { trashDir, trashSettings: aged, now: later },
    );
    expect(named.steps.map((s) => [s.action, s.reason])).toEqual([['remove-trash-entry', 'trash-emptied']]);
    expect(named.bytesFreed).toBeGreaterThan(0);
    expect((await run(named)).outcomes.s1).toEqual({ state: 'done' });
    const left: TrashListing = await listed();
    expect(left.entries.map((e) => e.planId)).toEqual([second.id]);
    const unknown = await buildPlan(
      connection,
      { type: 'empty-trash', entries: [`${first.id}/s1`] },
      { trashDir, trashSettings: aged, now: later },
    );
    expect(unknown.steps).toEqual([]);
    expect(unknown.skipped).toMatchObject([{ conflict: 'not-found' }]);
  });

  it('the CLI: plan (default keeps a copy), apply, trash, trash restore, trash rm', async () => {
    const id = await buildImage(docker, { tag: 'keep/e:1', runs: ['echo e > /e'] });
    const shell = cliShell(engine.host, { trash: 'default' });
    try {
      const file = join(shell.dir, 'plan.json');
      const planned = await barnacle(['plan', 'rmi', 'keep/e:1', '--out', file], shell.env);
      expect(planned.code, planned.stderr).toBe(0);
      expect(planned.stdout).toContain('docker save ');
      const applied = await barnacle(['apply', file, '--yes'], shell.env);
      expect(applied.code, applied.stderr).toBe(0);
      await expect(docker.getImage(id).inspect()).rejects.toMatchObject({ statusCode: 404 });
      const listing = await barnacleJson<TrashListing>(['trash', '--json'], shell.env);
      expect(listing.entries.map((e) => e.images.map((i) => i.id))).toEqual([[id]]);
      // The copy went where the saved plan's own command said, not to a folder of the re-check's plan.
      const shown = /gzip > (\S+)/.exec(planned.stdout)?.[1] ?? '';
      expect(shown.endsWith(`/trash/${listing.entries[0]!.id}.tar.gz`), shown).toBe(true);
      const text = await barnacle(['trash'], shell.env);
      expect(text.stdout).toContain('keep/e:1');
      const restored = await barnacle(['trash', 'restore', listing.entries[0]!.id], shell.env);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toContain('Tags put back: keep/e:1.');
      expect((await docker.getImage(id).inspect()).Id).toBe(id);
      // Removing the entry is a plan too.
      const rmFile = join(shell.dir, 'rm.json');
      const rm = await barnacle(['trash', 'rm', listing.entries[0]!.id, '--out', rmFile], shell.env);
      expect(rm.code, rm.stderr).toBe(0);
      expect(rm.stdout).toContain('rm -f ');
      expect((await barnacle(['apply', rmFile, '--yes'], shell.env)).code).toBe(0);
      expect((await barnacleJson<TrashListing>(['trash', '--json'], shell.env)).entries).toEqual([]);
    } finally {
      shell.remove();
    }
  });
});
