// The plan channels as the renderer reaches them: main's handler table over a
// BarnacleCore on a live engine, with progress events, the history file and
// its export to a path the (injected) save dialog picks.

import { turnTrashOff } from '../fixtures/trash-settings';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HandlerTable } from '../../src-shared/contract';
import type { Plan, PlanProgress } from '../../src-shared/plan';
import { BarnacleCore } from '../../src-main/core/barnacle-core';
import type { DestructiveSummary } from '../../src-main/core/main-confirmation';
import { createHandlers } from '../../src-main/ipc/handlers';
import { buildImage, resetEngine, runContainer } from '../engines/harness';
import { describeEachEngine } from '../engines/use-engines';

describeEachEngine('plans over IPC', (engine) => {
  const { docker } = engine;
  let core: BarnacleCore;
  let handlers: HandlerTable;
  let dataDir: string;
  let saveAnswer: string | null;
  const progress: PlanProgress[] = [];
  /** The stand-in for the shell's native dialog: what it was asked, and what it answers. */
  const asked: DestructiveSummary[] = [];
  let confirmAnswer = false;

  beforeAll(async () => {
    await resetEngine(docker);
    dataDir = await mkdtemp(join(tmpdir(), 'barnacle-ipc-'));
    turnTrashOff(dataDir);
    core = new BarnacleCore(
      { host: engine.host, label: engine.kind, source: 'user' },
      {
        live: false,
        dataDir,
        chooseSavePath: async () => saveAnswer,
        confirmInMain: async (summary) => {
          asked.push(summary);
          return confirmAnswer;
        },
      },
    );
    expect((await core.start()).state).toBe('connected');
    core.onPlanProgress((p) => progress.push(p));
    handlers = createHandlers(core);
  });
  afterAll(async () => {
    core?.close();
    // A layer-facts save may still be renaming its file in: retried until the folder is empty.
    await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  });

  const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: { kind: string; message: string } }): T => {
    if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
    return r.value;
  };

  it('previews, refuses a wrong digest, executes exactly once, with progress, into the history', async () => {
    const a = await buildImage(docker, { tag: 'ipc/a:1', files: { '/a': randomBytes(4096) } });
    const b = await buildImage(docker, { tag: 'ipc/b:1', files: { '/b': randomBytes(4096) } });
    const plan: Plan = unwrap(
      await handlers.previewPlan({ intent: { type: 'remove-images', refs: ['ipc/a:1', 'ipc/b:1'] } }),
    );
    expect(plan.steps.map((s) => s.target).sort()).toEqual([a, b].sort());

    const wrong = await handlers.executePlan({ planId: plan.id, digest: `sha256:${'0'.repeat(64)}` });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'plan-stale' } });
    const unknown = await handlers.executePlan({ planId: '3f2b8c1e-9d4a-4b6e-8f1a-2c3d4e5f6a7b', digest: plan.digest });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'plan-stale' } });
    expect((await docker.listImages()).map((i) => i.Id)).toEqual(expect.arrayContaining([a, b]));

    const report = unwrap(await handlers.executePlan({ planId: plan.id, digest: plan.digest }));
    expect(report).toMatchObject({ planId: plan.id, finished: true, cancelled: false });
    const ours = progress.filter((p) => p.planId === plan.id);
    expect(
      ours
        .filter((p) => p.outcome.state === 'running')
        .map((p) => p.stepId)
        .sort(),
    ).toEqual(['s1', 's2']);
    expect(
      ours
        .filter((p) => p.outcome.state === 'done')
        .map((p) => p.stepId)
        .sort(),
    ).toEqual(['s1', 's2']);
    expect(ours.at(-1)).toMatchObject({ done: 2, total: 2 });

    const again = await handlers.executePlan({ planId: plan.id, digest: plan.digest });
    expect(again).toMatchObject({
      ok: false,
      error: { kind: 'plan-stale', message: expect.stringMatching(/already run/) },
    });

    const history = unwrap(await handlers.history({}));
    expect(history[0]).toMatchObject({ planId: plan.id, finished: true });
    expect(history[0]!.removedImages.map((i) => i.id).sort()).toEqual([a, b].sort());
    const nothingLeft = await handlers.resumePlan({ planId: plan.id });
    expect(nothingLeft).toMatchObject({ ok: false, error: { kind: 'plan-stale' } });
  });

  it('exports the history where the save dialog says, or nowhere when cancelled', async () => {
    saveAnswer = join(dataDir, 'export.csv');
    expect(unwrap(await handlers.exportHistory({ format: 'csv' }))).toEqual({ path: saveAnswer });
    const csv = await readFile(saveAnswer, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^plan_id,started_at,/);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);
    saveAnswer = join(dataDir, 'export.json');
    unwrap(await handlers.exportHistory({ format: 'json' }));
    expect(JSON.parse(await readFile(saveAnswer, 'utf8'))).toHaveLength(1);
    saveAnswer = null;
    expect(unwrap(await handlers.exportHistory({ format: 'json' }))).toEqual({ path: null });
  });

  it('refuses malformed requests before anything reaches the engine', async () => {
    expect(await handlers.previewPlan({ intent: { type: 'remove-images', refs: ['$(rm -rf /)'] } })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    });
    expect(await handlers.executePlan({ planId: 'x', digest: 'y' })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    });
    expect(unwrap(await handlers.cancelPlan({ planId: '3f2b8c1e-9d4a-4b6e-8f1a-2c3d4e5f6a7b' }))).toEqual({
      cancelled: false,
    });
  });
  it('main asks in its own dialog before stopping a running container; a "no" there changes nothing', async () => {
    asked.length = 0;
    await buildImage(docker, { tag: 'ipc/served:1', files: { '/s': 'served' } });
    const web = await runContainer(docker, 'ipc/served:1', { name: 'ipc-web', running: true });
    const intent = {
      type: 'remove-images' as const,
      refs: ['ipc/served:1'],
      choices: { runningContainer: 'stop-and-remove-containers' as const },
    };
    const plan: Plan = unwrap(await handlers.previewPlan({ intent }));
    expect(plan.steps.map((s) => s.action)).toContain('stop-container');

    confirmAnswer = false;
    const refused = await handlers.executePlan({ planId: plan.id, digest: plan.digest });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(asked).toEqual([{ engine: engine.host, startFresh: false, stops: ['ipc-web'], volumes: [], forced: [] }]);
    expect((await docker.getContainer(web).inspect()).State.Running).toBe(true);

    // Still previewed: a "yes" later runs it.
    confirmAnswer = true;
    const report = unwrap(await handlers.executePlan({ planId: plan.id, digest: plan.digest }));
    expect(report.finished).toBe(true);
    expect(asked).toHaveLength(2);
    await expect(docker.getContainer(web).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('a plan that only removes unused images is not asked about in main', async () => {
    asked.length = 0;
    await buildImage(docker, { tag: 'ipc/plain:1', files: { '/p': 'plain' } });
    const plan: Plan = unwrap(await handlers.previewPlan({ intent: { type: 'remove-images', refs: ['ipc/plain:1'] } }));
    unwrap(await handlers.executePlan({ planId: plan.id, digest: plan.digest }));
    expect(asked).toEqual([]);
  });
});
