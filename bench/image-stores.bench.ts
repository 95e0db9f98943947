// Docker's two image stores side by side: the same 1,000 images (half alone,
// half on ten shared base layers) and 2,000 containers using 600 of them, on
// Docker 26 with the containerd image store and with the classic store, each
// measured in one run against the engine's own two list calls:
//   - Barnacle's inventory read vs GET /images/json?all=1 + /containers/json?all=1
//   - `barnacle plan prune --all` as a whole CLI process, with an empty layer facts
//     cache (cold) and with the facts its previous run saved (warm)
//   - the app running (BarnacleCore following events): the engine calls, and the
//     time until the inventory shows it, after one image is removed by another client
// Contenders alternate within each round, so a busy moment hits them alike.
// Run (as root, ~10 min): npx tsx bench/image-stores.bench.ts
// BENCH_ENGINES=docker26-containerd,docker26-classic  BENCH_IMAGES  BENCH_CONTAINERS  BENCH_ROUNDS

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BarnacleCore } from '../src-main/core/barnacle-core';
import { connect as connectEngine } from '../src-main/engine/connection';
import { readLists } from '../src-main/inventory/read-lists';
import { LayerFactsCache } from '../src-main/inventory/layer-facts-cache';
import { buildPlan } from '../src-main/planning/plan-service';
import { connect, ensureBaseImage, startEngine } from '../tests/engines/harness';
import type { EngineName } from '../tests/engines/matrix';
import { removeEngineDir } from '../tests/engines/proc';
import { createBenchContainers, loadBenchImages } from './lib/bench-images';
import { codeState, execFileP, machineInfo, summarize, writeResults } from './lib/measure';

const IMAGES = Number(process.env.BENCH_IMAGES ?? 1000);
const CONTAINERS = Number(process.env.BENCH_CONTAINERS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REMOVALS = 5;
/** Images the containers use: the rest are what `prune --all` removes. */
const IN_USE = Math.round(IMAGES * 0.6);
const ENGINES = (process.env.BENCH_ENGINES ?? 'docker26-containerd,docker26-classic').split(',') as EngineName[];
const BIN = fileURLToPath(new URL('../bin/barnacle.mjs', import.meta.url));

const code = codeState();
const ms = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

interface Call {
  method: string;
  path: string;
  options?: Record<string, unknown>;
}

async function populate(host: string) {
  const docker = connect(host);
  await ensureBaseImage(docker);
  await loadBenchImages(docker, IMAGES + REMOVALS);
  await createBenchContainers(docker, CONTAINERS, (i) => i % IN_USE);
  return docker;
}

async function benchEngine(name: EngineName) {
  const engine = await startEngine(name);
  try {
    const setupStarted = Date.now();
    const docker = await populate(engine.host);
    const setupS = (Date.now() - setupStarted) / 1000;
    console.log(`${name}: ${IMAGES} images, ${CONTAINERS} containers in ${setupS.toFixed(1)} s`);
    const connection = await connectEngine({ host: engine.host, label: 'bench', source: 'user' });
    const api = connection.docker;
    const env = { ...process.env, DOCKER_HOST: engine.host };
    const cliEnv = (dataHome: string) => ({
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dataHome,
      XDG_DATA_HOME: dataHome,
      DOCKER_HOST: engine.host,
    });
    const warmHome = mkdtempSync(join(tmpdir(), 'bench-warm-'));
    const planCli = (home: string) =>
      execFileP(process.execPath, [BIN, 'plan', 'prune', '--all', '--json'], {
        env: cliEnv(home),
        maxBuffer: 256 << 20,
      });
    // The bundle is built once, before anything is timed; the warm cache is filled once.
    const first = JSON.parse((await planCli(warmHome)).stdout) as {
      steps: unknown[];
      bytesFreed: number;
      exact: boolean;
    };
    const planned = { steps: first.steps.length, bytesFreed: first.bytesFreed, exact: first.exact };

    const samples: Record<string, number[]> = {
      raw: [],
      inventory: [],
      dockerCli: [],
      planCold: [],
      planWarm: [],
      planInProcess: [],
      nodeStart: [],
    };
    // The same plan inside a running process (the app, or a CLI past Node's start), facts known.
    const inProcessCache = new LayerFactsCache();
    await buildPlan(connection, { type: 'prune-images', all: true }, { layerCache: inProcessCache });
    const contenders: [keyof typeof samples, () => Promise<unknown>][] = [
      ['raw', () => Promise.all([api.listImages({ all: true }), api.listContainers({ all: true })])],
      ['inventory', () => readLists(api, { engine: connection.engine })],
      [
        'dockerCli',
        async () => {
          await execFileP('docker', ['images', '-a'], { env, maxBuffer: 64 << 20 });
          await execFileP('docker', ['ps', '-a'], { env, maxBuffer: 64 << 20 });
        },
      ],
      [
        'planCold',
        async () => {
          const home = mkdtempSync(join(tmpdir(), 'bench-cold-'));
          try {
            await planCli(home);
          } finally {
            rmSync(home, { recursive: true, force: true });
          }
        },
      ],
      ['planWarm', () => planCli(warmHome)],
      ['nodeStart', () => execFileP(process.execPath, ['-e', '0'])],
      [
        'planInProcess',
        () => buildPlan(connection, { type: 'prune-images', all: true }, { layerCache: inProcessCache }),
      ],
    ];
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate who goes first each round.
      const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
      for (const [key, work] of order) {
        const took = await ms(work);
        samples[key]!.push(took);
        console.log(`${name} round ${round + 1}: ${key} ${(took / 1000).toFixed(2)} s`);
      }
    }
    rmSync(warmHome, { recursive: true, force: true });

    // The app running: one image removed by another client, REMOVALS times.
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-app-'));
    const core = new BarnacleCore({ host: engine.host, label: 'bench', source: 'user' }, { dataDir });
    await core.start();
    while (!(core.inventory.following && core.inventory.snapshot)) await new Promise((r) => setTimeout(r, 50));
    await core.inventory.readSpaceFigures();
    const live = core.session.current()!;
    const modem = live.docker.modem as unknown as { dial: (opts: Call, cb: unknown) => unknown };
    const dial = modem.dial.bind(modem);
    const afterRemoval: { calls: Call[]; callMs: number; removeMs: number; visibleMs: number }[] = [];
    for (let i = 0; i < REMOVALS; i++) {
      const tag = `bench/img-${IMAGES + i}:v1`;
      const id = ((await docker.getImage(tag).inspect()) as { Id: string }).Id;
      const calls: Call[] = [];
      let callMs = 0;
      modem.dial = (opts, cb) => {
        calls.push({ method: opts.method, path: opts.path, ...(opts.options ? { options: opts.options } : {}) });
        const started = performance.now();
        return dial(opts, (err: unknown, data: unknown) => {
          callMs += performance.now() - started;
          (cb as (e: unknown, d: unknown) => void)(err, data);
        });
      };
      const started = performance.now();
      await docker.getImage(id).remove();
      const removeMs = performance.now() - started;
      while (core.inventory.snapshot!.images.some((img) => img.id === id)) await new Promise((r) => setTimeout(r, 5));
      const visibleMs = performance.now() - started;
      // Anything the batch still reads after the snapshot changed.
      await new Promise((r) => setTimeout(r, 1000));
      modem.dial = dial;
      afterRemoval.push({ calls, callMs, removeMs, visibleMs });
    }
    core.close();
    rmSync(dataDir, { recursive: true, force: true });

    const one = async (label: string, work: () => Promise<unknown>) => {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) runs.push(await ms(work));
      return { label, medianMs: [...runs].sort((a, b) => a - b)[1]! };
    };
    const ids = ((await api.listImages()) as { Id: string }[]).slice(0, 1).map((i) => i.Id);
    const perCall = [
      await one('GET /system/df', () => api.df()),
      await one('GET /images/{id}/json', () => api.getImage(ids[0]!).inspect()),
      await one('GET /images/{id}/history', () => api.getImage(ids[0]!).history()),
    ];

    return {
      engine: name,
      version: connection.engine.version,
      apiVersion: connection.engine.apiVersion,
      imageStore: connection.engine.imageStore,
      setupSeconds: setupS,
      measurements: {
        raw: summarize('raw API: GET /images/json?all=1 + /containers/json?all=1 (in parallel)', samples.raw!),
        inventory: summarize('Barnacle inventory read (both lists + relations)', samples.inventory!),
        dockerCli: summarize('docker images -a + docker ps -a (CLI)', samples.dockerCli!),
        planCold: summarize('barnacle plan prune --all, whole process, empty layer facts cache', samples.planCold!),
        planWarm: summarize('barnacle plan prune --all, whole process, facts saved by its last run', samples.planWarm!),
        nodeStart: summarize('node -e 0 (what any Node CLI pays before its first line)', samples.nodeStart!),
        planInProcess: summarize(
          'the same plan in a running process (no Node start), facts known',
          samples.planInProcess!,
        ),
      },
      planned,
      afterRemoval,
      perCall,
      loadAverage1m: machineInfo().loadAverage1m,
    };
  } finally {
    // Its containers were never started (no shims): stopping and deleting the folder is the
    // whole clean-up, where the API would take minutes to remove 2,000 containers one by one.
    await engine.stop();
    await removeEngineDir(engine.dir);
  }
}

const results = [];
for (const name of ENGINES) results.push(await benchEngine(name));
writeResults(process.env.BENCH_OUT ?? 'bench/results/image-stores.json', {
  measuredAt: new Date().toISOString(),
  code,
  machine: machineInfo(),
  images: IMAGES,
  containers: CONTAINERS,
  inUse: IN_USE,
  rounds: ROUNDS,
  engines: results,
});
process.exit(0);
