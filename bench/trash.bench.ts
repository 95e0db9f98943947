// The trash's cost: what keeping a copy of images before removing them takes, in
// seconds and bytes per GB of images, measured in one run against what a person
// would type, `docker save IDs | gzip > FILE` (the real docker CLI and gzip), and
// against the engine's export alone (GET /images/get read to nowhere). The images:
// a set sharing one base layer, each with a layer of its own, every layer half
// random bytes (incompressible) and half text (`seq` output, which gzip shrinks
// about fourfold), so the ratio is not that of an all-random or an all-zero image.
// Contenders, each round, in rotated order:
//   - saveImageArchive of all the images in one archive (shared layers once)
//   - saveImageArchive once per image (the executor's one copy per step today)
//   - docker save ID… | gzip > FILE
//   - GET /images/get?names=ID… to /dev/null
// Each Barnacle row includes its fsync and its read-back check of the whole archive.
// Run (as root, a few minutes per engine): npx tsx bench/trash.bench.ts
// BENCH_ENGINES=docker26-classic,docker26-containerd,podman54  BENCH_ROUNDS  BENCH_IMAGES  BENCH_BASE_MB  BENCH_OWN_MB  BENCH_OUT

import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Docker from 'dockerode';
import { saveImageArchive } from '../src-main/trash/image-archive';
import { buildImage, connect, ensureBaseImage, startEngine } from '../tests/engines/harness';
import type { EngineName } from '../tests/engines/matrix';
import { removeEngineDir } from '../tests/engines/proc';
import { codeState, execFileP, machineInfo, summarize, writeResults } from './lib/measure';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const IMAGES = Number(process.env.BENCH_IMAGES ?? 4);
const BASE_MB = Number(process.env.BENCH_BASE_MB ?? 150);
const OWN_MB = Number(process.env.BENCH_OWN_MB ?? 50);
const ENGINES = (process.env.BENCH_ENGINES ?? 'docker26-classic,docker26-containerd,podman54').split(
  ',',
) as EngineName[];
/** Debian's docker.io client, as the integration tests use: the CLI people have. */
const DOCKER_CLI = process.env.BENCH_DOCKER_CLI ?? '/usr/bin/docker';
const MB = 2 ** 20;
const GB = 2 ** 30;

const code = codeState();

/** Half random, half `seq` text: about 8 bytes a line. */
const layerCommand = (file: string, mb: number, seed: number) =>
  `head -c ${Math.round((mb * MB) / 2)} /dev/urandom > /${file}.rand && ` +
  `seq ${seed} ${seed + Math.round((mb * MB) / 2 / 8)} > /${file}.txt`;

async function build(docker: Docker) {
  await ensureBaseImage(docker);
  const base = await buildImage(docker, { tag: 'bench/trash-base:1', runs: [layerCommand('base', BASE_MB, 1)] });
  const ids: string[] = [];
  for (let i = 0; i < IMAGES; i++) {
    ids.push(
      await buildImage(docker, {
        tag: `bench/trash-${i}:1`,
        from: 'bench/trash-base:1',
        runs: [layerCommand(`own${i}`, OWN_MB, (i + 1) * 10_000_000)],
      }),
    );
  }
  const sizeOf = async (id: string) => ((await docker.getImage(id).inspect()) as { Size: number }).Size;
  const baseBytes = await sizeOf(base);
  const sizes = await Promise.all(ids.map(sizeOf));
  return {
    ids,
    // What the engine reports per image, the shared base counted in each (as `docker images` shows).
    listedBytes: sizes.reduce((a, b) => a + b, 0),
    // The same images with the shared base counted once: what they hold on disk, and what
    // one archive (or one `docker save` of all) must carry.
    uniqueBytes: baseBytes + sizes.reduce((a, s) => a + (s - baseBytes), 0),
  };
}

/** `docker save IDs | gzip > file`, the two processes piped as a shell would. */
async function dockerSaveGzip(host: string, ids: string[], file: string): Promise<number> {
  const out = openSync(file, 'w');
  try {
    const save = spawn(DOCKER_CLI, ['save', ...ids], {
      env: { ...process.env, DOCKER_HOST: host },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const gzip = spawn('gzip', ['-c'], { stdio: [save.stdout, out, 'inherit'] });
    const exit = (p: { on(e: 'exit', f: (c: number | null) => void): unknown }) =>
      new Promise<number>((resolve) => p.on('exit', (c) => resolve(c ?? -1)));
    const [a, b] = await Promise.all([exit(save), exit(gzip)]);
    if (a !== 0 || b !== 0) throw new Error(`docker save | gzip exited ${a}, ${b}`);
  } finally {
    closeSync(out);
  }
  return statSync(file).size;
}

/** The engine's export alone: the tar read and dropped; resolves with its bytes. */
async function exportOnly(docker: Docker, ids: string[]): Promise<number> {
  const stream = (await (docker as unknown as { getImages(opts: { names: string[] }): Promise<unknown> }).getImages({
    names: ids,
  })) as Readable;
  let bytes = 0;
  await pipeline(
    stream,
    new Writable({
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done();
      },
    }),
  );
  return bytes;
}

async function benchEngine(name: EngineName) {
  const engine = await startEngine(name);
  const work = mkdtempSync(join(tmpdir(), 'bench-trash-'));
  try {
    const docker = connect(engine.host);
    const version = (await docker.version()) as { Version: string; ApiVersion: string };
    const info = (await docker.info()) as { DriverStatus?: [string, string][]; Driver?: string };
    const setupStarted = Date.now();
    const set = await build(docker);
    const setupS = (Date.now() - setupStarted) / 1000;
    console.log(
      `${name}: ${IMAGES} images, ${(set.listedBytes / MB).toFixed(0)} MiB listed, ${(set.uniqueBytes / MB).toFixed(0)} MiB unique, built in ${setupS.toFixed(0)} s`,
    );
    const { ids } = set;
    const samples: Record<string, number[]> = { oneArchive: [], perImage: [], dockerSave: [], exportOnly: [] };
    const bytes: Record<string, number> = {};
    let n = 0;
    const fresh = () => join(work, `f${n++}.tar.gz`);
    const contenders: [string, () => Promise<number>][] = [
      ['oneArchive', async () => (await saveImageArchive(docker, ids, fresh())).fileBytes],
      [
        'perImage',
        async () => {
          let total = 0;
          for (const id of ids) total += (await saveImageArchive(docker, id, fresh())).fileBytes;
          return total;
        },
      ],
      ['dockerSave', () => dockerSaveGzip(engine.host, ids, fresh())],
      ['exportOnly', () => exportOnly(docker, ids)],
    ];
    // One untimed pass: the engine's first export of a layer may build caches the later ones reuse.
    await exportOnly(docker, ids);
    for (let round = 0; round < ROUNDS; round++) {
      const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
      for (const [key, run] of order) {
        const started = performance.now();
        bytes[key] = await run();
        const took = performance.now() - started;
        samples[key]!.push(took);
        console.log(
          `${name} round ${round + 1}: ${key} ${(took / 1000).toFixed(2)} s, ${(bytes[key] / MB).toFixed(1)} MiB`,
        );
        // Each round writes anew: a file left in the page cache would favour whoever reads it next.
        rmSync(work, { recursive: true, force: true });
        mkdirSync(work);
      }
    }
    const m = {
      oneArchive: summarize(
        `saveImageArchive, all ${IMAGES} images in one archive (gzip, fsync, read back)`,
        samples.oneArchive!,
      ),
      perImage: summarize(`saveImageArchive, one archive per image (${IMAGES} archives)`, samples.perImage!),
      dockerSave: summarize(`docker save ${IMAGES} IDs | gzip > file`, samples.dockerSave!),
      exportOnly: summarize(
        `GET /images/get of the ${IMAGES} IDs, read to nowhere (the engine's export alone)`,
        samples.exportOnly!,
      ),
    };
    const gb = set.uniqueBytes / GB;
    const perGb = (key: keyof typeof m) => ({
      secondsPerGb: +(m[key].medianMs / 1000 / gb).toFixed(2),
      bytesPerGb: Math.round(bytes[key]! / gb),
    });
    return {
      engine: name,
      version: version.Version,
      apiVersion: version.ApiVersion,
      storage: info.Driver ?? null,
      setupSeconds: setupS,
      images: IMAGES,
      listedBytes: set.listedBytes,
      uniqueBytes: set.uniqueBytes,
      measurements: m,
      bytes,
      perGb: {
        oneArchive: perGb('oneArchive'),
        perImage: perGb('perImage'),
        dockerSave: perGb('dockerSave'),
        exportOnly: perGb('exportOnly'),
      },
      ratios: {
        oneArchiveVsDockerSaveTime: +(m.oneArchive.medianMs / m.dockerSave.medianMs).toFixed(3),
        oneArchiveVsDockerSaveBytes: +(bytes.oneArchive! / bytes.dockerSave!).toFixed(3),
        perImageVsDockerSaveTime: +(m.perImage.medianMs / m.dockerSave.medianMs).toFixed(3),
        perImageVsDockerSaveBytes: +(bytes.perImage! / bytes.dockerSave!).toFixed(3),
      },
      loadAverage1m: machineInfo().loadAverage1m,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
    await engine.stop();
    await removeEngineDir(engine.dir);
  }
}

const gzipVersion = (await execFileP('gzip', ['--version'])).stdout.split('\n')[0];
const dockerCli = (await execFileP(DOCKER_CLI, ['--version'])).stdout.trim();
const results = [];
for (const name of ENGINES) results.push(await benchEngine(name));
writeResults(process.env.BENCH_OUT ?? 'bench/results/trash.json', {
  measuredAt: new Date().toISOString(),
  code,
  machine: machineInfo(),
  rounds: ROUNDS,
  images: IMAGES,
  baseMiB: BASE_MB,
  ownMiB: OWN_MB,
  gzip: gzipVersion,
  dockerCli,
  engines: results,
});
process.exit(0);
