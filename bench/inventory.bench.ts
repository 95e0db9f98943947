// Inventory and planning on a big host: 1,000 images and 2,000 containers on a
// private Docker engine, side by side in one run with the raw API calls and
// the docker CLI. Run: npx tsx bench/inventory.bench.ts (as root; ~3 min).

import type { RawContainer, RawImage } from '../src-main/inventory/engine-answers';
import { buildImageSummaries, toContainerSummary } from '../src-main/inventory/relations';
import { readLists } from '../src-main/inventory/read-lists';
import { connect as connectEngine } from '../src-main/engine/connection';
import { fetchLayerFacts } from '../src-main/inventory/layer-facts';
import { LayerFactsCache } from '../src-main/inventory/layer-facts-cache';
import { planCleanup } from '../src-main/planning/planner';
import { connect, ensureBaseImage, startEngine } from '../tests/engines/harness';
import { imageArchive } from './lib/image-archive';
import { codeState, execFileP, inParallel, machineInfo, measure, writeResults } from './lib/measure';

const IMAGES = Number(process.env.BENCH_IMAGES ?? 1000);
const CONTAINERS = Number(process.env.BENCH_CONTAINERS ?? 2000);
const RUNS = 10;

// The source as loaded now (it may change on disk while the bench runs).
const code = codeState();
const engine = await startEngine('docker20');
try {
  const docker = connect(engine.host);
  await ensureBaseImage(docker);
  const setupStarted = Date.now();
  const archive = imageArchive(
    Array.from({ length: IMAGES }, (_, i) => ({ tag: `bench/img-${i}:v1`, content: `image ${i}` })),
  );
  const loadStream = await docker.loadImage(archive as unknown as NodeJS.ReadableStream);
  await new Promise((resolve, reject) =>
    docker.modem.followProgress(loadStream, (err) => (err ? reject(err) : resolve(null))),
  );
  await inParallel(
    Array.from({ length: CONTAINERS }, (_, i) => i),
    8,
    async (i) => {
      await docker.createContainer({
        Image: `bench/img-${i % IMAGES}:v1`,
        name: `bench-c-${i}`,
        HostConfig: { NetworkMode: 'none' },
      });
    },
  );
  console.log(
    `setup: ${IMAGES} images, ${CONTAINERS} containers in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`,
  );

  const connection = await connectEngine({ host: engine.host, label: 'bench', source: 'user' });
  const api = connection.docker;
  const env = { ...process.env, DOCKER_HOST: engine.host };

  const raw = await measure('raw API: GET /images/json?all=1 + /containers/json?all=1', RUNS, () =>
    Promise.all([api.listImages({ all: true }), api.listContainers({ all: true })]),
  );
  const ours = await measure('Barnacle inventory (lists + relations)', RUNS, () => readLists(api));
  const [rawImages, rawContainers] = (await Promise.all([
    api.listImages({ all: true }),
    api.listContainers({ all: true }),
  ])) as unknown as [RawImage[], RawContainer[]];
  const relationsOnly = await measure('relations alone (pure, on the answers above)', RUNS, () => {
    const containers = rawContainers.map(toContainerSummary);
    buildImageSummaries(rawImages, containers, {
      includeIntermediate: false,
      engine: { kind: 'docker', imageStore: 'classic' },
    });
  });
  const cli = await measure('docker images -a + docker ps -a (CLI)', RUNS, async () => {
    await execFileP('docker', ['images', '-a'], { env, maxBuffer: 64 << 20 });
    await execFileP('docker', ['ps', '-a'], { env, maxBuffer: 64 << 20 });
  });

  const lists = await readLists(api, { containerSizes: true });
  const cache = new LayerFactsCache();
  const layerFactsCold = Date.now();
  const layers = await fetchLayerFacts(
    api,
    lists.images.map((i) => i.id),
    { cache },
  );
  const layerFactsMs = Date.now() - layerFactsCold;
  const planInput = {
    images: lists.images,
    containers: lists.containers,
    layers,
    engine: connection.engine,
    host: engine.host,
    now: Date.now(),
  };
  const planPrune = await measure(`plan: prune all unused (${IMAGES} images / ${CONTAINERS} containers)`, RUNS, () =>
    planCleanup({ ...planInput, intent: { type: 'prune-images', all: true } }),
  );
  const refs = lists.images.slice(0, 200).map((i) => i.tags[0] ?? i.id);
  const planRemove = await measure('plan: remove 200 selected images (with container fixes)', RUNS, () =>
    planCleanup({
      ...planInput,
      intent: { type: 'remove-images', refs, choices: { stoppedContainer: 'remove-containers' } },
    }),
  );

  const results = {
    bench: 'inventory',
    machine: machineInfo(),
    code,
    engine: `${connection.engine.kind} ${connection.engine.version} (API ${connection.engine.pinnedApiVersion})`,
    images: IMAGES,
    containers: CONTAINERS,
    measurements: [raw, ours, relationsOnly, cli, planPrune, planRemove],
    layerFactsColdMs: layerFactsMs,
    ratios: {
      inventoryVsRawApi: +(ours.medianMs / raw.medianMs).toFixed(2),
      inventoryVsCli: +(ours.medianMs / cli.medianMs).toFixed(2),
      inventoryOverheadMs: +(ours.medianMs - raw.medianMs).toFixed(1),
    },
    measuredAt: new Date().toISOString(),
  };
  console.table(results.measurements.map(({ samplesMs: _s, ...m }) => m));
  console.log(results.ratios, `layer facts (cold, ${IMAGES} images): ${layerFactsMs} ms`);
  writeResults('bench/results/inventory.json', results);
} finally {
  await engine.destroy();
}
