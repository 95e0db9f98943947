// Podman's builds' leftover containers on live engines. A build that fails with
// --rm=false leaves buildah's working container in Podman's store (4.3 and 5.4
// alike, seen live): the compat container list never shows it, only Podman's own
// list with external=true; it holds the image it stands on (rmi answers 409
// "consider listing external containers and force-removing image"); unforced
// removal answers 500 "mounted and cannot be removed without using force".
// Barnacle lists them with the build cache, keeps their images out of image
// plans (saying why), and removes them in build cache plans once they are over
// an hour old, with `docker rm --force ID`. Docker's builds leave none of these.

import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { EngineConnection } from '../../src-main/engine/connection';
import { executePlan } from '../../src-main/execution/executor';
import { readBuildCache } from '../../src-main/inventory/read-build-cache';
import { buildPlan } from '../../src-main/planning/plan-service';
import { BUILD_MAY_BE_RUNNING_MS } from '../../src-shared/build-cache';
import { translate } from '../../src-shared/messages/translate';
import { walkAllocated } from '../../src-main/disk/tree-walk';
import { resetEngine } from '../engines/harness';
import { buildContainerIds, buildImage, failBuildLeavingContainer, runContainer } from '../engines/fixtures';
import { describeEachEngine } from '../engines/use-engines';
import { connectTo } from './support/plan-world';
import { runDockerLine } from './support/docker-cli';
import { barnacle, barnacleJson, cliShell } from '../fixtures/barnacle-cli';
import type { BuildCacheList } from '../../src-shared/model';

describeEachEngine('containers builds leave behind', (engine) => {
  const { docker } = engine;
  let connection: EngineConnection;
  const onPodman = engine.kind === 'podman';
  const podmanIt = onPodman ? it : it.skip;
  /** Planning "later": past the hour in which a build container may still be a running build. */
  const later = () => Date.now() + BUILD_MAY_BE_RUNNING_MS + 60_000;

  const leaveOne = async () => {
    const appId = await buildImage(docker, { tag: 'bc/app:1', runs: ['echo app > /app'] });
    await failBuildLeavingContainer(docker, { from: 'bc/app:1', writes: 200_000 });
    return appId;
  };

  beforeAll(async () => {
    connection = await connectTo(engine.host, engine.kind);
  });
  beforeEach(async () => {
    await resetEngine(docker);
  });
  afterAll(async () => {
    await resetEngine(docker);
  });

  it.runIf(!onPodman)('Docker: a failed build leaves no container outside its own list', async () => {
    await buildImage(docker, { tag: 'bc/app:1', runs: ['echo app > /app'] });
    await failBuildLeavingContainer(docker, { from: 'bc/app:1' });
    expect((await readBuildCache(docker, connection.engine)).buildContainers).toEqual([]);
  });

  podmanIt('a failed build leaves its container: listed, and only by Podman’s own list', async () => {
    const appId = await leaveOne();
    const { buildContainers } = await readBuildCache(docker, connection.engine);
    expect(buildContainers).toHaveLength(1);
    const [left] = buildContainers;
    expect(left).toMatchObject({ imageId: appId });
    expect(left!.name).toMatch(/working-container/);
    expect(Date.parse(left!.createdAt)).toBeGreaterThan(Date.now() - 5 * 60_000);
    expect(await buildContainerIds(docker)).toEqual([left!.id]);
    // The compat list, which every other tool reads, does not show it.
    expect((await docker.listContainers({ all: true })).map((c) => c.Id)).not.toContain(left!.id);
  });

  podmanIt('an image a build container stands on stays out of image plans, saying why', async () => {
    const appId = await leaveOne();
    const [left] = (await readBuildCache(docker, connection.engine)).buildContainers;
    // The engine's own answer, which the plan spares the person: 409, forced or not for rmi
    // by tag without force. (Podman 4.3 and 5.4 alike.)
    await expect(docker.getImage('bc/app:1').remove()).rejects.toMatchObject({ statusCode: 409 });

    const byName = await buildPlan(connection, { type: 'remove-images', refs: ['bc/app:1'] });
    expect(byName.steps).toEqual([]);
    expect(byName.skipped).toEqual([
      expect.objectContaining({
        target: appId,
        conflict: 'build-container',
        reason: expect.objectContaining({ key: 'skip.imageHeldByBuild' }),
      }),
    ]);
    expect(JSON.stringify(byName.skipped[0]!.reason)).toContain(left!.name);

    const prune = await buildPlan(connection, { type: 'prune-images', all: true });
    expect(prune.steps.map((s) => s.target)).not.toContain(appId);
    expect(prune.skipped.find((s) => s.target === appId)?.conflict).toBe('build-container');
  });

  podmanIt('a build cache plan keeps a container younger than an hour: a build may be running', async () => {
    await leaveOne();
    const plan = await buildPlan(connection, { type: 'prune-build-cache' });
    expect(plan.steps).toEqual([]);
    expect(plan.skipped).toEqual([
      expect.objectContaining({
        conflict: 'in-use',
        reason: expect.objectContaining({ key: 'skip.buildContainerRecent' }),
      }),
    ]);
    expect(await buildContainerIds(docker)).toHaveLength(1);
  });

  podmanIt('later, the plan removes it with `docker rm --force ID`; then the image can go', async () => {
    const appId = await leaveOne();
    const [left] = (await readBuildCache(docker, connection.engine)).buildContainers;
    const plan = await buildPlan(connection, { type: 'prune-build-cache' }, { now: later() });
    expect(plan.steps).toEqual([
      expect.objectContaining({
        action: 'remove-build-container',
        target: left!.id,
        label: left!.name,
        expect: { createdAt: left!.createdAt },
      }),
    ]);
    expect(plan.commands).toEqual([`docker rm --force ${left!.id}`]);
    // Podman reports no size for these: the plan says its figure is not exact, and why.
    expect(plan.exact).toBe(false);
    expect(plan.inexactReasons.map((r) => r.key)).toContain('space.buildContainerSizeUnknown');

    // What Podman does not report, its data root shows: the walk (like `du`) before and after.
    const root = ((await docker.info()) as { DockerRootDir: string }).DockerRootDir;
    const before = await walkAllocated(root);
    const report = await executePlan(connection, plan);
    expect(report.outcomes[plan.steps[0]!.id]).toEqual({ state: 'done' });
    expect(await buildContainerIds(docker)).toEqual([]);
    const after = await walkAllocated(root);
    // The container's writable layer held the build's 200,000 bytes (on vfs, seen on 4.3 and
    // 5.4 here, a whole copy of the image's files besides): at least that much left the disk.
    expect(before.allocatedBytes - after.allocatedBytes).toBeGreaterThanOrEqual(200_000);

    const images = await buildPlan(connection, { type: 'remove-images', refs: ['bc/app:1'] });
    expect(images.steps.map((s) => [s.action, s.target])).toEqual([['remove-image', appId]]);
    expect((await executePlan(connection, images)).outcomes[images.steps[0]!.id]).toEqual({ state: 'done' });
  });

  podmanIt(
    'the rules: newer than `until` stays, a budget cannot count them, a container gone is already gone',
    async () => {
      await leaveOne();
      const newer = await buildPlan(connection, { type: 'prune-build-cache', until: '3h' }, { now: later() });
      expect(newer.steps).toEqual([]);
      expect(newer.skipped.map((s) => [s.conflict, s.reason.key])).toEqual([
        ['kept-by-choice', 'skip.buildContainerNewer'],
      ]);
      const older = await buildPlan(connection, { type: 'prune-build-cache', until: '30m' }, { now: later() });
      expect(older.steps.map((s) => s.action)).toEqual(['remove-build-container']);
      const budget = await buildPlan(connection, { type: 'prune-build-cache', keepStorage: 0 }, { now: later() });
      expect(budget.steps).toEqual([]);
      expect(budget.skipped.map((s) => s.reason.key)).toEqual(['skip.buildContainerBudget']);

      // Removed behind the plan's back: the step finds it gone and says so; nothing else is touched.
      for (const id of await buildContainerIds(docker)) await docker.getContainer(id).remove({ force: true });
      const report = await executePlan(connection, older);
      expect(report.outcomes[older.steps[0]!.id]).toEqual({ state: 'already-gone' });
    },
  );

  podmanIt('the plan’s command, run by the real docker CLI, removes exactly those containers', async () => {
    await leaveOne();
    await failBuildLeavingContainer(docker, { from: 'bc/app:1' });
    const ids = await buildContainerIds(docker);
    expect(ids).toHaveLength(2);
    // A container of the same image that is no build's: the command must not reach it.
    const bystander = await runContainer(docker, 'bc/app:1', { name: 'bystander', running: false });
    const plan = await buildPlan(connection, { type: 'prune-build-cache' }, { now: later() });
    expect(plan.steps.map((s) => s.target).sort()).toEqual([...ids].sort());
    expect(plan.commands).toEqual([`docker rm --force ${plan.steps.map((s) => s.target).join(' ')}`]);
    const ran = await runDockerLine(engine.host, plan.commands[0]!);
    expect(ran.code, ran.stderr).toBe(0);
    expect(await buildContainerIds(docker)).toEqual([]);
    expect((await docker.listContainers({ all: true })).map((c) => c.Id)).toEqual([bystander]);
  });

  podmanIt('`barnacle cache` lists them, in words and as JSON', async () => {
    await leaveOne();
    const [left] = (await readBuildCache(docker, connection.engine)).buildContainers;
    const shell = cliShell(engine.host);
    try {
      const json = await barnacleJson<BuildCacheList>(['cache', '--json'], shell.env);
      expect(json.buildContainers.map((c) => c.id)).toEqual([left!.id]);
      const text = await barnacle(['cache'], shell.env);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(translate('en', 'cli.cache.buildContainers'));
      expect(text.stdout).toContain(left!.name);
    } finally {
      shell.remove();
    }
  });
});
