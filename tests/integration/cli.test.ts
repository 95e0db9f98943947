// The `barnacle` command as people and scripts run it: the real bin, as a child
// process, against the harness engines. Each run gets a clean environment (its own
// HOME and DOCKER_CONFIG), so nothing from this machine's docker setup leaks in.

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ContainerSummary, DiskUsage, ImageSummary } from '../../src-shared/model';
import type { Plan } from '../../src-shared/plan';
import type { AppliedPlan } from '../../src-main/cli/commands/apply';
import { assertHarnessHost, buildImage, resetEngine, runContainer, tagImage } from '../engines/harness';
import { describeEachEngine } from '../engines/use-engines';
import { tempDir, writeContext } from '../fixtures/docker-config';

const BIN = fileURLToPath(new URL('../../bin/barnacle.mjs', import.meta.url));

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function barnacle(args: string[], env: Record<string, string>): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs with --json and expects success; returns the parsed stdout. */
async function barnacleJson<T>(args: string[], env: Record<string, string>): Promise<T> {
  const ran = await barnacle([...args, '--json'], env);
  if (ran.code !== 0) throw new Error(`barnacle ${args.join(' ')} exited ${ran.code}: ${ran.stderr}`);
  return JSON.parse(ran.stdout) as T;
}

/** Podman reports short names qualified with docker.io/. */
const familiar = (tag: string) => tag.replace(/^docker\.io\/(library\/)?/, '');

describeEachEngine('barnacle command', (engine) => {
  const { docker } = engine;
  const ids: Record<string, string> = {};
  let dir: { path: string; remove: () => void };
  /** The environment of a shell whose DOCKER_HOST names the harness engine. */
  let env: Record<string, string>;

  beforeAll(async () => {
    await resetEngine(docker);
    ids.app = await buildImage(docker, { tag: 'cli/app:1', files: { '/app.txt': 'app' } });
    await tagImage(docker, ids.app, 'cli/app', 'latest');
    ids.child = await buildImage(docker, { tag: 'cli/child:1', from: 'cli/app:1', files: { '/child.txt': 'c' } });
    ids.old = await buildImage(docker, { tag: 'cli/dangle:1', files: { '/d.txt': 'old' } });
    ids.new = await buildImage(docker, { tag: 'cli/dangle:1', files: { '/d.txt': 'new' } });
    ids.web = await runContainer(docker, 'cli/app:1', {
      name: 'cli-web',
      running: true,
      labels: { 'com.docker.compose.project': 'shop' },
    });
    ids.job = await runContainer(docker, 'cli/child:1', { name: 'cli-job', running: false, writeBytes: 4096 });

    dir = tempDir('bn-cli-');
    const home = join(dir.path, 'home');
    mkdirSync(home);
    env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      DOCKER_CONFIG: join(dir.path, 'docker-config'),
      XDG_RUNTIME_DIR: join(dir.path, 'run'),
      XDG_DATA_HOME: join(dir.path, 'data'),
      DOCKER_HOST: engine.host,
    };
  });
  afterAll(() => dir?.remove());

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
    const app = byId(images, ids.app!);
    expect(app.tags.map(familiar).sort()).toEqual(['cli/app:1', 'cli/app:latest']);
    expect(app.containers).toEqual([{ id: ids.web, name: 'cli-web', state: 'running' }]);
    expect(app).toMatchObject({ dangling: false, unused: false, children: [ids.child] });
    expect(app.created).toBeGreaterThan(Date.now() / 1000 - 3600); // seconds, not milliseconds
    expect(app.created).toBeLessThanOrEqual(Date.now() / 1000 + 5);

    const child = byId(images, ids.child!);
    expect(child.parent).toBe(ids.app);
    expect(child.containers).toEqual([{ id: ids.job, name: 'cli-job', state: 'exited' }]);

    const old = byId(images, ids.old!);
    expect(old).toMatchObject({ tags: [], dangling: true, unused: true, containers: [] });
    expect(byId(images, ids.new!).tags.map(familiar)).toEqual(['cli/dangle:1']);
  });

  it('ls prints a table a person can read', async () => {
    const ran = await barnacle(['ls'], env);
    expect(ran.code).toBe(0);
    const lines = ran.stdout.split('\n');
    expect(lines[0]).toMatch(/^IMAGE\s+ID\s+CREATED\s+SIZE\s+USED BY\s+FLAGS\s+CHILDREN$/);
    const appLine = lines.find((l) => l.includes(ids.app!.slice(7, 19)));
    expect(appLine).toMatch(/cli\/app:1/);
    expect(appLine).toMatch(/cli-web \(running\)/);
    expect(appLine).toMatch(/ago/);
    expect(lines.find((l) => l.includes(ids.old!.slice(7, 19)))).toMatch(/^<none>.*dangling,unused/);
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
    const onOld = await runContainer(docker, ids.old!, { name: 'cli-on-dangling', running: false });
    try {
      const containers = await barnacleJson<(ContainerSummary & { image: string })[]>(['ps'], env);
      expect(containers.find((c) => c.id === onOld)?.image).toBe(ids.old!.slice(7, 19));
    } finally {
      await docker.getContainer(onOld).remove();
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
    const ran = await barnacle(['df', '--json', '-H', `unix://${join(dir.path, 'no-such.sock')}`], env);
    expect(ran.code).toBe(1);
    expect(JSON.parse(ran.stderr)).toMatchObject({ kind: 'engine-unreachable', message: /No engine socket/ });
  });

  /** True while the engine still has the image. */
  const exists = (id: string) =>
    docker
      .getImage(id)
      .inspect()
      .then(() => true)
      .catch(() => false);
  const containerIds = async () => (await docker.listContainers({ all: true })).map((c) => c.Id).sort();

  it('plan rmi with an image that is not there: a not-found error, exit 1, no plan', async () => {
    const out = join(dir.path, 'missing.json');
    const ran = await barnacle(['plan', 'rmi', 'cli/nope:1', 'cli/dangle:1', '--json', '--out', out], env);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe('');
    expect(JSON.parse(ran.stderr)).toMatchObject({ kind: 'not-found', image: 'cli/nope:1' });
    expect(existsSync(out)).toBe(false);
  });

  it('plan rmi leaves out an image with a conflict unless a fix flag answers it', async () => {
    const cautious = await barnacleJson<Plan>(['plan', 'rmi', 'cli/child:1'], env);
    expect(cautious.steps).toEqual([]);
    expect(cautious.skipped).toEqual([expect.objectContaining({ target: ids.child, conflict: 'stopped-container' })]);
    expect(cautious.decisions[0]?.options.map((o) => o.choice)).toContain('remove-containers');

    const fixed = await barnacleJson<Plan>(['plan', 'rmi', 'cli/child:1', '--remove-containers'], env);
    expect(fixed.skipped).toEqual([]);
    expect(fixed.steps.map((s) => [s.action, s.target])).toEqual([
      ['remove-container', ids.job],
      ['remove-image', ids.child],
    ]);
  });

  it('plan rmi --out saves the plan; apply --yes removes exactly its images and records it', async () => {
    assertHarnessHost(engine.host); // apply changes the engine: only ever the harness's
    const file = join(dir.path, 'dangle-plan.json');
    const plan = await barnacleJson<Plan>(['plan', 'rmi', 'cli/dangle:1', ids.old!, '--out', file], env);
    expect(plan).toMatchObject({
      id: expect.any(String),
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      bytesFreed: expect.any(Number),
      exact: expect.any(Boolean),
      skipped: [],
    });
    for (const step of plan.steps)
      expect(step).toMatchObject({
        action: expect.any(String),
        target: expect.any(String),
        reason: expect.any(String),
      });
    const planned = plan.steps.filter((s) => s.action === 'remove-image').map((s) => s.target);
    expect(planned.sort()).toEqual([ids.new, ids.old].sort());
    expect(plan.commands.join('\n')).toMatch(/^docker rmi /);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(plan);

    const containersBefore = await containerIds();
    const ran = await barnacle(['apply', file, '--yes', '--json'], env);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const applied = JSON.parse(ran.stdout) as AppliedPlan;
    expect(applied).toMatchObject({ planId: plan.id, digest: plan.digest, finished: true, cancelled: false });
    expect(applied.steps.map((s) => [s.id, s.outcome.state])).toEqual(plan.steps.map((s) => [s.id, 'done']));
    expect(applied.bytesFreed).toBeGreaterThanOrEqual(0);

    expect(await exists(ids.old!)).toBe(false);
    expect(await exists(ids.new!)).toBe(false);
    for (const kept of [ids.app!, ids.child!, engine.baseImageId]) expect(await exists(kept)).toBe(true);
    expect(await containerIds()).toEqual(containersBefore);

    const history = readFileSync(join(env.XDG_DATA_HOME!, 'barnacle', 'history.jsonl'), 'utf8');
    expect(
      history
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).planId),
    ).toContain(plan.id);
    expect(applied.historyFile).toBe(join(env.XDG_DATA_HOME!, 'barnacle', 'history.jsonl'));

    // A plan runs once.
    const again = await barnacle(['apply', file, '--yes', '--json'], env);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr)).toMatchObject({ kind: 'plan-stale' });
  });

  it('apply with a fix flag removes the containers it planned, and nothing else', async () => {
    const file = join(dir.path, 'child-plan.json');
    await barnacleJson<Plan>(['plan', 'rmi', 'cli/child:1', '--remove-containers', '-o', file], env);
    const ran = await barnacle(['apply', file, '--yes'], env);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/remove image\s+cli\/child:1\s+done/);
    expect(ran.stdout).toMatch(/^Freed /m);
    expect(await exists(ids.child!)).toBe(false);
    expect(await exists(ids.app!)).toBe(true);
    expect(await containerIds()).toEqual([ids.web]);
  });

  it('apply refuses without --yes when no terminal can ask (exit 2), and refuses an edited plan', async () => {
    const file = join(dir.path, 'app-plan.json');
    await barnacleJson<Plan>(['plan', 'rmi', 'cli/app:latest', '--all-tags', '--stop-running', '-o', file], env);
    const unconfirmed = await barnacle(['apply', file], env);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(/no terminal to ask on\. Pass --yes/);

    const plan = JSON.parse(readFileSync(file, 'utf8')) as Plan;
    const edited = join(dir.path, 'edited-plan.json');
    const base = engine.baseImageId;
    writeFileSync(
      edited,
      JSON.stringify({
        ...plan,
        steps: plan.steps.map((s) => (s.action === 'remove-image' ? { ...s, target: base } : s)),
      }),
    );
    const tampered = await barnacle(['apply', edited, '--yes', '--json'], env);
    expect(tampered.code).toBe(1);
    expect(JSON.parse(tampered.stderr)).toMatchObject({ kind: 'plan-stale', message: /digest/ });

    expect(await exists(ids.app!)).toBe(true);
    expect(await exists(base)).toBe(true);
    expect(await containerIds()).toEqual([ids.web]);
  });
});
