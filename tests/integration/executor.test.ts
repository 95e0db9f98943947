// The executor when the world does not hold still: changes between preview
// and execute, another client removing things mid-plan, a cancel between
// steps, and the engine itself going away mid-plan (then resuming).

import { turnTrashOff } from '../fixtures/trash-settings';
import type { Phrase } from '../../src-shared/phrase';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LayerFactsCaches } from '../../src-main/inventory/layer-facts-cache';
import { PlanLifecycle } from '../../src-main/core/plan-lifecycle';
import type { EngineConnection } from '../../src-main/engine/connection';
import { executePlan, PlanCancellation } from '../../src-main/execution/executor';
import { historyEntryFrom } from '../../src-main/history/history-export';
import { buildPlan, buildResumePlan } from '../../src-main/planning/plan-service';
import type { PlanProgress, PlanStep } from '../../src-shared/plan';
import {
  buildImage,
  connect as harnessClient,
  engineAvailability,
  ensureBaseImage,
  ping,
  resetEngine,
  runContainer,
  startEngine,
  tagImage,
  type StartedEngine,
} from '../engines/harness';
import { ENGINE_NAMES } from '../engines/matrix';
import { describeEachEngine } from '../engines/use-engines';
import { connectTo, expectOnlyThePlan, observe } from './support/plan-world';

const KiB = 1024;
const blob = () => ({ [`/x/${randomBytes(4).toString('hex')}`]: randomBytes(8 * KiB) });

describeEachEngine('executor against a changing world', (engine) => {
  const { docker } = engine;
  let connection: EngineConnection;
  const listed = (ref: string) => (engine.kind === 'docker' ? ref : `docker.io/${ref}`);
  const image = (tag: string) => buildImage(docker, { tag, files: blob() });

  beforeAll(async () => {
    connection = await connectTo(engine.host, engine.kind);
  });
  beforeEach(() => resetEngine(docker));

  it('a container started on a planned image after the preview: that step is a conflict, the rest run', async () => {
    const a = await image('ex/a:1');
    const b = await image('ex/b:1');
    const plan = await buildPlan(connection, { type: 'remove-images', refs: ['ex/a:1', 'ex/b:1'] });
    expect(plan.steps.map((s) => s.target).sort()).toEqual([a, b].sort());
    const intruder = await runContainer(docker, a, { name: 'ex-intruder', running: true });
    const before = await observe(docker);
    const report = await executePlan(connection, plan);
    const stepA = plan.steps.find((s) => s.target === a)!;
    expect(report.outcomes[stepA.id]).toMatchObject({ state: 'conflict', kind: 'running-container' });
    expect(report.outcomes[stepA.id]).toHaveProperty('message', expect.stringContaining('"ex-intruder"'));
    expect(report.outcomes[plan.steps.find((s) => s.target === b)!.id]).toEqual({ state: 'done' });
    expect(report.finished).toBe(false);
    const after = await observe(docker);
    expectOnlyThePlan(before, after, plan, report);
    expect(after.images[a]).toEqual([listed('ex/a:1')]);
    expect(after.containers[intruder]).toMatch(/^running /);
  });

  it('never forces past a container made after the preview (Docker force-delete)', async () => {
    const id = await image('ex/forced:1');
    const planned = await runContainer(docker, id, { running: false });
    const plan = await buildPlan(connection, {
      type: 'remove-images',
      refs: ['ex/forced:1'],
      choices: { stoppedContainer: 'force-delete' },
    });
    if (engine.store !== 'classic') {
      // Podman would remove the containers with a forced delete, and on the containerd store
      // force drops only the tag: neither offers force-delete, so the choice keeps the image.
      expect(plan.steps).toEqual([]);
      return;
    }
    expect(plan.steps[0]).toMatchObject({ force: true, expect: { containerIds: [planned] } });
    const newcomer = await runContainer(docker, id, { name: 'ex-newcomer', running: false });
    const report = await executePlan(connection, plan);
    expect(report.outcomes.s1).toMatchObject({ state: 'conflict', kind: 'stopped-container' });
    expect((await observe(docker)).images[id]).toEqual(['ex/forced:1']);
    expect((await docker.getContainer(newcomer).inspect()).Image).toBe(id);
  });

  it('a tag moved to another image, or an image that gained a tag, since the preview: plan-stale, left alone', async () => {
    const x = await image('ex/x:1');
    await tagImage(docker, x, 'ex/x', '2');
    const y = await image('ex/y:1');
    const lone = await image('ex/lone:1');
    const plan = await buildPlan(connection, { type: 'remove-images', refs: ['ex/x:2', 'ex/lone:1'] });
    expect(plan.steps.map((s) => `${s.action} ${s.label}`)).toEqual(['untag ex/x:2', 'remove-image ex/lone:1']);
    await tagImage(docker, y, 'ex/x', '2'); // ex/x:2 now names y
    await tagImage(docker, lone, 'ex/lone', 'kept'); // lone gained a tag
    const before = await observe(docker);
    const report = await executePlan(connection, plan);
    expect(report.outcomes.s1).toMatchObject({ state: 'conflict', kind: 'plan-stale' });
    expect(report.outcomes.s2).toMatchObject({ state: 'conflict', kind: 'plan-stale' });
    expect(report.outcomes.s2).toHaveProperty('message', expect.stringContaining('ex/lone:kept'));
    expect(await observe(docker)).toEqual(before);
    expect(before.images[y]).toContain(listed('ex/x:2'));
  });

  it('another client removes a planned image mid-plan: counted as already gone', async () => {
    const ids = [await image('ex/m1:1'), await image('ex/m2:1'), await image('ex/m3:1')];
    const plan = await buildPlan(connection, { type: 'remove-images', refs: ['ex/m1:1', 'ex/m2:1', 'ex/m3:1'] });
    const [first, second] = plan.steps as [PlanStep, PlanStep];
    const other = harnessClient(engine.host);
    const report = await executePlan(connection, plan, {
      concurrency: 1,
      beforeStep: async (step) => {
        if (step.id === first.id) await other.getImage(second.target).remove();
      },
    });
    expect(report.outcomes[first.id]).toEqual({ state: 'done' });
    expect(report.outcomes[second.id]).toEqual({ state: 'already-gone' });
    expect(report.finished).toBe(true);
    const after = await observe(docker);
    for (const id of ids) expect(after.images[id]).toBeUndefined();
  });

  it('cancelled between steps: the rest are not run, and the report says so', async () => {
    const ids = [await image('ex/c1:1'), await image('ex/c2:1'), await image('ex/c3:1')];
    const plan = await buildPlan(connection, { type: 'remove-images', refs: ['ex/c1:1', 'ex/c2:1', 'ex/c3:1'] });
    const cancellation = new PlanCancellation();
    const progress: PlanProgress[] = [];
    const before = await observe(docker);
    const report = await executePlan(connection, plan, {
      concurrency: 1,
      cancellation,
      onProgress: (p) => progress.push(p),
      beforeStep: async (step) => {
        if (step.id === 's2') cancellation.cancel();
      },
    });
    expect(report.outcomes).toEqual({
      s1: { state: 'done' },
      s2: { state: 'not-run', reason: { key: 'outcome.cancelled' } },
      s3: { state: 'not-run', reason: { key: 'outcome.cancelled' } },
    });
    expect(report).toMatchObject({ cancelled: true, finished: false });
    expectOnlyThePlan(before, await observe(docker), plan, report);
    expect(progress.map((p) => [p.stepId, p.outcome.state, p.done])).toEqual([
      ['s1', 'running', 0],
      ['s1', 'done', 1],
      ['s2', 'running', 1],
      ['s2', 'not-run', 2],
      ['s3', 'not-run', 3],
    ]);
    const left = await observe(docker);
    expect(ids.filter((id) => id in left.images)).toEqual(
      [plan.steps[1]!.target, plan.steps[2]!.target].sort((x, y) => ids.indexOf(x) - ids.indexOf(y)),
    );
  });

  it('measures what a plan freed without sizing every container on the host (API 1.42+)', async () => {
    const kept = await runContainer(docker, await image('ex/kept:1'), { name: 'ex-kept', running: false });
    const gone = await runContainer(docker, await image('ex/m:1'), { name: 'ex-m', running: false });
    const plan = await buildPlan(connection, {
      type: 'remove-images',
      refs: ['ex/m:1'],
      choices: { stoppedContainer: 'remove-containers' },
    });
    expect(plan.steps.map((s) => s.action).sort()).toEqual(['remove-container', 'remove-image']);
    // Each call as path and query (the modem writes the query from options).
    const calls: { path: string; query: string }[] = [];
    type Dial = (opts: { path: string; options?: Record<string, unknown> }, cb: unknown) => unknown;
    const modem = connection.docker.modem as unknown as { dial: Dial };
    const dial = modem.dial.bind(modem);
    modem.dial = (opts, cb) => {
      calls.push({ path: opts.path.replace(/\?$/, ''), query: JSON.stringify(opts.options ?? {}) });
      return dial(opts, cb);
    };
    try {
      const report = await executePlan(connection, plan);
      expect(report.finished).toBe(true);
      // Measured by the engine where it can tell (usage-sample.ts), else the plan's own figure.
      expect(report.bytesSource).toBe(engine.store === 'classic' ? 'disk-usage' : 'plan');
    } finally {
      modem.dial = dial;
    }
    const dfCalls = calls.filter((c) => c.path === '/system/df').map((c) => c.query);
    const sized = calls.filter((c) => c.path === '/containers/json' && c.query.includes('"size":true'));
    if (engine.kind === 'podman' || engine.store === 'containerd') {
      // Nothing to measure with (usage-sample.ts): the plan's own figures stand, no df at all.
      expect(dfCalls).toEqual([]);
    } else if (engine.name === 'docker20') {
      // API 1.41 knows no `type`: the whole df, before and after.
      expect(dfCalls).toEqual(['{}', '{}']);
      // So on a host with more containers than the limit it does not measure at all: the plan's figure stands.
      await image('ex/m2:1');
      const again = await buildPlan(connection, { type: 'remove-images', refs: ['ex/m2:1'] });
      expect(again.steps.map((s) => s.action)).toEqual(['remove-image']);
      calls.length = 0;
      modem.dial = (opts, cb) => {
        calls.push({ path: opts.path.replace(/\?$/, ''), query: JSON.stringify(opts.options ?? {}) });
        return dial(opts, cb);
      };
      let report;
      try {
        report = await executePlan(connection, again, { measureUpToContainers: 0 });
      } finally {
        modem.dial = dial;
      }
      expect(calls.filter((c) => c.path === '/system/df')).toEqual([]);
      expect(report).toMatchObject({ bytesSource: 'plan', bytesFreed: again.bytesFreed });
      expect(report.bytesNote).toMatch(/measuring would size all \d+ containers/);
    } else {
      // Image layers only, twice; the removed container's size read by a list filtered to it alone.
      expect(dfCalls).toEqual(['{"type":["image"]}', '{"type":["image"]}']);
      expect(sized).toHaveLength(1);
      expect(sized[0]!.query).toContain(gone);
      expect(sized[0]!.query).not.toContain(kept);
    }
  });
});

// A private engine, stopped mid-plan and started again: the shared ones stay up.
describe.each(ENGINE_NAMES.filter((name) => engineAvailability(name).ok))(
  '%s: the engine goes away mid-plan',
  (name) => {
    let engine: StartedEngine;
    let dataDir: string;
    afterAll(async () => {
      await engine?.destroy();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('reports what finished and what did not, and resuming finishes the rest', async () => {
      engine = await startEngine(name);
      dataDir = await mkdtemp(join(tmpdir(), 'barnacle-exec-'));
      turnTrashOff(dataDir);
      const docker = harnessClient(engine.host);
      await ensureBaseImage(docker);
      const ids: string[] = [];
      for (const n of [1, 2, 3, 4]) ids.push(await buildImage(docker, { tag: `lost/i${n}:1`, files: blob() }));
      const stopAt = 's3';
      let engineUp = true;
      const runner = new PlanLifecycle({
        dataDir,
        layerFacts: new LayerFactsCaches(null),
        execute: {
          concurrency: 1,
          beforeStep: async (step) => {
            if (step.id === stopAt && engineUp) {
              engineUp = false;
              await engine.stop();
            }
          },
        },
      });
      const connection = await connectTo(engine.host, 'lost');
      const plan = await runner.preview(connection, { type: 'remove-images', refs: ids });
      expect(plan.steps).toHaveLength(4);
      const report = await runner.execute(connection, plan.id, plan.digest);
      expect(report.outcomes.s1).toEqual({ state: 'done' });
      expect(report.outcomes.s2).toEqual({ state: 'done' });
      expect(report.outcomes.s3).toMatchObject({
        state: 'not-run',
        // ENOENT once dockerd removed its socket; a pooled connection may see ECONNRESET instead.
        reason: { key: 'outcome.engineLost', params: { said: expect.stringMatching(/.+/) } },
      });
      expect(report.outcomes.s4).toMatchObject({ state: 'not-run' });
      expect(report).toMatchObject({ finished: false, cancelled: false, bytesSource: 'plan' });
      // The report keeps what the connection said; the outcome's phrase names it.
      expect(report.engineLost).toBe((report.outcomes.s3 as { reason: Phrase }).reason.params?.said);
      // Without df, the figure is the plan's for the two finished steps.
      expect(report.bytesFreed).toBe(plan.steps[0]!.bytes + plan.steps[1]!.bytes);
      const [logged] = await runner.readHistory();
      expect(logged).toMatchObject({ planId: plan.id, finished: false, engineLost: report.engineLost });
      expect(logged!.steps.map((s) => s.outcome)).toEqual(['done', 'done', 'not-run', 'not-run']);

      await engine.start();
      const again = await connectTo(engine.host, 'lost');
      // Resuming on another engine is refused before anything is read: the targets are this engine's IDs.
      const elsewhere = { ...again, endpoint: { ...again.endpoint, host: 'unix:///elsewhere/docker.sock' } };
      await expect(runner.resume(elsewhere, plan.id)).rejects.toThrow(/not the engine now selected/);
      const resumed = await runner.resume(again, plan.id);
      expect(resumed.resumedFrom).toBe(plan.id);
      expect(resumed.steps.map((s) => s.target)).toEqual([plan.steps[2]!.target, plan.steps[3]!.target]);
      const done = await runner.execute(again, resumed.id, resumed.digest);
      expect(done.finished).toBe(true);
      const left = (await docker.listImages()).map((i) => i.Id);
      for (const id of ids) expect(left).not.toContain(id);
      const history = await runner.readHistory();
      expect(history.map((h) => h.planId)).toEqual([resumed.id, plan.id]);
      expect(history[0]!.resumedFrom).toBe(plan.id);
      // Nothing is left to resume now.
      await expect(runner.resume(again, resumed.id)).rejects.toThrow(/nothing to resume/);
      expect(historyEntryFrom(resumed, done).removedImages.map((i) => i.id)).toEqual(
        resumed.steps.map((s) => s.target),
      );
    });

    it('resuming from a history record alone (as after an app restart) re-plans against the live engine', async () => {
      if (!(await ping(engine.socketPath))) await engine.start(); // the test before may have failed with it down
      const docker = harnessClient(engine.host);
      const id = await buildImage(docker, { tag: 'lost/late:1', files: blob() });
      const connection = await connectTo(engine.host, 'lost');
      const plan = await buildResumePlan(connection, {
        planId: 'manual',
        intent: { type: 'remove-images', refs: [id] },
        steps: [{ id: 's1', action: 'remove-image', target: id, label: 'lost/late:1', outcome: 'not-run' }],
      });
      expect(plan.steps.map((s) => s.target)).toEqual([id]);
      await engine.stop();
      await engine.start();
      const report = await executePlan(await connectTo(engine.host, 'lost'), plan);
      expect(report.outcomes.s1).toEqual({ state: 'done' });
      await resetEngine(docker);
    });
  },
);
