// How long `barnacle ls` keeps a person waiting on a small engine, side by side in
// one run with `docker images` (the Go CLI it is compared with) and with Node's
// own start, each as a whole process: 5 images on a private Docker engine, the
// contenders' order rotated each round so a busy moment hits them alike.
// Run (as root, ~1 min): npx tsx bench/cli-start.bench.ts   BENCH_ROUNDS (20)  BENCH_OUT

import { fileURLToPath } from 'node:url';
import { buildImage, connect, ensureBaseImage, startEngine } from '../tests/engines/harness';
import { removeEngineDir } from '../tests/engines/proc';
import { codeState, execFileP, machineInfo, summarize, writeResults } from './lib/measure';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const BIN = fileURLToPath(new URL('../bin/barnacle.mjs', import.meta.url));

const code = codeState();
const engine = await startEngine('docker20');
try {
  const docker = connect(engine.host);
  await ensureBaseImage(docker);
  for (let i = 0; i < 4; i++) await buildImage(docker, { tag: `bench/small-${i}:v1`, files: { [`/f${i}`]: `${i}` } });
  const images = ((await docker.listImages()) as unknown[]).length;
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    DOCKER_HOST: engine.host,
  };
  const contenders: [string, () => Promise<unknown>][] = [
    ['docker images', () => execFileP('docker', ['images'], { env })],
    ['barnacle ls', () => execFileP(process.execPath, [BIN, 'ls'], { env })],
    ['node -e 0', () => execFileP(process.execPath, ['-e', '0'], { env })],
  ];
  // The bundle is built (once per source tree) before anything is timed.
  for (const [, work] of contenders) await work();
  const samples = new Map(contenders.map(([name]) => [name, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < contenders.length; i++) {
      const [name, work] = contenders[(i + round) % contenders.length]!;
      const started = performance.now();
      await work();
      samples.get(name)!.push(performance.now() - started);
    }
  }
  const [dockerImages, barnacleLs, nodeStart] = contenders.map(([name]) => summarize(name, samples.get(name)!));
  writeResults(process.env.BENCH_OUT ?? 'bench/results/cli-start.json', {
    measuredAt: new Date().toISOString(),
    code,
    machine: machineInfo(),
    engine: 'docker20',
    images,
    rounds: ROUNDS,
    measurements: { dockerImages, barnacleLs, nodeStart },
    ratio: barnacleLs!.medianMs / dockerImages!.medianMs,
  });
  console.log(
    `barnacle ls ${barnacleLs!.medianMs} ms, docker images ${dockerImages!.medianMs} ms, node ${nodeStart!.medianMs} ms`,
  );
} finally {
  await engine.stop();
  await removeEngineDir(engine.dir);
}
process.exit(0);
