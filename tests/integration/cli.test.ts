// The `barnacle` command as people and scripts run it: the real bin, as a child
// process, against the harness engines. The looking commands (ls, ps, df, engines),
// choosing the engine, and the errors; plan and apply are in cli-plan.test.ts.

import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ContainerSummary, DiskUsage, ImageSummary } from '../../src-shared/model';
import type { DiskReport } from '../../src-main/cli/json-output';
import { runContainer } from '../engines/harness';
import { describeEachEngine } from '../engines/use-engines';
import {
  barnacle,
  barnacleJson,
  buildCliFixtures,
  cliShell,
  familiar,
  type CliFixtures,
  type CliShell,
} from '../fixtures/barnacle-cli';
import { writeContext } from '../fixtures/docker-config';

const run = promisify(execFile);

describeEachEngine('barnacle ls, ps, df, engines', (engine) => {
  const { docker } = engine;
  let ids: CliFixtures;
  let shell: CliShell;
  let env: Record<string, string>;

  beforeAll(async () => {
    ids = await buildCliFixtures(docker);
    shell = cliShell(engine.host);
    env = shell.env;
  });
  afterAll(() => shell?.remove());

  const byId = (images: ImageSummary[], id: string) => {
    const found = images.find((i) => i.id === id);
    if (!found) throw new Error(`image ${id} not in ${images.map((i) => i.id).join(', ')}`);
    return found;
  };

  it('ls --json prints ImageSummary objects with their relations', async () => {
    const images = await barnacleJson<ImageSummary[]>(['ls'], env);
    for (const image of images) {
      expect(image).toMatchObject({
        id: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        tags: expect.any(Array),
        size: expect.any(Number),
        created: expect.any(Number),
        dangling: expect.any(Boolean),
        unused: expect.any(Boolean),
        children: expect.any(Array),
        containers: expect.any(Array),
      });
    }
    const app = byId(images, ids.app);
    expect(app.tags.map(familiar).sort()).toEqual(['cli/app:1', 'cli/app:latest']);
    expect(app.containers).toEqual([{ id: ids.web, name: 'cli-web', state: 'running' }]);
    expect(app).toMatchObject({ dangling: false, unused: false, children: [ids.child] });
    expect(app.created).toBeGreaterThan(Date.now() / 1000 - 3600); // seconds, not milliseconds
    expect(app.created).toBeLessThanOrEqual(Date.now() / 1000 + 5);
    // Its container's start, read from the engine's history on this first run (ms, with what says so).
    expect(app.lastUsed?.source).toMatch(/^(event-history|container)$/);
    expect(app.lastUsed!.at).toBeGreaterThanOrEqual(app.created * 1000);
    expect(app.lastUsed!.at).toBeLessThanOrEqual(Date.now() + 5000);

    const child = byId(images, ids.child);
    expect(child.parent).toBe(ids.app);
    expect(child.containers).toEqual([{ id: ids.job, name: 'cli-job', state: 'exited' }]);

    const old = byId(images, ids.old);
    expect(old).toMatchObject({ tags: [], dangling: true, unused: true, containers: [] });
    expect(byId(images, ids.new).tags.map(familiar)).toEqual(['cli/dangle:1']);
  });

  it('ls prints a table a person can read', async () => {
    const ran = await barnacle(['ls'], env);
    expect(ran.code).toBe(0);
    const lines = ran.stdout.split('\n');
    expect(lines[0]).toMatch(/^IMAGE\s+ID\s+CREATED\s+LAST USED\s+SIZE\s+USED BY\s+FLAGS\s+CHILDREN$/);
    const appLine = lines.find((l) => l.includes(ids.app.slice(7, 19)));
    expect(appLine).toMatch(/cli\/app:1/);
    expect(appLine).toMatch(/cli-web \(running\)/);
    // An age as docker prints it; an image built under a second ago reads "just now" (seen on CI).
    expect(appLine).toMatch(/\d+ \w+ ago|just now/);
    // The last use, in words that say where the date came from.
    expect(appLine).toMatch(/used (\d+ \w+ ago|just now) \(engine history\)|container created/);
    expect(lines.find((l) => l.includes(ids.old.slice(7, 19)))).toMatch(/^<none>.*dangling,unused/);
  });

  it('ps --json lists containers in every state, with image, compose project and size', async () => {
    const containers = await barnacleJson<(ContainerSummary & { image: string })[]>(['ps'], env);
    expect(containers.map((c) => c.names[0]).sort()).toEqual(['cli-job', 'cli-web']);
    const web = containers.find((c) => c.id === ids.web)!;
    expect(web).toMatchObject({ state: 'running', imageId: ids.app, composeProject: 'shop' });
    expect(familiar(web.image)).toBe('cli/app:1');
    const job = containers.find((c) => c.id === ids.job)!;
    expect(job).toMatchObject({ state: 'exited', imageId: ids.child, composeProject: null });
    expect(job.sizeRw).toBeGreaterThanOrEqual(4096);
  });

  it('ps shows the short ID for a container whose image lost its tag', async () => {
    const onOld = await runContainer(docker, ids.old, { name: 'cli-on-dangling', running: false });
    try {
      const containers = await barnacleJson<(ContainerSummary & { image: string })[]>(['ps'], env);
      expect(containers.find((c) => c.id === onOld)?.image).toBe(ids.old.slice(7, 19));
    } finally {
      await docker.getContainer(onOld).remove();
    }
  });

  it('ps writes out control characters an engine string carries instead of sending them to the terminal', async () => {
    // Labels may hold any text; the compose project (a label) is a column of `ps`.
    const hostile = await runContainer(docker, ids.app, {
      name: 'cli-hostile-label',
      running: false,
      labels: { 'com.docker.compose.project': 'proj\u001b]0;pwned\u0007\u001b[2J' },
    });
    try {
      const ran = await barnacle(['ps'], env);
      expect(ran.code).toBe(0);
      expect(ran.stdout).toContain('proj\\u001b]0;pwned\\u0007\\u001b[2J');
      // eslint-disable-next-line no-control-regex
      expect(ran.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    } finally {
      await docker.getContainer(hostile).remove();
    }
  });

  it('df --json gives usage per type with what is reclaimable', async () => {
    const usage = await barnacleJson<DiskUsage>(['df'], env);
    for (const type of ['images', 'containers', 'volumes', 'buildCache'] as const) {
      expect(usage[type]).toEqual({
        total: expect.any(Number),
        reclaimable: expect.any(Number),
        count: expect.any(Number),
        active: expect.any(Number),
      });
    }
    expect(usage.images.count).toBeGreaterThanOrEqual(5);
    expect(usage.images.total).toBeGreaterThan(0);
    expect(usage.containers).toMatchObject({ count: 2, active: 1 });
  });

  it('df shows three levels of used, and a Podman machine disk holding more than the engine reports', async () => {
    // A Podman machine disk where Podman keeps one ($XDG_DATA_HOME/containers/podman/machine):
    // 8 GiB apparent, 1.25 GiB of blocks allocated without writing them (fallocate), far above
    // what this engine's few test images take.
    const disk = join(env.XDG_DATA_HOME!, 'containers/podman/machine/qemu/podman-machine-default.qcow2');
    mkdirSync(dirname(disk), { recursive: true });
    await run('fallocate', ['-l', String(1.25 * 1024 ** 3), disk]);
    await run('truncate', ['-s', '8G', disk]);
    try {
      const report = await barnacleJson<DiskReport>(['df'], env);
      const { levels } = report;
      const sum = report.images.total + report.containers.total + report.volumes.total + report.buildCache.total;
      expect(levels.reported).toEqual({ bytes: sum, source: 'engine-system-df', at: report.fetchedAt });
      // The harness's engines run here, with their data root in their own folder.
      expect(levels.storage).toMatchObject({ state: 'measured', source: 'walk-data-root', partial: false });
      expect(levels.vm.files).toEqual([
        { product: 'podman-machine', path: disk, apparentBytes: 8 * 1024 ** 3, occupiedBytes: expect.any(Number) },
      ]);
      expect(levels.vm.files[0]!.occupiedBytes).toBeGreaterThanOrEqual(1.25 * 1024 ** 3);
      expect(levels.findings.find((f) => f.code === 'vm-file-keeps-freed-space')).toMatchObject({
        product: 'podman-machine',
        guides: [{ code: 'disk.guide.fstrim', commands: ['podman machine ssh sudo fstrim -av'], cost: 'none' }],
      });
      const text = await barnacle(['df'], env);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('Three levels of used:');
      expect(text.stdout).toMatch(/Storage on disk: [\d.]+ [kMG]?B in \//);
      expect(text.stdout).toContain(`Podman machine: 1.34 GB on disk, 8.59 GB apparent, ${disk}`);
      expect(text.stdout).toContain('podman machine ssh sudo fstrim -av');
      const zh = await barnacle(['df'], { ...env, LANG: 'zh_CN.UTF-8' });
      expect(zh.stdout).toContain('三个层面的已用空间');
    } finally {
      rmSync(disk);
    }
  });

  it('df --no-walk measures no storage: the level says so, in both languages', async () => {
    const report = await barnacleJson<DiskReport>(['df', '--no-walk'], env);
    expect(report.levels.storage).toEqual({ state: 'unknown', reason: 'walk-skipped', source: 'walk-data-root' });
    expect(report.levels.reported?.bytes).toBeGreaterThan(0);
    const text = await barnacle(['df', '--no-walk'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Storage on disk: unknown (not measured: --no-walk)');
    const zh = await barnacle(['df', '--no-walk'], { ...env, LANG: 'zh_CN.UTF-8' });
    expect(zh.stdout).toContain('磁盘上的存储：未知（未统计：使用了 --no-walk）');
    // An engine on this machine is walked, --helper or not: the helper is for engines elsewhere.
    const helped = await barnacleJson<DiskReport>(['df', '--helper'], env);
    expect(helped.levels.storage).toMatchObject({ state: 'measured', via: 'walk', source: 'walk-data-root' });
  });

  it('engines --json names DOCKER_HOST as why this engine is current, and pings it', async () => {
    const engines = await barnacleJson<Record<string, unknown>[]>(['engines'], env);
    const current = engines.filter((e) => e.current);
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({
      host: engine.host,
      source: 'env-docker-host',
      state: 'connected',
      engine: { kind: engine.kind, version: expect.any(String) },
    });
  });

  it('--context picks the engine from a docker context, as the docker CLI would', async () => {
    writeContext(env.DOCKER_CONFIG!, { name: 'harness', host: engine.host });
    const { DOCKER_HOST: _unset, ...noHost } = env;
    const images = await barnacleJson<ImageSummary[]>(['ls', '--context', 'harness'], noHost);
    expect(images.map((i) => i.id)).toContain(ids.app);
    const engines = await barnacleJson<Record<string, unknown>[]>(['engines', '-c', 'harness'], noHost);
    expect(engines.find((e) => e.current)).toMatchObject({
      host: engine.host,
      source: 'flag-context',
      contextName: 'harness',
      state: 'connected',
    });
  });

  it('a missing context is a clear error, exit 1, as JSON on stderr with --json', async () => {
    const ran = await barnacle(['ls', '--context', 'nope', '--json'], env);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe('');
    expect(JSON.parse(ran.stderr)).toMatchObject({
      kind: 'engine-unreachable',
      message: expect.stringMatching(/context "nope" does not exist/),
    });
    const human = await barnacle(['ps', '--context', 'nope'], env);
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/^barnacle: context "nope" does not exist/);
  });

  it('an engine that is not there is reported with its health, exit 1', async () => {
    const ran = await barnacle(['df', '--json', '-H', `unix://${join(shell.dir, 'no-such.sock')}`], env);
    expect(ran.code).toBe(1);
    expect(JSON.parse(ran.stderr)).toMatchObject({ kind: 'engine-unreachable', message: /No engine socket/ });
  });
});
