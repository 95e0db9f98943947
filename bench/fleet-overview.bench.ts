// The fleet overview (issue 14): three engines of 1,000 images each — Docker 26
// with the classic store, Docker 26 with the containerd image store (whose image
// list is far the slowest), and Podman 5.4 — read side by side as `barnacle fleet
// df` and the app read them (src-main/fleet/fleet-read.ts: each engine its own
// bounded connection, its lists, its overview line; disk usage left to later),
// against each engine's own inventory read alone and the raw list calls of all
// three at once. Contenders rotate within each round, in one run.
// Run (as root, ~10 min): npx tsx bench/fleet-overview.bench.ts
// BENCH_ENGINES  BENCH_IMAGES  BENCH_CONTAINERS  BENCH_ROUNDS  BENCH_OUT

import { loadavg } from 'node:os';
import { connect as connectEngine, type EngineConnection } from '../src-main/engine/connection';
import { readFleetOverview } from '../src-main/fleet/fleet-read';
import { readLists } from '../src-main/inventory/read-lists';
import type { Endpoint } from '../src-shared/model';
import { connect, ensureBaseImage, startEngine, type StartedEngine } from '../tests/engines/harness';
import type { EngineName } from '../tests/engines/matrix';
import { createBenchContainers, loadBenchImages } from './lib/bench-images';
import { codeState, machineInfo, summarize, writeResults } from './lib/measure';

const IMAGES = Number(process.env.BENCH_IMAGES ?? 1000);
const CONTAINERS = Number(process.env.BENCH_CONTAINERS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ENGINES = (process.env.BENCH_ENGINES ?? 'docker26-classic,docker26-containerd,podman54').split(
  ',',
) as EngineName[];

/** The same images on every engine (bench-images.ts), containers on the first CONTAINERS of them. */
async function populate(host: string): Promise<number> {
  const started = Date.now();
  const docker = connect(host);
  await ensureBaseImage(docker);
  await loadBenchImages(docker, IMAGES);
  await createBenchContainers(docker, CONTAINERS, (i) => i);
  return (Date.now() - started) / 1000;
}

async function main() {
  const started: { name: EngineName; engine: StartedEngine; setupS: number }[] = [];
  try {
    for (const name of ENGINES) {
      const engine = await startEngine(name);
      started.push({ name, engine, setupS: 0 });
    }
    // Filled one after the other: on 2 cores, three loads at once would only time each other.
    for (const s of started) {
      s.setupS = await populate(s.engine.host);
      console.log(`${s.name}: ${IMAGES} images, ${CONTAINERS} containers in ${s.setupS.toFixed(1)} s`);
    }
    const endpoints: Endpoint[] = started.map((s) => ({
      host: s.engine.host,
      label: s.name,
      source: 'user',
      contextName: s.name,
    }));
    const connections: EngineConnection[] = await Promise.all(endpoints.map((e) => connectEngine(e)));
    const contenders: [string, () => Promise<unknown>][] = [
      ...connections.map((c, i): [string, () => Promise<unknown>] => [
        `single:${started[i]!.name}`,
        () => readLists(c.docker, { engine: c.engine }),
      ]),
      [
        'raw',
        () =>
          Promise.all(
            connections.flatMap((c) => [c.docker.listImages({ all: true }), c.docker.listContainers({ all: true })]),
          ),
      ],
      ['fleet', () => readFleetOverview(endpoints, { history: [], now: Date.now, usageWaitMs: 0 })],
    ];
    const samples = new Map<string, number[]>(contenders.map(([name]) => [name, []]));
    for (const [, work] of contenders) await work(); // warm-up
    for (let r = 0; r < ROUNDS; r++) {
      const order = contenders.map((_, i) => contenders[(i + r) % contenders.length]!);
      for (const [name, work] of order) {
        const t0 = performance.now();
        await work();
        samples.get(name)!.push(performance.now() - t0);
        console.log(`round ${r + 1}: ${name} ${(performance.now() - t0).toFixed(0)} ms`);
      }
    }
    const label: Record<string, string> = {
      raw: 'raw API: both lists of all three engines at once',
      fleet: 'Barnacle fleet overview (connect, lists, lines, totals)',
    };
    const measurements = contenders.map(([name]) =>
      summarize(label[name] ?? `${name.slice('single:'.length)} alone: Barnacle inventory read`, samples.get(name)!),
    );
    const singles = measurements.slice(0, connections.length);
    const slowest = singles.reduce((a, b) => (b.medianMs > a.medianMs ? b : a));
    const fleet = measurements.at(-1)!;
    const raw = measurements.at(-2)!;
    const overview = await readFleetOverview(endpoints, { history: [], now: Date.now, usageWaitMs: 0 });
    const results = {
      measuredAt: new Date().toISOString(),
      code: codeState(),
      machine: { ...machineInfo(), loadAverage1m: +loadavg()[0]!.toFixed(2) },
      images: IMAGES,
      containers: CONTAINERS,
      rounds: ROUNDS,
      engines: started.map((s, i) => ({
        name: s.name,
        engine: `${connections[i]!.engine.kind} ${connections[i]!.engine.version}`,
        store: connections[i]!.engine.imageStore,
        setupS: +s.setupS.toFixed(1),
        listed: overview.engines[i]!.lists,
      })),
      measurements,
      ratios: {
        fleetVsSlowestSingle: +(fleet.medianMs / slowest.medianMs).toFixed(2),
        fleetVsRaw: +(fleet.medianMs / raw.medianMs).toFixed(2),
        slowest: slowest.name,
      },
    };
    console.log(
      JSON.stringify({ ratios: results.ratios, medians: measurements.map((m) => [m.name, m.medianMs]) }, null, 1),
    );
    writeResults(process.env.BENCH_OUT ?? 'bench/results/fleet-overview.json', results);
  } finally {
    await Promise.all(started.map((s) => s.engine.destroy()));
  }
}

await main();
