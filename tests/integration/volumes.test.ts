// Volumes on live engines: which are anonymous (each engine's own mark), who
// mounts them, their sizes, and the two volume plans — prune (anonymous, unused)
// and remove by name — executed, with the world changed by exactly the plan.

import type Dockerode from 'dockerode';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { EngineConnection } from '../../src-main/engine/connection';
import { executePlan } from '../../src-main/execution/executor';
import { readVolumes } from '../../src-main/inventory/read-volumes';
import { readLists } from '../../src-main/inventory/read-lists';
import { buildPlan } from '../../src-main/planning/plan-service';
import { say } from '../../src-shared/messages/translate';
import type { CleanupIntent } from '../../src-shared/plan';
import { BASE_TAG, resetEngine } from '../engines/harness';
import { describeEachEngine } from '../engines/use-engines';
import { tar } from '../engines/tar';
import { connectTo, expectOnlyThePlan, observe } from './support/plan-world';
import { barnacle, barnacleJson, cliShell, type CliShell } from '../fixtures/barnacle-cli';
import type { Plan } from '../../src-shared/plan';
import type { VolumeList } from '../../src-shared/model';
import { join } from 'node:path';

const KiB = 1024;
const NAMED = ['vol-named-free', 'vol-named-held'];

/** A container (not started unless `running`) that mounts `named` by name and an anonymous volume at /anon. */
async function holder(docker: Dockerode, name: string, opts: { named?: string; running: boolean; fill?: number }) {
  const c = await docker.createContainer({
    Image: BASE_TAG,
    name,
    Cmd: ['/bin/busybox', 'sleep', '3600'],
    StopTimeout: 1,
    Volumes: { '/anon': {} },
    HostConfig: { NetworkMode: 'none', ...(opts.named ? { Binds: [`${opts.named}:/named`] } : {}) },
  });
  // Written through the container into its anonymous volume: the volume has a size to measure.
  if (opts.fill) await c.putArchive(tar([{ name: 'fill', data: Buffer.alloc(opts.fill, 1) }]), { path: '/anon' });
  if (opts.running) await c.start();
  const info = await c.inspect();
  const anon = info.Mounts.find((m) => m.Destination === '/anon')!.Name!;
  return { id: c.id, anon };
}

describeEachEngine('volumes, listed and planned', (engine) => {
  const { docker } = engine;
  let connection: EngineConnection;

  beforeAll(async () => {
    connection = await connectTo(engine.host, engine.kind);
  });
  // No volume is left by any test file before (resetEngine removes named ones too).
  beforeEach(() => resetEngine(docker));
  afterAll(() => resetEngine(docker));

  /** One volume of each kind: anonymous free (with 64 KiB) and held, named free and held. */
  async function world() {
    await docker.createVolume({ Name: 'vol-named-free' });
    await docker.createVolume({ Name: 'vol-named-held' });
    const gone = await holder(docker, 'vol-gone', { running: false, fill: 64 * KiB });
    // `docker rm` without -v: the anonymous volume stays, unused.
    await docker.getContainer(gone.id).remove({ v: false });
    const held = await holder(docker, 'vol-holder', { named: 'vol-named-held', running: true });
    return { anonFree: gone.anon, anonHeld: held.anon, holderId: held.id };
  }

  it("says which volumes are anonymous by the engine's own mark, and who mounts each", async () => {
    const w = await world();
    const { containers } = await readLists(docker);
    const { volumes, sizesAt } = await readVolumes(docker, connection.engine, containers, { sizes: true });
    const by = Object.fromEntries(volumes.map((v) => [v.name, v]));
    // Each engine's own mark: Docker 20.10 keeps none (the 64-hex name says it), Docker 26
    // labels com.docker.volume.anonymous, Podman 4.3 and 5.4 answer Anonymous in their own API.
    const mark =
      engine.kind === 'podman' ? 'engine-field' : engine.name === 'docker20' ? 'generated-name' : 'engine-label';
    expect(by[w.anonFree]).toMatchObject({ anonymous: true, anonymousBy: mark, users: [] });
    expect(by[w.anonHeld]).toMatchObject({
      anonymous: true,
      anonymousBy: mark,
      users: [{ id: w.holderId, name: 'vol-holder', state: 'running' }],
    });
    expect(by['vol-named-free']).toMatchObject({ anonymous: false, anonymousBy: 'named', users: [] });
    expect(by['vol-named-held']).toMatchObject({ anonymous: false, users: [{ name: 'vol-holder' }] });
    expect(by['vol-named-free']!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // Sizes from the engine's disk usage: the 64 KiB written into the anonymous volume.
    expect(sizesAt).not.toBeNull();
    expect(by[w.anonFree]!.size).toBeGreaterThanOrEqual(64 * KiB);
    expect(by['vol-named-free']!.size).toBe(0);
  });

  it('prune takes the anonymous volume nobody mounts, and nothing else', async () => {
    const w = await world();
    const intent: CleanupIntent = { type: 'prune-volumes' };
    const plan = await buildPlan(connection, intent);
    expect(plan.steps.map((s) => [s.action, s.target])).toEqual([['remove-volume', w.anonFree]]);
    expect(plan.commands).toEqual([`docker volume rm ${w.anonFree}`]);
    expect(plan.bytesFreed).toBeGreaterThanOrEqual(64 * KiB);
    const before = await observe(docker);
    const report = await executePlan(connection, plan);
    const after = await observe(docker);
    expect(report.outcomes.s1).toEqual({ state: 'done' });
    expectOnlyThePlan(before, after, plan, report);
    expect(after.volumes).toEqual([w.anonHeld, ...NAMED].sort());
    expect(report.bytesFreed).toBeGreaterThanOrEqual(64 * KiB);
  });

  it('by name: the free named volume goes; the one a container mounts is never in the plan', async () => {
    await world();
    const plan = await buildPlan(connection, { type: 'remove-volumes', names: [...NAMED] });
    expect(plan.steps.map((s) => [s.target, s.risks])).toEqual([
      ['vol-named-free', [{ kind: 'removes-volume', volume: 'vol-named-free' }]],
    ]);
    expect(plan.skipped.map((s) => [s.target, s.conflict, say('en', s.reason)])).toEqual([
      [
        'vol-named-held',
        'in-use',
        'Volume vol-named-held stays: the container "vol-holder" mounts it. A volume in use is never removed; remove that container first if the volume should go.',
      ],
    ]);
    const before = await observe(docker);
    const report = await executePlan(connection, plan);
    expectOnlyThePlan(before, await observe(docker), plan, report);
    expect((await docker.getVolume('vol-named-held').inspect()).Name).toBe('vol-named-held');
  });

  it('the CLI: volumes lists them; plan prune-volumes --out, then apply, removes exactly the planned one', async () => {
    const w = await world();
    const shell: CliShell = cliShell(engine.host);
    try {
      const listed = await barnacleJson<VolumeList>(['volumes'], shell.env);
      expect(listed.volumes.map((v) => [v.name, v.anonymous, v.users.map((u) => u.name)]).sort()).toEqual(
        [
          [w.anonFree, true, []],
          [w.anonHeld, true, ['vol-holder']],
          ['vol-named-free', false, []],
          ['vol-named-held', false, ['vol-holder']],
        ].sort(),
      );
      const text = await barnacle(['volumes'], shell.env);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^NAME\s+KIND\s+SIZE\s+MOUNTED BY\s+PROJECT/);
      expect(text.stdout).toMatch(new RegExp(`${w.anonFree.slice(0, 12)}\\s+anonymous\\s+\\d`));

      const held = await barnacleJson<Plan>(['plan', 'rm-volumes', 'vol-named-held'], shell.env);
      expect(held.steps).toEqual([]);
      expect(held.skipped.map((x) => [x.target, x.conflict])).toEqual([['vol-named-held', 'in-use']]);

      const file = join(shell.dir, 'volumes-plan.json');
      const plan = await barnacleJson<Plan>(['plan', 'prune-volumes', '--out', file], shell.env);
      expect(plan.steps.map((x) => x.target)).toEqual([w.anonFree]);
      expect(plan.commands).toEqual([`docker volume rm ${w.anonFree}`]);
      const applied = await barnacle(['apply', file, '--yes', '--json'], shell.env);
      expect(applied.stderr).toBe('');
      expect(applied.code).toBe(0);
      expect(((await docker.listVolumes()).Volumes ?? []).map((v) => v.Name).sort()).toEqual(
        [w.anonHeld, ...NAMED].sort(),
      );
    } finally {
      shell.remove();
    }
  });

  it('a volume a container started to mount after the preview stays: the engine refuses, the step says so', async () => {
    await world();
    const plan = await buildPlan(connection, { type: 'remove-volumes', names: ['vol-named-free'] });
    await holder(docker, 'vol-late', { named: 'vol-named-free', running: false });
    const report = await executePlan(connection, plan);
    // Docker and Podman alike answer 409 "volume is in use".
    expect(report.outcomes.s1).toMatchObject({ state: 'failed' });
    expect((await docker.getVolume('vol-named-free').inspect()).Name).toBe('vol-named-free');
  });
});
