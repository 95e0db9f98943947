// The main process's memory must not grow with use: one BarnacleCore and its
// handler table on a private Docker engine (live updates on, as in the app),
// 100 plans back to back (load 5 small images, preview their removal, execute
// it), then 1,000 inventory refreshes on a host with 200 images and 100
// containers. heapUsed and rss are sampled after a forced GC every 10 plans
// and every 100 refreshes; the slope over each phase's second half should be ~0.
// Run: node --expose-gc --import tsx bench/memory.bench.ts (as root; ~3-5 min).
// Knobs: BENCH_PLANS (100), BENCH_REFRESHES (1000), BENCH_OUT (results path).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BarnacleCore } from '../src-main/core/barnacle-core';
import { createHandlers } from '../src-main/ipc/handlers';
import { connect, startEngine } from '../tests/engines/harness';
import { imageArchive } from './lib/image-archive';
import { codeState, inParallel, machineInfo, writeResults } from './lib/measure';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('Run with a forced GC available: node --expose-gc --import tsx bench/memory.bench.ts');
  process.exit(2);
}

const PLANS = Number(process.env.BENCH_PLANS ?? 100);
const REFRESHES = Number(process.env.BENCH_REFRESHES ?? 1000);
const OUT = process.env.BENCH_OUT ?? 'bench/results/memory.json';
const IMAGES_PER_PLAN = 5;
const HOST_IMAGES = 200;
const HOST_CONTAINERS = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Sample {
  iteration: number;
  heapUsed: number;
  rss: number;
}

/** Lets background work settle (debounced live refreshes, df), then a full GC, then reads memory. */
async function sample(iteration: number): Promise<Sample> {
  await sleep(600);
  gc!();
  await sleep(50);
  gc!();
  const { heapUsed, rss } = process.memoryUsage();
  return { iteration, heapUsed, rss };
}

/** Least-squares slope (bytes per iteration) over the samples from the middle of the phase on. */
function secondHalfSlope(samples: Sample[], key: 'heapUsed' | 'rss', total: number): number | null {
  const pts = samples.filter((s) => s.iteration >= total / 2);
  const n = pts.length;
  if (n < 2) return null; // a line needs two points: sample more often or run longer
  const mx = pts.reduce((a, p) => a + p.iteration, 0) / n;
  const my = pts.reduce((a, p) => a + p[key], 0) / n;
  const num = pts.reduce((a, p) => a + (p.iteration - mx) * (p[key] - my), 0);
  const den = pts.reduce((a, p) => a + (p.iteration - mx) ** 2, 0);
  return Math.round(num / den);
}

function summary(samples: Sample[], total: number, unit: string) {
  const of = (key: 'heapUsed' | 'rss') => ({
    start: samples[0]![key],
    end: samples[samples.length - 1]![key],
    max: Math.max(...samples.map((s) => s[key])),
    secondHalfSlopeBytesPerIteration: secondHalfSlope(samples, key, total),
  });
  return { iterations: total, unit, heapUsed: of('heapUsed'), rss: of('rss'), samples };
}

// The source as loaded now (it may change on disk while the bench runs).
const code = codeState();
const engine = await startEngine('docker20');
const dataDir = mkdtempSync(join(tmpdir(), 'barnacle-bench-'));
let core: BarnacleCore | null = null;
try {
  const docker = connect(engine.host);
  core = new BarnacleCore({ host: engine.host, label: 'bench', source: 'user' }, { dataDir });
  const health = await core.start();
  if (health.state !== 'connected') throw new Error(`core not connected: ${JSON.stringify(health)}`);
  const handlers = createHandlers(core);
  const connection = core.session.current()!;

  async function load(repo: string, count: number): Promise<string[]> {
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
    return ids;
  }

  const started = Date.now();
  // Phase 1: plans back to back.
  const planSamples: Sample[] = [await sample(0)];
  for (let i = 1; i <= PLANS; i++) {
    const ids = await load(`bench/mem-${i}`, IMAGES_PER_PLAN);
    const preview = await handlers.previewPlan({ intent: { type: 'remove-images', refs: ids } });
    if (!preview.ok) throw new Error(`plan ${i}: previewPlan: ${preview.error.message}`);
    if (preview.value.steps.length !== IMAGES_PER_PLAN)
      throw new Error(`plan ${i}: ${preview.value.steps.length} steps`);
    const report = await handlers.executePlan({ planId: preview.value.id, digest: preview.value.digest });
    if (!report.ok) throw new Error(`plan ${i}: executePlan: ${report.error.message}`);
    if (!report.value.finished) throw new Error(`plan ${i} did not finish`);
    if (i % 10 === 0) {
      const s = await sample(i);
      planSamples.push(s);
      console.log(
        `plan ${String(i).padStart(4)}: heapUsed ${(s.heapUsed / 2 ** 20).toFixed(1)} MiB, rss ${(s.rss / 2 ** 20).toFixed(1)} MiB`,
      );
    }
  }

  // Phase 2: refreshes of a host with something on it.
  await load('bench/mem-host', HOST_IMAGES);
  const hostImages = (await docker.listImages()).filter((i) =>
    (i.RepoTags ?? []).some((t) => t.startsWith('bench/mem-host:')),
  );
  await inParallel(
    Array.from({ length: HOST_CONTAINERS }, (_, i) => i),
    4,
    async (i) => {
      await docker.createContainer({
        Image: hostImages[i % hostImages.length]!.Id,
        name: `mem-c-${i}`,
        HostConfig: { NetworkMode: 'none' },
      });
    },
  );
  const refreshSamples: Sample[] = [await sample(0)];
  let listed = 0;
  for (let j = 1; j <= REFRESHES; j++) {
    const answer = await handlers.inventory({});
    if (!answer.ok) throw new Error(`refresh ${j}: ${answer.error.message}`);
    listed = answer.value.images.length;
    if (j % 100 === 0) {
      const s = await sample(j);
      refreshSamples.push(s);
      console.log(
        `refresh ${String(j).padStart(5)}: heapUsed ${(s.heapUsed / 2 ** 20).toFixed(1)} MiB, rss ${(s.rss / 2 ** 20).toFixed(1)} MiB`,
      );
    }
  }

  const results = {
    bench: 'memory',
    engine: `${connection.engine.kind} ${connection.engine.version} (API ${connection.engine.pinnedApiVersion})`,
    machine: machineInfo(),
    code,
    setup: {
      liveUpdates: true,
      imagesPerPlan: IMAGES_PER_PLAN,
      refreshHost: { images: listed, containers: HOST_CONTAINERS },
      sampling: 'process.memoryUsage() after 600 ms idle and two forced GCs (node --expose-gc)',
    },
    plans: summary(planSamples, PLANS, 'plan (load 5 images, previewPlan, executePlan)'),
    refreshes: summary(refreshSamples, REFRESHES, 'inventory({}) refresh'),
    measuredAt: new Date().toISOString(),
    durationS: Math.round((Date.now() - started) / 1000),
  };
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  for (const phase of [results.plans, results.refreshes]) {
    console.log(
      `${phase.unit}: heapUsed ${mib(phase.heapUsed.start)} → ${mib(phase.heapUsed.end)} (max ${mib(phase.heapUsed.max)}, slope ${phase.heapUsed.secondHalfSlopeBytesPerIteration} B/it); ` +
        `rss ${mib(phase.rss.start)} → ${mib(phase.rss.end)} (max ${mib(phase.rss.max)}, slope ${phase.rss.secondHalfSlopeBytesPerIteration} B/it)`,
    );
  }
  writeResults(OUT, results);
} finally {
  core?.close();
  await engine.destroy();
  rmSync(dataDir, { recursive: true, force: true });
}
