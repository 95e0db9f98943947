// Removing 200 images: Barnacle's plan execution side by side, in one run, with
// what a person would type (`docker rmi` in a shell loop, `docker rmi` with all
// IDs at once) and the raw API (DELETE /images/{id}, one after another).
// Every round reloads a fresh set of 200 distinct images (not timed), and the
// order of the contenders rotates each round so a busy spell on the machine
// does not always land on the same one.
// Run: npx tsx bench/plan-execution.bench.ts (as root; ~5-10 min on 2 cores).
// Knobs: BENCH_PLAN_IMAGES (200), BENCH_ROUNDS (5), BENCH_SWEEP (executor concurrencies to try besides the app's, "1,8"),
// BENCH_OTHER_CONTAINERS (0: containers of other images present throughout, a busier host), BENCH_OUT (results path),
// BENCH_ENGINE (docker26-classic: API 1.45, where the bytes freed are measured with df?type=image; docker20
// for API 1.41, which knows no type and sizes every container in each df).

import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { BarnacleCore } from '../src-main/core/barnacle-core';
import { executePlan } from '../src-main/execution/executor';
import { fetchDf } from '../src-main/inventory/disk-usage';
import { createHandlers } from '../src-main/ipc/handlers';
import { buildPlan } from '../src-main/planning/plan-service';
import { connect, startEngine } from '../tests/engines/harness';
import type { EngineName } from '../tests/engines/matrix';
import { imageArchive } from './lib/image-archive';
import { codeState, execFileP, inParallel, machineInfo, measure, summarize, writeResults } from './lib/measure';

const IMAGES = Number(process.env.BENCH_PLAN_IMAGES ?? 200);
const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 5));
const SWEEP = (process.env.BENCH_SWEEP ?? '1,8').split(',').filter(Boolean).map(Number);
const OTHER_CONTAINERS = Number(process.env.BENCH_OTHER_CONTAINERS ?? 0);
const OUT = process.env.BENCH_OUT ?? 'bench/results/plan-execution.json';
const WARMUP_IMAGES = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The source as loaded now (it may change on disk while the bench runs).
const code = codeState();
const engine = await startEngine((process.env.BENCH_ENGINE ?? 'docker26-classic') as EngineName);
const dataDir = mkdtempSync(join(tmpdir(), 'barnacle-bench-'));
let core: BarnacleCore | null = null;
try {
  const docker = connect(engine.host);
  const env = { ...process.env, DOCKER_HOST: engine.host };

  // A busier host, when asked: containers (created, never started) of 20 other images, untouched by every contender.
  if (OTHER_CONTAINERS > 0) {
    const archive = imageArchive(
      Array.from({ length: 20 }, (_, i) => ({ tag: `bench/keep:img-${i}`, content: `kept ${i}` })),
    );
    const stream = await docker.loadImage(archive as unknown as NodeJS.ReadableStream);
    await new Promise((resolve, reject) =>
      docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve(null))),
    );
    await inParallel(
      Array.from({ length: OTHER_CONTAINERS }, (_, i) => i),
      8,
      async (i) => {
        await docker.createContainer({
          Image: `bench/keep:img-${i % 20}`,
          name: `keep-${i}`,
          HostConfig: { NetworkMode: 'none' },
        });
      },
    );
    console.log(`${OTHER_CONTAINERS} other containers created`);
  }

  // The app as it runs: one core with live updates, the handler table the window calls.
  core = new BarnacleCore({ host: engine.host, label: 'bench', source: 'user' }, { dataDir });
  const health = await core.start();
  if (health.state !== 'connected') throw new Error(`core not connected: ${JSON.stringify(health)}`);
  const handlers = createHandlers(core);
  const connection = core.session.current()!;

  // How many steps really ran at once, seen from the progress events.
  let inFlight = 0;
  let maxInFlight = 0;
  core.onPlanProgress(({ outcome }) => {
    if (outcome.state === 'running') maxInFlight = Math.max(maxInFlight, ++inFlight);
    else inFlight--;
  });

  let serial = 0;
  /** Loads `count` new distinct images in one `docker load`; answers their IDs. Not timed. */
  async function loadFresh(count: number): Promise<string[]> {
    const repo = `bench/rm-${serial++}`;
    const archive = imageArchive(
      Array.from({ length: count }, (_, i) => ({ tag: `${repo}:img-${i}`, content: `${repo} image ${i}` })),
    );
    const stream = await docker.loadImage(archive as unknown as NodeJS.ReadableStream);
    await new Promise((resolve, reject) =>
      docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve(null))),
    );
    const ids = (await docker.listImages())
      .filter((i) => (i.RepoTags ?? []).some((t) => t.startsWith(`${repo}:`)))
      .map((i) => i.Id);
    if (ids.length !== count) throw new Error(`loaded ${ids.length} of ${count} images`);
    // Let the live-update refresh that the load's events set off finish before anything is timed.
    await sleep(1000);
    return ids;
  }

  async function expectGone(ids: string[], who: string): Promise<void> {
    const left = new Set((await docker.listImages()).map((i) => i.Id));
    const remaining = ids.filter((id) => left.has(id));
    if (remaining.length > 0) throw new Error(`${who}: ${remaining.length} of ${ids.length} images still there`);
  }

  async function timed(work: () => Promise<unknown>): Promise<number> {
    const started = performance.now();
    await work();
    return performance.now() - started;
  }

  let lastBytes: { predicted: number; measured: number; source: string } | null = null;
  const planningMs: number[] = [];

  interface Contender {
    key: string;
    name: string;
    run: (ids: string[], record: boolean) => Promise<number>;
  }

  const barnacle: Contender = {
    key: 'barnacle',
    name: `Barnacle: execute the plan (handler executePlan, app defaults)`,
    async run(ids, record) {
      const started = performance.now();
      const preview = await handlers.previewPlan({ intent: { type: 'remove-images', refs: ids } });
      const planned = performance.now() - started;
      if (!preview.ok) throw new Error(`previewPlan: ${preview.error.message}`);
      const plan = preview.value;
      const removals = plan.steps.filter((s) => s.action === 'remove-image').length;
      if (plan.steps.length !== ids.length || removals !== ids.length) {
        throw new Error(`plan has ${plan.steps.length} steps (${removals} removals) for ${ids.length} images`);
      }
      if (record) planningMs.push(planned);
      let answer: Awaited<ReturnType<typeof handlers.executePlan>> | undefined;
      const ms = await timed(async () => {
        answer = await handlers.executePlan({ planId: plan.id, digest: plan.digest });
      });
      if (!answer?.ok) throw new Error(`executePlan: ${answer?.ok === false ? answer.error.message : 'no answer'}`);
      if (!answer.value.finished)
        throw new Error(`plan did not finish: ${JSON.stringify(answer.value.outcomes).slice(0, 400)}`);
      if (record)
        lastBytes = { predicted: plan.bytesFreed, measured: answer.value.bytesFreed, source: answer.value.bytesSource };
      return ms;
    },
  };

  const cliLoop: Contender = {
    key: 'cliLoop',
    name: '`for id in …; do docker rmi $id; done` (one CLI process per image)',
    run: (ids) =>
      timed(() =>
        execFileP('sh', ['-c', 'for id in "$@"; do docker rmi "$id" || exit 1; done', 'sh', ...ids], {
          env,
          maxBuffer: 16 << 20,
        }),
      ),
  };

  const cliOnce: Contender = {
    key: 'cliOnce',
    name: `\`docker rmi <all ${IMAGES} IDs>\` (one CLI process)`,
    run: (ids) => timed(() => execFileP('docker', ['rmi', ...ids], { env, maxBuffer: 16 << 20 })),
  };

  const apiSequential: Contender = {
    key: 'apiSequential',
    name: 'raw API: DELETE /images/{id}, one after another (dockerode)',
    run: (ids) =>
      timed(async () => {
        for (const id of ids) await (docker as Docker).getImage(id).remove();
      }),
  };

  // The lever, for reference: the same executor at other concurrencies, called directly.
  const sweep: Contender[] = SWEEP.map((concurrency) => ({
    key: `executorConcurrency${concurrency}`,
    name: `executor called directly, concurrency ${concurrency} (same checks and df sampling)`,
    async run(ids) {
      const plan = await buildPlan(connection, { type: 'remove-images', refs: ids });
      let finished = false;
      const ms = await timed(async () => {
        finished = (await executePlan(connection, plan, { concurrency })).finished;
      });
      if (!finished) throw new Error(`concurrency ${concurrency}: plan did not finish`);
      return ms;
    },
  }));

  const contenders = [barnacle, cliLoop, cliOnce, apiSequential, ...sweep];
  const samples = new Map<string, number[]>(contenders.map((c) => [c.key, []]));
  const loadPerRound: number[] = [];

  // Warm-up with a few images each: CLI binary in the page cache, connections, JIT.
  for (const c of contenders) {
    const ids = await loadFresh(WARMUP_IMAGES);
    await c.run(ids, false);
    await expectGone(ids, `${c.key} (warm-up)`);
  }

  const setupStarted = Date.now();
  for (let round = 0; round < ROUNDS; round++) {
    loadPerRound.push(+loadavg()[0]!.toFixed(2));
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
    for (const c of order) {
      const ids = await loadFresh(IMAGES);
      const ms = await c.run(ids, true);
      await expectGone(ids, c.key);
      samples.get(c.key)!.push(ms);
      console.log(`round ${round + 1}/${ROUNDS} ${c.key.padEnd(24)} ${ms.toFixed(0).padStart(7)} ms`);
    }
  }
  loadPerRound.push(+loadavg()[0]!.toFixed(2));

  // What one call costs on this host as it stands: the executor makes 2 df calls per plan and,
  // per image step, an inspect and a full container list besides the DELETE.
  const kept = (await docker.listImages()).find((i) => (i.RepoTags ?? []).some((t) => t.startsWith('bench/keep:')));
  const callCosts = [
    await measure('GET /system/df', 3, () => fetchDf(docker)),
    await measure('GET /containers/json?all=1', 5, () => docker.listContainers({ all: true })),
    await measure('GET /images/json', 5, () => docker.listImages()),
  ];
  if (kept) callCosts.push(await measure('GET /images/{id}/json', 5, () => docker.getImage(kept.Id).inspect()));

  const m = Object.fromEntries(contenders.map((c) => [c.key, summarize(c.name, samples.get(c.key)!)]));
  const planning = summarize(`Barnacle: preview the plan (handler previewPlan, ${IMAGES} images)`, planningMs);
  const ratio = (a: number, b: number) => +(a / b).toFixed(2);
  const exec = m.barnacle!.medianMs;
  const results = {
    bench: 'plan-execution',
    engine: `${connection.engine.kind} ${connection.engine.version} (API ${connection.engine.pinnedApiVersion})`,
    dockerCli: (await execFileP('docker', ['version', '--format', '{{.Client.Version}}'], { env })).stdout.trim(),
    machine: machineInfo(),
    code,
    loadAverage1mPerRound: loadPerRound,
    images: IMAGES,
    otherContainers: OTHER_CONTAINERS,
    rounds: ROUNDS,
    executor: {
      concurrency: 4,
      concurrencySource: 'the executor default, ExecuteOptions.concurrency ?? 4, since BarnacleCore passes none',
      maxStepsInFlightObserved: maxInFlight,
    },
    planning,
    callCosts,
    measurements: [m.barnacle, m.cliLoop, m.cliOnce, m.apiSequential, ...sweep.map((s) => m[s.key])],
    bytes: lastBytes,
    ratios: {
      // Time of Barnacle's execution as a fraction of the other's time (< 1: Barnacle is faster).
      executionVsCliLoop: ratio(exec, m.cliLoop!.medianMs),
      executionVsCliOnce: ratio(exec, m.cliOnce!.medianMs),
      executionVsApiSequential: ratio(exec, m.apiSequential!.medianMs),
      speedupVsCliLoop: ratio(m.cliLoop!.medianMs, exec),
      planPlusExecutionVsCliLoop: ratio(exec + planning.medianMs, m.cliLoop!.medianMs),
    },
    measuredAt: new Date().toISOString(),
    durationS: Math.round((Date.now() - setupStarted) / 1000),
  };
  console.table(
    [planning, ...results.measurements].map((x) => ({
      name: x!.name,
      median: x!.medianMs,
      min: x!.minMs,
      max: x!.maxMs,
    })),
  );
  console.log(results.ratios, results.executor, 'load average per round:', loadPerRound.join(' '));
  writeResults(OUT, results);
} finally {
  core?.close();
  await engine.destroy();
  rmSync(dataDir, { recursive: true, force: true });
}
