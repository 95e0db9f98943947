// A policy's evaluation at scale, in process (no engine: the engine's part is the
// lists every plan reads, measured in bench/inventory.bench.ts): 10,000 images
// (500 repositories of 20 tags, on 50 shared bases), 2,000 containers, and
// 100,000 engine events recorded in the last-used store as the live stream and the
// history backfill deliver them (batches of 1,000). Then:
//   - the store on disk: its size, and opening it (what a CLI run or a restart reads);
//   - a policy (not used for 30 days, keep the 3 most recently used tags per
//     repository, images over a threshold down to a target) planned over the
//     10,000 images: the last uses attached, the rules, the whole plan with its
//     bytes and commands;
//   - beside it, in the same rounds, a plain `prune --all` plan of the same inventory:
//     the rules' own cost is the difference.
// docker has no policies and no last use, so there is no CLI to compare with.
// Run: npx tsx bench/policy-eval.bench.ts   (BENCH_IMAGES, BENCH_EVENTS, BENCH_ROUNDS, BENCH_OUT)

import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineEvent } from '../src-main/inventory/engine-events';
import type { RawContainer, RawImage } from '../src-main/inventory/engine-answers';
import type { ImageLayers } from '../src-main/inventory/layer-facts';
import { LastUsedStore, lastUsedPath } from '../src-main/inventory/last-used-store';
import { recordEvents } from '../src-main/inventory/usage-feed';
import { buildImageSummaries, toContainerSummary } from '../src-main/inventory/relations';
import { planCleanup } from '../src-main/planning/planner';
import { applyPolicyRules } from '../src-main/planning/policy-rules';
import { selectPruneCandidates } from '../src-main/planning/selection';
import { lastUseAtIn } from '../src-main/inventory/last-used-of';
import { policyIntent } from '../src-shared/policy';
import type { EngineInfo } from '../src-shared/model';
import { codeState, machineInfo, measure, summarize, writeResults } from './lib/measure';

const IMAGES = Number(process.env.BENCH_IMAGES ?? 10_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const REPOS = 500;
const BASES = 50;
const CONTAINERS = 2000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1, 12);

const hex = (s: string) => createHash('sha256').update(s).digest('hex');
const imageId = (i: number) => `sha256:${hex(`image ${i}`)}`;
const baseId = (b: number) => `sha256:${hex(`base ${b}`)}`;
const tagOf = (i: number) => `bench/repo-${i % REPOS}:v${Math.floor(i / REPOS)}`;

// Deterministic pseudo-random numbers, so every run measures the same inventory.
let seed = 42;
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;

function inventory() {
  const raw: RawImage[] = [];
  const layers = new Map<string, ImageLayers>();
  for (let b = 0; b < BASES; b++) {
    raw.push({ Id: baseId(b), RepoTags: [`bench/base-${b}:1`], Created: NOW / 1000 - 400 * 86400, Size: 80e6 });
    layers.set(baseId(b), {
      imageId: baseId(b),
      chainIds: [`base-${b}`],
      layerSizes: [80e6],
      exact: true,
      sizeSource: 'history',
    });
  }
  for (let i = 0; i < IMAGES; i++) {
    const b = i % BASES;
    const own = Math.round(1e6 + random() * 50e6);
    raw.push({
      Id: imageId(i),
      ParentId: baseId(b),
      RepoTags: [tagOf(i)],
      Created: Math.floor((NOW - random() * 365 * DAY) / 1000),
      Size: 80e6 + own,
    });
    layers.set(imageId(i), {
      imageId: imageId(i),
      chainIds: [`base-${b}`, `own-${i}`, `cfg-${i}`],
      layerSizes: [80e6, own, 0],
      exact: true,
      sizeSource: 'history',
    });
  }
  const rawContainers: RawContainer[] = [];
  for (let c = 0; c < CONTAINERS; c++) {
    const i = Math.floor(random() * IMAGES);
    rawContainers.push({
      Id: hex(`container ${c}`),
      Names: [`/svc-${c}`],
      Image: tagOf(i),
      ImageID: imageId(i),
      State: c % 3 ? 'exited' : 'running',
      Created: Math.floor((NOW - random() * 90 * DAY) / 1000),
    });
  }
  return { raw, layers, rawContainers };
}

/** Events as engines send them: containers made and started by tag (most since removed), tags and pulls by ID or name. */
function events(rawContainers: RawContainer[]): EngineEvent[] {
  const out: EngineEvent[] = [];
  for (let e = 0; e < EVENTS; e++) {
    const time = Math.round(NOW - (1 - e / EVENTS) * 90 * DAY);
    const i = Math.floor(random() * IMAGES);
    const kind = e % 10;
    if (kind < 6) {
      out.push({
        type: 'container',
        action: kind % 2 ? 'start' : 'create',
        id: hex(`gone ${e}`),
        image: tagOf(i),
        time,
      });
    } else if (kind < 8) {
      const c = rawContainers[Math.floor(random() * rawContainers.length)]!;
      out.push({ type: 'container', action: 'start', id: c.Id, image: c.Image, time });
    } else if (kind === 8) {
      out.push({ type: 'image', action: 'tag', id: imageId(i), name: tagOf(i), time });
    } else {
      out.push({ type: 'image', action: 'pull', id: tagOf(i), name: tagOf(i), time });
    }
  }
  return out;
}

const engine: EngineInfo = {
  kind: 'docker',
  version: '26.1.5',
  apiVersion: '1.45',
  pinnedApiVersion: '1.45',
  imageStore: 'classic',
  os: 'linux',
  arch: 'amd64',
  name: 'bench',
};

async function main() {
  const { raw, layers, rawContainers } = inventory();
  const containers = rawContainers.map(toContainerSummary);
  const images = buildImageSummaries(raw, containers, { includeIntermediate: false, engine });
  const lists = {
    images: new Map(raw.map((r) => [r.Id, r])),
    containers: new Map(rawContainers.map((c) => [c.Id, c])),
  };
  const all = events(rawContainers);

  const dir = mkdtempSync(join(tmpdir(), 'barnacle-policy-bench-'));
  const path = lastUsedPath(dir);
  const key = 'bench-engine';
  try {
    // Recording: the stream's batches, each saved as the app saves after a batch.
    const store = await LastUsedStore.open(path, key, () => NOW);
    const recordStarted = performance.now();
    for (let at = 0; at < all.length; at += 1000) {
      recordEvents(store, all.slice(at, at + 1000), lists, 'event', NOW);
    }
    const recordMs = performance.now() - recordStarted;
    const saveStarted = performance.now();
    await store.save();
    const saveMs = performance.now() - saveStarted;
    const fileBytes = statSync(path).size;

    const open = await measure('open the store (10,000 images)', ROUNDS, () =>
      LastUsedStore.open(path, key, () => NOW),
    );
    const opened = await LastUsedStore.open(path, key, () => NOW);
    // As main plans: a lookup into the store, not copies of the images.
    const lastUseAt = lastUseAtIn(opened);
    const used = images;
    // Images take ~10,000 × 26 MB own + 50 × 80 MB: a threshold that asks for a third back.
    const imagesBytes = [
      ...new Set([...layers.values()].flatMap((l) => l.chainIds.map((c, i) => `${c} ${l.layerSizes[i]}`))),
    ]
      .map((s) => Number(s.split(' ')[1]))
      .reduce((a, b) => a + b, 0);
    const policy = policyIntent({
      name: 'bench',
      rules: {
        unusedFor: '720h',
        keepNewest: { count: 3, by: 'last-used' },
        threshold: {
          measure: 'images-bytes',
          trigger: Math.round(imagesBytes * 0.9),
          target: Math.round(imagesBytes * 0.66),
        },
      },
    });
    const input = { images: used, containers, layers, engine, host: 'unix:///bench.sock', now: NOW, lastUseAt };
    const lookups = await measure('10,000 last-use lookups', ROUNDS, () => used.reduce((n, i) => n + lastUseAt(i), 0));
    const rules = await measure('the rules alone', ROUNDS, () => {
      const { candidates } = selectPruneCandidates(policy, used, new Set(), NOW);
      return applyPolicyRules({
        intent: policy,
        candidates,
        images: used,
        inUse: new Set(containers.map((c) => c.imageId)),
        layers,
        now: NOW,
        lastUseAt,
      });
    });
    // Rotated in the same rounds: the policy's whole plan and a plain prune --all of the same inventory.
    const policySamples: number[] = [];
    const pruneSamples: number[] = [];

    let policyPlan = planCleanup({ ...input, intent: policy });
    const prunePlan = planCleanup({ ...input, intent: { type: 'prune-images', all: true } });
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 ? ['prune', 'policy'] : ['policy', 'prune'];
      for (const which of order) {
        const started = performance.now();
        if (which === 'policy') policyPlan = planCleanup({ ...input, intent: policy });
        else planCleanup({ ...input, intent: { type: 'prune-images', all: true } });
        (which === 'policy' ? policySamples : pruneSamples).push(performance.now() - started);
      }
    }
    const policyRun = summarize('the policy’s whole plan', policySamples);
    const pruneRun = summarize('prune --all, same inventory', pruneSamples);
    const results = {
      measuredAt: new Date().toISOString(),
      code: codeState(),
      machine: machineInfo(),
      images: IMAGES,
      repositories: REPOS,
      containers: CONTAINERS,
      events: EVENTS,
      rounds: ROUNDS,
      store: { images: opened.size, fileBytes, recordMs: Math.round(recordMs), saveMs: Math.round(saveMs) },
      plan: {
        removes: policyPlan.steps.filter((s) => s.action === 'remove-image').length,
        keptByRule: policyPlan.skipped.filter((s) => s.conflict === 'kept-by-rule').length,
        bytesFreed: policyPlan.bytesFreed,
        threshold: policyPlan.threshold,
        pruneRemoves: prunePlan.steps.filter((s) => s.action === 'remove-image').length,
      },
      measurements: [open, lookups, rules, policyRun, pruneRun],
      ratios: { policyVsPrune: +(policyRun.medianMs / pruneRun.medianMs).toFixed(2) },
    };
    console.log(
      JSON.stringify(
        {
          store: results.store,
          plan: { ...results.plan, threshold: undefined },
          medians: results.measurements.map((m) => [m.name, m.medianMs]),
        },
        null,
        1,
      ),
    );
    writeResults(process.env.BENCH_OUT ?? 'bench/results/policy-eval.json', results);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
