// One test per cleanup scenario, on live engines, through the app's own path:
// buildPlan (lists + layer facts + planner) → executePlan. Each checks the
// plan's steps and CLI commands, predicted bytes against what the engine
// freed, and that the engine's inventory changed by exactly the plan.

import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { EngineConnection } from '../../src-main/engine/connection';
import { executePlan } from '../../src-main/execution/executor';
import { shortId } from '../../src-shared/ids';
import { buildPlan } from '../../src-main/planning/plan-service';
import type { CleanupIntent, ExecutionReport, Plan } from '../../src-shared/plan';
import { BASE_TAG, buildImage, resetEngine, runContainer, tagImage } from '../engines/harness';
import { describeEachEngine } from '../engines/use-engines';
import { settledStorageBytes, withinContainerdBound } from './support/engine-disk';
import { closeBytes, connectTo, expectOnlyThePlan, observe, type World } from './support/plan-world';

const KiB = 1024;
const measured: string[] = [];

describeEachEngine('cleanup plans, planned and executed', (engine) => {
  const { docker } = engine;
  let connection: EngineConnection;
  /** How the engine lists a two-part name: Docker as given, Podman's compat API under docker.io/. */
  const listed = (ref: string) => (engine.kind === 'docker' ? ref : `docker.io/${ref}`);
  const blob = (bytes: number) => ({ [`/plan/${randomBytes(4).toString('hex')}.bin`]: randomBytes(bytes) });
  const image = (tag: string, bytes: number, extra: { from?: string; labels?: Record<string, string> } = {}) =>
    buildImage(docker, { tag, files: blob(bytes), ...extra });

  beforeAll(async () => {
    connection = await connectTo(engine.host, engine.kind);
  });
  beforeEach(() => resetEngine(docker));
  afterAll(() => {
    if (measured.length) console.log(`plans, predicted vs freed (bytes):\n${measured.join('\n')}`);
    measured.length = 0;
  });

  interface Run {
    plan: Plan;
    report: ExecutionReport;
    before: World;
    after: World;
  }

  /** Plans, executes, and checks what every scenario must hold; returns the rest for the scenario. */
  async function planAndRun(label: string, intent: CleanupIntent): Promise<Run> {
    const plan = await buildPlan(connection, intent);
    const before = await observe(docker);
    const diskBefore = await settledStorageBytes(engine);
    const report = await executePlan(connection, plan);
    const diskFreed = diskBefore - (await settledStorageBytes(engine));
    const after = await observe(docker);
    expectOnlyThePlan(before, after, plan, report);
    for (const step of plan.steps)
      expect(report.outcomes[step.id], `${step.id} ${step.action} ${step.label}`).toEqual({ state: 'done' });
    expect(report.finished).toBe(true);
    measured.push(
      `${engine.name.padEnd(19)} ${label.padEnd(40)} predicted ${String(plan.bytesFreed).padStart(8)}` +
        `  report ${String(report.bytesFreed).padStart(8)} (${report.bytesSource})` +
        `  left the disk ${String(diskFreed).padStart(8)}`,
    );
    const removesImages = plan.steps.some((s) => s.action === 'remove-image');
    switch (engine.store) {
      case 'classic': {
        expect(plan.exact, plan.inexactReasons.join('; ')).toBe(true);
        const forced = plan.steps.some((s) => s.force);
        expect(report.bytesSource).toBe(forced ? 'plan' : 'disk-usage');
        expect(
          closeBytes(plan.bytesFreed, report.bytesFreed),
          `predicted ${plan.bytesFreed}, reported ${report.bytesFreed}`,
        ).toBe(true);
        // What left the disk, whatever the engine's own figures say.
        expect(closeBytes(plan.bytesFreed, diskFreed), `predicted ${plan.bytesFreed}, disk freed ${diskFreed}`).toBe(
          true,
        );
        break;
      }
      case 'containerd':
        // Blobs and snapshots both go; df counts snapshots only, so the report keeps the plan's figure.
        if (removesImages) expect(plan.exact).toBe(false);
        expect(report.bytesSource).toBe('plan');
        expect(
          withinContainerdBound(plan.bytesFreed, diskFreed),
          `predicted ${plan.bytesFreed}, left the disk ${diskFreed}`,
        ).toBe(true);
        break;
      case 'podman':
        // Podman's compat API has no layer total to measure with; its sizes are tar-stream figures.
        expect(report.bytesSource).toBe('plan');
        if (removesImages) expect(plan.exact).toBe(false);
        break;
    }
    return { plan, report, before, after };
  }

  const actions = (plan: Plan) => plan.steps.map((s) => `${s.action} ${s.label}`);

  it('image used by one running container: kept by default, reported', async () => {
    const id = await image('plan/run:1', 60 * KiB);
    const c = await runContainer(docker, id, { name: 'plan-run', running: true });
    const { plan, before, after } = await planAndRun('running container, default keep', {
      type: 'remove-images',
      refs: ['plan/run:1'],
    });
    expect(plan.steps).toEqual([]);
    expect(plan.commands).toEqual([]);
    expect(plan.skipped).toEqual([expect.objectContaining({ target: id, conflict: 'running-container' })]);
    expect(plan.decisions[0]).toMatchObject({
      conflict: 'running-container',
      chosen: 'keep-image',
      containers: [{ id: c, name: 'plan-run', state: 'running' }],
    });
    expect(after).toEqual(before);
  });

  it('image used by one running container: stop and remove it, then the image', async () => {
    const id = await image('plan/run:1', 60 * KiB);
    const c = await runContainer(docker, id, { name: 'plan-run', running: true, writeBytes: 12 * KiB });
    const { plan, after } = await planAndRun('running container, stop-and-remove', {
      type: 'remove-images',
      refs: ['plan/run:1'],
      choices: { runningContainer: 'stop-and-remove-containers' },
    });
    expect(actions(plan)).toEqual(['stop-container plan-run', 'remove-container plan-run', 'remove-image plan/run:1']);
    expect(plan.steps.map((s) => s.target)).toEqual([c, c, id]);
    expect(plan.commands).toEqual(['docker stop plan-run', 'docker rm plan-run', `docker rmi ${shortId(id)}`]);
    expect(plan.bytesFreed).toBeGreaterThanOrEqual(60 * KiB + 12 * KiB);
    expect(after.images[id]).toBeUndefined();
  });

  it('image used by a stopped container: remove the container, then the image', async () => {
    const id = await image('plan/stopped:1', 40 * KiB);
    const c = await runContainer(docker, id, { name: 'plan-stopped', running: false, writeBytes: 8 * KiB });
    const { plan } = await planAndRun('stopped container, remove-containers', {
      type: 'remove-images',
      refs: ['plan/stopped:1'],
      choices: { stoppedContainer: 'remove-containers' },
    });
    expect(actions(plan)).toEqual(['remove-container plan-stopped', 'remove-image plan/stopped:1']);
    expect(plan.steps[0]!.target).toBe(c);
    expect(plan.commands).toEqual(['docker rm plan-stopped', `docker rmi ${shortId(id)}`]);
  });

  it('image used by a stopped container: force-delete only on Docker, never forced on Podman', async () => {
    const id = await image('plan/forced:1', 40 * KiB);
    const c = await runContainer(docker, id, { name: 'plan-forced', running: false });
    const intent: CleanupIntent = {
      type: 'remove-images',
      refs: ['plan/forced:1'],
      choices: { stoppedContainer: 'force-delete' },
    };
    const { plan, report, after } = await planAndRun('stopped container, force-delete', intent);
    if (engine.store === 'classic') {
      expect(actions(plan)).toEqual(['remove-image plan/forced:1']);
      expect(plan.steps[0]).toMatchObject({ force: true, expect: { containerIds: [c] } });
      expect(plan.commands).toEqual([`docker rmi -f ${shortId(id)}`]);
      // The image is gone; its container stays, pointing at nothing, and its layers stay with it.
      expect(after.images[id]).toBeUndefined();
      expect(after.containers[c]).toBe(`exited ${id}`);
      expect(plan.bytesFreed).toBe(0);
      // Docker's df stops counting those layers at once (it would say 40 KiB freed): the plan's 0 is reported.
      expect(report.bytesNote).toMatch(/force-deleted/);
    } else if (engine.store === 'containerd') {
      // Force on this store drops only the tag: force-delete is not offered, untag-only is.
      expect(plan.steps).toEqual([]);
      const offered = plan.decisions[0]!.options.map((o) => o.choice);
      expect(offered).toContain('untag-only');
      expect(offered).not.toContain('force-delete');
      const untag = await planAndRun('stopped container, untag-only', {
        ...intent,
        choices: { stoppedContainer: 'untag-only' },
      });
      expect(actions(untag.plan)).toEqual(['untag plan/forced:1']);
      expect(untag.plan.commands).toEqual(['docker rmi -f plan/forced:1']);
      expect(untag.after.images[id]).toEqual([]);
      expect(untag.after.containers[c]).toBe(`exited ${id}`);
    } else {
      expect(plan.steps).toEqual([]);
      expect(plan.decisions[0]!.options.map((o) => o.choice)).not.toContain('force-delete');
      expect(after.images[id]).toEqual([listed('plan/forced:1')]);
    }
  });

  it('start fresh: a ticked volume made again since the preview is not removed (its data is new)', async () => {
    await docker.createVolume({ Name: 'plan-remade' });
    const plan = await buildPlan(connection, { type: 'start-fresh', volumes: ['plan-remade'] });
    const step = plan.steps.find((s) => s.action === 'remove-volume')!;
    expect(step.expect.volumeCreatedAt).toEqual(expect.any(String));
    // Removed and made again under the same name; creation times have one-second steps on some engines.
    await docker.getVolume('plan-remade').remove();
    await new Promise((r) => setTimeout(r, 1100));
    await docker.createVolume({ Name: 'plan-remade', Labels: { made: 'again' } });
    // Only the volume step runs here: the rest of a start-fresh plan would take the base image too.
    const report = await executePlan(connection, { ...plan, steps: [{ ...step, after: [] }] });
    expect(report.outcomes[step.id]).toMatchObject({ state: 'conflict', kind: 'plan-stale' });
    expect((await docker.getVolume('plan-remade').inspect()).Labels).toEqual({ made: 'again' });
    await docker.getVolume('plan-remade').remove();
  });

  it('image tagged in several repositories: the selected tag only, then every tag', async () => {
    const id = await image('plan/multi:1', 30 * KiB);
    await tagImage(docker, id, 'plan/other', '1');
    await tagImage(docker, id, 'plan/third', 'x');
    const one = await planAndRun('several tags, selected tag only', { type: 'remove-images', refs: ['plan/other:1'] });
    expect(actions(one.plan)).toEqual(['untag plan/other:1']);
    expect(one.plan.steps[0]!.target).toBe(listed('plan/other:1'));
    // The tag as the engine lists it: on Podman a short name could mean localhost/plan/other:1.
    expect(one.plan.commands).toEqual([`docker rmi ${listed('plan/other:1')}`]);
    expect(one.plan.bytesFreed).toBe(0);
    expect(one.after.images[id]).toEqual([listed('plan/multi:1'), listed('plan/third:x')]);

    const all = await planAndRun('several tags, all tags', {
      type: 'remove-images',
      refs: ['plan/third:x'],
      choices: { multipleReferences: 'all-tags' },
    });
    expect(all.plan.steps.map((s) => s.action)).toEqual(['untag', 'remove-image']);
    expect(all.plan.commands).toEqual([`docker rmi ${all.plan.steps[0]!.target} ${shortId(id)}`]);
    expect(all.after.images[id]).toBeUndefined();
  });

  it('eight tags, all of them: the untags go one at a time and none is lost', async () => {
    // Podman 4.3 untags by rewriting the image's whole name list from a copy it read first,
    // so two untags of one image at once can undo each other: 5 untags sent at once left
    // 2 or 3 of 6 tags in 6 of 10 tries here (Podman 5.4 and Docker kept exactly one).
    // The plan chains one image's untags, so on every engine none comes back.
    const id = await image('plan/many:0', 10 * KiB);
    for (let i = 1; i < 8; i++) await tagImage(docker, id, `plan/many${i}`, 'x');
    const all = await planAndRun('eight tags, all tags', {
      type: 'remove-images',
      refs: ['plan/many:0'],
      choices: { multipleReferences: 'all-tags' },
    });
    const untags = all.plan.steps.filter((s) => s.action === 'untag');
    expect(untags).toHaveLength(7);
    untags.forEach((step, i) => expect(step.after).toEqual(i === 0 ? [] : [untags[i - 1]!.id]));
    expect(all.after.images[id]).toBeUndefined();
  });

  it.runIf(engine.kind === 'podman')(
    "Podman's localhost/ names: found by their short name, untagged as listed",
    async () => {
      const id = await image('plan/loc:1', 10 * KiB);
      await tagImage(docker, id, 'localhost/plan/loc', '2');
      const { plan, after } = await planAndRun('localhost/ tag by short name', {
        type: 'remove-images',
        refs: ['plan/loc:2'],
      });
      expect(plan.steps.map((s) => [s.action, s.target])).toEqual([['untag', 'localhost/plan/loc:2']]);
      expect(plan.commands).toEqual(['docker rmi localhost/plan/loc:2']);
      expect(after.images[id]).toEqual([listed('plan/loc:1')]);
    },
  );

  it('several containers of one image: remove the stopped ones made from it (ancestor)', async () => {
    const app = await image('plan/anc:1', 20 * KiB);
    const child = await image('plan/anc-child:1', 10 * KiB, { from: 'plan/anc:1' });
    const other = await image('plan/other:1', 10 * KiB);
    const stopped = [
      await runContainer(docker, app, { name: 'anc-a', running: false, writeBytes: 6 * KiB }),
      await runContainer(docker, app, { name: 'anc-b', running: false, writeBytes: 7 * KiB }),
      await runContainer(docker, child, { name: 'anc-child', running: false, writeBytes: 5 * KiB }),
    ];
    const running = await runContainer(docker, app, { name: 'anc-up', running: true });
    const unrelated = await runContainer(docker, other, { name: 'other-down', running: false });
    // The engine's own ancestor filter must pick the same containers the plan does. Podman 4.3's
    // compat filter matches only the name as it lists it (not a short name, not an ID).
    const engineSays = await docker.listContainers({
      all: true,
      filters: { ancestor: [listed('plan/anc:1')], status: ['exited'] },
    });
    const { plan, after } = await planAndRun('stopped containers of one image', {
      type: 'remove-stopped-containers',
      ancestor: 'plan/anc:1',
    });
    expect(plan.steps.map((s) => s.target).sort()).toEqual([...stopped].sort());
    // Docker's ancestor includes images built on it; Podman 4.3's stops at the image itself.
    // The plan keeps Docker's meaning on both engines.
    const engineFamily = engine.kind === 'docker' ? stopped : stopped.slice(0, 2);
    expect(engineSays.map((c) => c.Id).sort()).toEqual([...engineFamily].sort());
    expect(plan.steps.every((s) => s.action === 'remove-container')).toBe(true);
    expect(plan.commands).toEqual([`docker rm ${plan.steps.map((s) => s.label).join(' ')}`]);
    expect(plan.bytesFreed).toBeGreaterThanOrEqual(18 * KiB);
    expect(Object.keys(after.containers).sort()).toEqual([running, unrelated].sort());
  });

  it('several images at once, with shared and own layers', async () => {
    const shared = await image('plan/shared:1', 50 * KiB);
    const a = await image('plan/a:1', 20 * KiB, { from: 'plan/shared:1' });
    const b = await image('plan/b:1', 30 * KiB, { from: 'plan/shared:1' });
    const keep = await image('plan/keep:1', 10 * KiB, { from: 'plan/shared:1' });
    const { plan, after } = await planAndRun('several images', {
      type: 'remove-images',
      refs: ['plan/a:1', 'plan/b:1', shortId(shared)],
    });
    if (engine.store === 'classic') {
      // The shared base has a child that stays: the engine would refuse, so it is kept, and said so.
      expect(plan.skipped).toEqual([expect.objectContaining({ target: shared, conflict: 'dependent-children' })]);
      expect(plan.steps.map((s) => s.target).sort()).toEqual([a, b].sort());
      expect(plan.bytesFreed).toBe(50 * KiB);
      expect(Object.keys(after.images)).toEqual(expect.arrayContaining([shared, keep]));
    } else {
      // The containerd store and Podman have no dependent-children conflict (seen live): the
      // base goes too, and the child that stays keeps the layers it shares with it.
      expect(plan.skipped).toEqual([]);
      expect(plan.decisions).toEqual([]);
      expect(plan.steps.map((s) => s.target).sort()).toEqual([a, b, shared].sort());
      expect(after.images[shared]).toBeUndefined();
      expect(Object.keys(after.images)).toContain(keep);
    }
  });

  it('dangling images: prune takes exactly the untagged ones', async () => {
    const old1 = await image('plan/d:1', 25 * KiB);
    await image('plan/d:1', 26 * KiB);
    const old2 = await image('plan/e:1', 15 * KiB);
    await image('plan/e:1', 16 * KiB);
    const used = await image('plan/f:1', 5 * KiB);
    await runContainer(docker, used, { running: false });
    await image('plan/f:1', 6 * KiB); // dangling, but a container uses it
    const { plan } = await planAndRun('dangling prune', { type: 'prune-images', all: false });
    expect(plan.steps.map((s) => s.target).sort()).toEqual([old1, old2].sort());
    expect(plan.steps.map((s) => s.label).sort()).toEqual(
      [`<none> ${shortId(old1)}`, `<none> ${shortId(old2)}`].sort(),
    );
    if (engine.store === 'classic') expect(plan.bytesFreed).toBe(40 * KiB);
  });

  it('unused images older than a cut-off: fresh ones kept with 24h, taken with a cut-off in the future', async () => {
    const labels = { 'barnacle.scenario': 'until' };
    const filter = { label: ['barnacle.scenario=until'] };
    const build = async () => {
      const unused = [await image('plan/u1:1', 11 * KiB, { labels }), await image('plan/u2:1', 12 * KiB, { labels })];
      const inUse = await image('plan/u3:1', 13 * KiB, { labels });
      await runContainer(docker, inUse, { running: false });
      await image('plan/unlabelled:1', 14 * KiB);
      return unused;
    };
    const unused = await build();
    const day = await buildPlan(connection, { type: 'prune-images', all: true, until: '24h', labels: filter.label });
    expect(day.steps).toEqual([]);
    // The engine's own prune with the same filters, both ways. (Podman 4.3's compat prune
    // refuses dangling=false, containers/podman#17614: nothing to compare with there.)
    const future = String(Math.floor(Date.now() / 1000) + 60);
    const ahead = await buildPlan(connection, { type: 'prune-images', all: true, until: future, labels: filter.label });
    expect(ahead.steps.map((s) => s.target).sort()).toEqual([...unused].sort());
    expect(ahead.untilBasis).toBe(engine.store === 'containerd' ? 'arrival' : 'build-date');
    const planParents = ahead.steps.flatMap((s) => (s.alsoRemoves ?? []).map((p) => p.id));
    if (engine.store !== 'podman') expect(planParents.length).toBeGreaterThan(0); // the classic builder's steps
    if (engine.name !== 'podman43') {
      const enginePrune = (until: string) =>
        docker.pruneImages({ filters: { dangling: ['false'], until: [until], ...filter } });
      const beforePrune = await observe(docker);
      await enginePrune('24h');
      expect(await observe(docker)).toEqual(beforePrune);
      await enginePrune(future);
      const afterPrune = await observe(docker);
      const engineTook = Object.keys(beforePrune.images).filter((id) => !(id in afterPrune.images));
      if (engine.store === 'containerd') {
        // This store's prune deletes image records only: the build steps under them stay,
        // untagged. The plan deletes by ID, which takes them, and names them.
        expect(engineTook.sort()).toEqual([...unused].sort());
        for (const parent of planParents) expect(afterPrune.images[parent]).toEqual([]);
      } else {
        expect(engineTook.sort()).toEqual([...unused, ...planParents].sort());
      }
    }

    // And executed by Barnacle on a fresh set.
    await resetEngine(docker);
    const again = await build();
    const { plan } = await planAndRun('unused prune, until in the future', {
      type: 'prune-images',
      all: true,
      until: String(Math.floor(Date.now() / 1000) + 60),
      labels: filter.label,
    });
    expect(plan.steps.map((s) => s.target).sort()).toEqual([...again].sort());
    if (engine.store === 'classic') expect(plan.bytesFreed).toBe(23 * KiB);
  });

  it('start fresh: every container and image goes, volumes stay unless listed', async () => {
    // The harness base must come back with its ID: the other test files compare against it.
    const saved = await streamToBuffer(await docker.getImage(BASE_TAG).get());
    try {
      const app = await image('plan/fresh:1', 30 * KiB);
      await tagImage(docker, app, 'plan/fresh', 'also');
      await docker.createVolume({ Name: 'plan-keep' });
      await docker.createVolume({ Name: 'plan-drop' });
      const withVolume = await docker.createContainer({
        Image: app,
        name: 'fresh-db',
        Cmd: ['/bin/busybox', 'sleep', '3600'],
        StopTimeout: 1,
        HostConfig: { NetworkMode: 'none', Binds: ['plan-drop:/data'] },
        Volumes: { '/anon': {} },
      });
      await withVolume.start();
      await runContainer(docker, BASE_TAG, { name: 'fresh-job', running: false, writeBytes: 4 * KiB });
      const anonymous = (await observe(docker)).volumes.filter((v) => /^[0-9a-f]{64}$/.test(v));
      expect(anonymous).toHaveLength(1);

      const { plan, after } = await planAndRun('start fresh', { type: 'start-fresh', volumes: ['plan-drop'] });
      expect(plan.steps.map((s) => s.action)).toEqual([
        'stop-container',
        'remove-container',
        'remove-container',
        'untag',
        'remove-image',
        'remove-image',
        'remove-volume',
      ]);
      expect(
        plan.steps.find((s) => s.target === withVolume.id && s.action === 'remove-container')!.risks,
      ).toContainEqual({
        kind: 'anonymous-volumes',
        volumes: anonymous,
      });
      expect(plan.commands).toEqual([
        'docker stop fresh-db',
        expect.stringMatching(/^docker rm fresh-(db|job) fresh-(db|job)$/),
        `docker rmi ${plan.steps[3]!.target} ${shortId(app)} ${shortId(engine.baseImageId)}`,
        'docker volume rm plan-drop',
      ]);
      expect(after.images).toEqual({});
      expect(after.containers).toEqual({});
      // Only this test's volumes: other files leave theirs (volumes are never reset) on the same engine.
      expect(after.volumes.filter((v) => v.startsWith('plan-') || anonymous.includes(v))).toEqual(
        ['plan-keep', ...anonymous].sort(),
      );
    } finally {
      // The answer is a progress stream: the load is done when it ends.
      await streamToBuffer(await docker.loadImage(Readable.from([saved])));
      expect((await docker.getImage(BASE_TAG).inspect()).Id).toBe(engine.baseImageId);
    }
  });
});

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
