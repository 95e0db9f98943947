// Every engine operation, on live Docker and Podman: what it does, what it
// leaves alone, and the engine differences handled once in src-main/operations
// (Podman's force, 304s, volumes). Stop and start are the renderer's channels,
// so they go through main's handler table; removals are no channel (issue 13):
// they are called as a plan's steps call them, and prunes run as plans.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { classifyFailure } from '../../src-main/conflicts/classify';
import { resolverFromContainers } from '../../src-main/conflicts/resolver';
import { BarnacleCore } from '../../src-main/core/barnacle-core';
import type { EngineConnection } from '../../src-main/engine/connection';
import { readEngineFailure } from '../../src-main/engine/engine-error';
import { executePlan } from '../../src-main/execution/executor';
import { createHandlers } from '../../src-main/ipc/handlers';
import * as ops from '../../src-main/operations/engine-operations';
import { buildPlan } from '../../src-main/planning/plan-service';
import type { HandlerTable } from '../../src-shared/contract';
import type { Result } from '../../src-shared/errors';
import type { CleanupIntent, Plan } from '../../src-shared/plan';
import { buildImage, resetEngine, runContainer, tagImage } from '../engines/harness';
import { describeEachEngine } from '../engines/use-engines';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value;
}

describeEachEngine('operations', (engine) => {
  const { docker } = engine;
  let core: BarnacleCore;
  let handlers: HandlerTable;
  let connection: EngineConnection;
  const state = async (id: string) => (await docker.getContainer(id).inspect()).State.Status;
  const imageExists = (ref: string) =>
    docker
      .getImage(ref)
      .inspect()
      .then(() => true)
      .catch(() => false);

  beforeAll(async () => {
    await resetEngine(docker);
    core = new BarnacleCore({ host: engine.host, label: engine.kind, source: 'user' }, { live: false });
    await core.start();
    handlers = createHandlers(core);
    connection = core.session.current()!;
  });
  afterAll(() => core?.close());

  /** Plans and runs a cleanup as the app does (minus the history file); every step must finish. */
  const runPlan = async (intent: CleanupIntent): Promise<Plan> => {
    const plan = await buildPlan(connection, intent);
    const report = await executePlan(connection, plan);
    expect(report.finished).toBe(true);
    for (const step of plan.steps) expect(report.outcomes[step.id], step.label).toEqual({ state: 'done' });
    return plan;
  };

  it('stops and starts a container; doing it twice is not an error', async () => {
    await buildImage(docker, { tag: 'ops/svc:1', files: { '/svc': 'svc' } });
    const id = await runContainer(docker, 'ops/svc:1', { name: 'ops-svc', running: true });
    value(await handlers.stopContainer({ id }));
    expect(await state(id)).toBe(engine.kind === 'docker' ? 'exited' : 'exited');
    value(await handlers.stopContainer({ id }));
    value(await handlers.startContainer({ id: 'ops-svc' }));
    expect(await state(id)).toBe('running');
    value(await handlers.startContainer({ id }));
  });

  it('removes a container but keeps its volumes unless one is named', async () => {
    await docker.createVolume({ Name: 'ops-keep' });
    await docker.createVolume({ Name: 'ops-drop' });
    const make = async (name: string, volume: string) => {
      const c = await docker.createContainer({
        name,
        Image: 'ops/svc:1',
        Cmd: ['/bin/busybox', 'true'],
        HostConfig: { NetworkMode: 'none', Binds: [`${volume}:/data`] },
      });
      return c.id;
    };
    const keeper = await make('ops-vol-a', 'ops-keep');
    const dropper = await make('ops-vol-b', 'ops-drop');
    await ops.removeContainer(docker, keeper);
    await ops.removeContainer(docker, dropper, { volumes: ['ops-drop'] });
    const volumes = (await docker.listVolumes()).Volumes.map((v) => v.Name);
    expect(volumes).toContain('ops-keep');
    expect(volumes).not.toContain('ops-drop');
  });

  it('never lets force remove a container on Podman: the conflict comes back instead', async () => {
    await buildImage(docker, { tag: 'ops/used:1', files: { '/used': 'used' } });
    const user = await runContainer(docker, 'ops/used:1', { name: 'ops-user', running: false });
    const failure = await ops
      .removeImage(docker, engine.kind, 'ops/used:1', { force: true })
      .then(() => null, readEngineFailure);
    if (engine.kind === 'podman') {
      expect(failure).not.toBeNull();
      const error = classifyFailure(failure!, {
        operation: 'remove-image',
        target: 'ops/used:1',
        engine: engine.kind,
        resolve: resolverFromContainers((await core.inventory.refresh()).containers),
      });
      expect(error.kind).toBe('stopped-container');
      expect(error.containers?.[0]?.name).toBe('ops-user');
      expect(await state(user)).toBe('exited');
      expect(await imageExists('ops/used:1')).toBe(true);
    } else {
      // Docker's force never touches containers: the stopped one stays, pointing at a deleted image.
      expect(failure).toBeNull();
      expect(await state(user)).toBe('exited');
    }
  });

  it('untags one of several tags, and refuses to untag the last', async () => {
    const id = await buildImage(docker, { tag: 'ops/multi:a', files: { '/multi': 'm' } });
    await tagImage(docker, id, 'ops/multi', 'b');
    const report = await ops.untagImage(docker, 'ops/multi:a');
    expect(report.untagged.join()).toMatch(/ops\/multi:a/);
    expect(report.deleted).toEqual([]);
    const last = ops.untagImage(docker, 'ops/multi:b');
    await expect(last).rejects.toBeInstanceOf(ops.LastTagError);
    await expect(last).rejects.toThrow(/last tag/);
    expect(await imageExists(id)).toBe(true);
  });

  it('removes an unused image and says what went', async () => {
    const id = await buildImage(docker, { tag: 'ops/lonely:1', files: { '/lonely': 'l' } });
    const report = await ops.removeImage(docker, engine.kind, 'ops/lonely:1');
    expect(report.deleted).toContain(id);
    expect(await imageExists(id)).toBe(false);
  });

  it('a dangling prune plan spares the dangling image a container uses', async () => {
    const loose = await buildImage(docker, { tag: 'ops/rebuilt:1', files: { '/v': '1' } });
    await buildImage(docker, { tag: 'ops/rebuilt:1', files: { '/v': '2' } });
    const held = await buildImage(docker, { tag: 'ops/held:1', files: { '/v': 'h1' } });
    const holder = await runContainer(docker, held, { name: 'ops-holder', running: false });
    await buildImage(docker, { tag: 'ops/held:1', files: { '/v': 'h2' } });
    await runPlan({ type: 'prune-images', all: false });
    expect(await imageExists(loose)).toBe(false);
    expect(await imageExists(held)).toBe(true);
    expect(await state(holder)).toBe('exited');
  });

  it('an unused prune plan with label filters keeps tagged images in use', async () => {
    const labelled = await buildImage(docker, { tag: 'ops/lab:1', files: { '/l': 'l' }, labels: { tier: 'scratch' } });
    const other = await buildImage(docker, { tag: 'ops/lab:2', files: { '/l': 'k' }, labels: { tier: 'keep' } });
    await runPlan({ type: 'prune-images', all: true, labels: ['tier=scratch'] });
    expect(await imageExists(labelled)).toBe(false);
    expect(await imageExists(other)).toBe(true);
    await runPlan({ type: 'prune-images', all: true, notLabels: ['tier=keep'], until: '1h' });
    expect(await imageExists(other)).toBe(true);
    expect(await imageExists('ops/svc:1')).toBe(true);
  });

  it('a stopped-containers plan takes the stopped ones only', async () => {
    const running = await runContainer(docker, 'ops/svc:1', { name: 'ops-up', running: true });
    const stopped = await runContainer(docker, 'ops/svc:1', { name: 'ops-down', running: false });
    const plan = await runPlan({ type: 'remove-stopped-containers' });
    expect(plan.steps.map((s) => s.target)).toContain(stopped);
    expect(plan.steps.map((s) => s.target)).not.toContain(running);
    expect(
      await docker
        .getContainer(stopped)
        .inspect()
        .then(
          () => true,
          () => false,
        ),
    ).toBe(false);
    expect(await state(running)).toBe('running');
  });

  it('refuses malformed input before the engine sees it', async () => {
    const bad = await handlers.previewPlan({ intent: { type: 'remove-images', refs: ['ops/svc:1; rm -rf /'] } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.kind).toBe('validation');
    expect(await imageExists('ops/svc:1')).toBe(true);
  });
});
