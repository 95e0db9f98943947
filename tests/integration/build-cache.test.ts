// Build cache on live engines: records left by real BuildKit builds (the docker
// CLI with the buildx plugin, against each Docker engine's own BuildKit), listed,
// planned by each rule, and removed one record at a time, with predicted against
// freed bytes. Podman's API lists no build cache: its plan is empty, and says so.

import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { EngineConnection } from '../../src-main/engine/connection';
import { executePlan } from '../../src-main/execution/executor';
import { readBuildCache } from '../../src-main/inventory/read-build-cache';
import { dataRootFreeBytes } from '../../src-main/disk/engine-storage';
import { statfs } from 'node:fs/promises';
import { buildPlan } from '../../src-main/planning/plan-service';
import type { BuildCacheList, BuildCacheRecord } from '../../src-shared/model';
import { resetEngine } from '../engines/harness';
import { buildKitBuild, buildKitUnavailable } from '../engines/buildkit';
import { describeEachEngine } from '../engines/use-engines';
import { connectTo } from './support/plan-world';
import { barnacle, barnacleJson, cliShell } from '../fixtures/barnacle-cli';
import type { Plan } from '../../src-shared/plan';
import { runDockerLine } from './support/docker-cli';

const unavailable = buildKitUnavailable();

describeEachEngine('build cache, listed and planned', (engine) => {
  const { docker } = engine;
  let connection: EngineConnection;
  const onDocker = engine.kind === 'docker';
  const dockerIt = onDocker && !unavailable ? it : it.skip;

  /** Every record goes, shared ones too (as `docker builder prune -a -f`): each test starts with none. */
  const clearCache = () =>
    onDocker
      ? new Promise<void>((resolve, reject) =>
          docker.modem.dial(
            { path: '/build/prune?', method: 'POST', options: { all: true }, statusCodes: { 200: true } },
            (err) => (err ? reject(err) : resolve()),
          ),
        )
      : Promise.resolve();
  const records = async () => (await readBuildCache(docker, connection.engine)).records;
  const bytesOf = (rs: BuildCacheRecord[]) => rs.reduce((sum, r) => sum + r.size, 0);

  beforeAll(async () => {
    connection = await connectTo(engine.host, engine.kind);
  });
  beforeEach(async () => {
    await resetEngine(docker);
    await clearCache();
  });
  afterAll(async () => {
    await resetEngine(docker);
    await clearCache();
  });

  it.runIf(!onDocker)('Podman: its API lists no build cache; the plan is empty', async () => {
    // Its builds' leftover containers are the Podman part: tests/integration/build-containers.test.ts.
    expect(await readBuildCache(docker, connection.engine)).toMatchObject({
      supported: false,
      records: [],
      buildContainers: [],
    });
    const plan = await buildPlan(connection, { type: 'prune-build-cache' });
    expect(plan.steps).toEqual([]);
  });

  dockerIt('a build leaves records; the plan takes the private ones, one per step, and frees their bytes', async () => {
    await buildKitBuild(engine.host, { tag: 'bc/app:1', runs: ['head -c 300000 /dev/urandom > /two'] });
    const before = await records();
    // Each engine's own records (seen on Docker 20.10 and 26, both stores): the build's
    // steps are `regular` and shared with the image they made; its local sources private.
    const regular = before.filter((r) => r.type === 'regular');
    expect(regular.length).toBeGreaterThanOrEqual(2);
    expect(regular.every((r) => r.shared)).toBe(true);
    const free = before.filter((r) => !r.shared && !r.inUse);
    expect(free.length).toBeGreaterThan(0);
    expect(free.every((r) => r.type === 'source.local')).toBe(true);

    const plan = await buildPlan(connection, { type: 'prune-build-cache' });
    expect(plan.steps.map((s) => s.target).sort()).toEqual(free.map((r) => r.id).sort());
    expect(plan.bytesFreed).toBe(bytesOf(free));
    expect(plan.skipped.map((s) => s.target).sort()).toEqual(regular.map((r) => r.id).sort());
    expect(plan.commands).toEqual(plan.steps.map((s) => `docker builder prune -f --filter id=${s.target}`));

    const report = await executePlan(connection, plan);
    for (const step of plan.steps) expect(report.outcomes[step.id], step.label).toEqual({ state: 'done' });
    const after = await records();
    expect(after.map((r) => r.id).sort()).toEqual(regular.map((r) => r.id).sort());
    // Freed, as the engine's own records count it: exactly what the plan predicted.
    expect(bytesOf(before) - bytesOf(after)).toBe(plan.bytesFreed);
    expect(report.bytesFreed).toBe(plan.bytesFreed);
  });

  dockerIt('once the image is gone its records stop being shared, and the plan takes them', async () => {
    await buildKitBuild(engine.host, { tag: 'bc/gone:1', runs: ['head -c 200000 /dev/urandom > /x'] });
    await docker.getImage('bc/gone:1').remove();
    const now = await records();
    // With no image holding their data, the build's records are private on every Docker engine here.
    expect(now.filter((r) => r.type === 'regular').every((r) => !r.shared)).toBe(true);
    const plan = await buildPlan(connection, { type: 'prune-build-cache' });
    expect(plan.steps.map((s) => s.target).sort()).toEqual(
      now
        .filter((r) => !r.inUse)
        .map((r) => r.id)
        .sort(),
    );
    // One at a time, children first: a record's step comes after the steps of records built on it
    // (Docker 20.10 and 26's classic store list parents; the containerd store lists none).
    const order = new Map(plan.steps.map((s, i) => [s.target, i]));
    for (const r of now)
      for (const parent of r.parents)
        if (order.has(parent) && order.has(r.id)) expect(order.get(r.id)!).toBeLessThan(order.get(parent)!);
    const report = await executePlan(connection, plan);
    for (const step of plan.steps) expect(report.outcomes[step.id], step.label).toEqual({ state: 'done' });
    expect(await records()).toEqual([]);
  });

  dockerIt(
    'min free space counts from the engine’s disk as statfs sees it; an engine it cannot see is refused',
    async () => {
      await buildKitBuild(engine.host, { tag: 'bc/free:1', runs: ['head -c 200000 /dev/urandom > /f'] });
      const free = (await records()).filter((r) => !r.inUse && !r.shared);
      expect(free.length).toBeGreaterThan(0);
      const root = ((await docker.info()) as { DockerRootDir: string }).DockerRootDir;
      const fs = await statfs(root);
      const seen = fs.bavail * fs.bsize;
      // Already free enough: nothing goes, and the plan says what it counted from (the same
      // filesystem this test reads, give or take what other processes wrote meanwhile).
      const enough = await buildPlan(connection, { type: 'prune-build-cache', minFreeSpace: 0 });
      expect(enough.steps).toEqual([]);
      expect(Math.abs(enough.diskFree! - seen)).toBeLessThan(256 * 2 ** 20);
      // More than this disk could ever have free: every free record goes, least recently used first.
      const all = await buildPlan(connection, { type: 'prune-build-cache', minFreeSpace: 2 ** 52 });
      expect(all.steps.map((s) => s.target).sort()).toEqual(free.map((r) => r.id).sort());
      // An engine whose disk is not this machine's (in a VM, remote): no figure to count from.
      expect(
        await dataRootFreeBytes(
          { host: engine.host, engine: connection.engine, info: () => docker.info() },
          'not-here',
        ),
      ).toBeNull();
      expect(
        await dataRootFreeBytes({ host: 'tcp://127.0.0.1:2375', engine: connection.engine, info: () => docker.info() }),
      ).toBeNull();
      // The same engine reached as if over TCP: the plan is refused, saying why, and nothing is planned.
      const remote = { ...connection, endpoint: { ...connection.endpoint, host: 'tcp://127.0.0.1:2375' } };
      await expect(buildPlan(remote, { type: 'prune-build-cache', minFreeSpace: 1 })).rejects.toMatchObject({
        says: { key: 'plan.diskFreeUnknown' },
      });
    },
  );

  dockerIt("the plan's commands, run with the docker CLI, remove exactly the planned records", async () => {
    await buildKitBuild(engine.host, { tag: 'bc/cli:1', runs: ['echo cli > /cli'] });
    const before = await records();
    const plan = await buildPlan(connection, { type: 'prune-build-cache' });
    expect(plan.steps.length).toBeGreaterThan(0);
    for (const line of plan.commands) {
      const ran = await runDockerLine(engine.host, line);
      expect(ran.code, `${line}\n${ran.stderr}`).toBe(0);
    }
    const planned = new Set(plan.steps.map((s) => s.target));
    expect((await records()).map((r) => r.id).sort()).toEqual(
      before
        .filter((r) => !planned.has(r.id))
        .map((r) => r.id)
        .sort(),
    );
  });

  it('the CLI: cache lists the records; plan prune-cache plans the free ones', async () => {
    const shell = cliShell(engine.host);
    try {
      if (!onDocker) {
        const text = await barnacle(['cache'], shell.env);
        expect(text.stdout).toBe(
          "This engine's API lists no build cache records (Podman).\nNo containers left by builds.\n",
        );
        return;
      }
      if (unavailable) return;
      await buildKitBuild(engine.host, { tag: 'bc/cli2:1', runs: ['echo two > /two'] });
      const listed = await barnacleJson<BuildCacheList>(['cache'], shell.env);
      expect(listed.records.map((r) => r.id).sort()).toEqual((await records()).map((r) => r.id).sort());
      const text = await barnacle(['cache'], shell.env);
      expect(text.stdout).toMatch(/^ID\s+TYPE\s+SIZE\s+STATE\s+LAST USED\s+MADE BY/);
      expect(text.stdout).toContain('shared');
      // The records by what made them, as the app groups them.
      expect(text.stdout).toMatch(/^Build steps: \d+ · .+ \(.+ free\)$/m);
      expect(text.stdout).toMatch(/^Build contexts: \d+ · /m);
      const plan = await barnacleJson<Plan>(['plan', 'prune-cache', '--keep-storage', '1TB'], shell.env);
      expect(plan.intent).toEqual({ type: 'prune-build-cache', keepStorage: 1e12 });
      expect(plan.steps).toEqual([]);
      const all = await barnacleJson<Plan>(['plan', 'prune-cache'], shell.env);
      expect(all.steps.map((s) => s.target).sort()).toEqual(
        listed.records
          .filter((r) => !r.shared && !r.inUse)
          .map((r) => r.id)
          .sort(),
      );
    } finally {
      shell.remove();
    }
  });

  dockerIt('older than and a storage budget choose by last use, and free what they predict', async () => {
    await buildKitBuild(engine.host, { tag: 'bc/rules:1', runs: ['echo one > /one'] });
    await docker.getImage('bc/rules:1').remove();
    const all = await records();
    // Everything was used seconds ago: nothing is older than an hour; all of it is older than 0s.
    expect((await buildPlan(connection, { type: 'prune-build-cache', until: '1h' })).steps).toEqual([]);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await buildPlan(connection, { type: 'prune-build-cache', until: '1s' })).steps).toHaveLength(all.length);
    // A budget the cache already fits in takes nothing.
    const total = bytesOf(all);
    expect((await buildPlan(connection, { type: 'prune-build-cache', keepStorage: total })).steps).toEqual([]);
    // One byte less: the least recently used go until it fits; run, it frees what it predicted.
    const budget = await buildPlan(connection, { type: 'prune-build-cache', keepStorage: total - 1 });
    expect(budget.steps.length).toBeGreaterThan(0);
    expect(budget.steps.length).toBeLessThanOrEqual(all.length);
    let before = await records();
    let report = await executePlan(connection, budget);
    for (const step of budget.steps) expect(report.outcomes[step.id], step.label).toEqual({ state: 'done' });
    expect(bytesOf(before) - bytesOf(await records())).toBe(budget.bytesFreed);
    expect(bytesOf(await records())).toBeLessThanOrEqual(total - 1);
    // Then older than a second: what is left goes, and frees what it predicted.
    const older = await buildPlan(connection, { type: 'prune-build-cache', until: '1s' });
    before = await records();
    expect(older.steps.map((s) => s.target).sort()).toEqual(before.map((r) => r.id).sort());
    report = await executePlan(connection, older);
    for (const step of older.steps) expect(report.outcomes[step.id], step.label).toEqual({ state: 'done' });
    expect(bytesOf(before) - bytesOf(await records())).toBe(older.bytesFreed);
    expect(await records()).toEqual([]);
  });
});
