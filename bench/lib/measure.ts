// Small timing helpers shared by the benches: repeat, take the median, keep
// the raw samples so BENCHMARKS.md can show spread.

import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

export const execFileP = promisify(execFile);

export interface Measurement {
  name: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  samplesMs: number[];
}

export async function measure(
  name: string,
  runs: number,
  work: () => Promise<unknown> | unknown,
): Promise<Measurement> {
  await work(); // warm-up: connection set-up and JIT are not what we compare
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    name,
    runs,
    medianMs: round(sorted[Math.floor(sorted.length / 2)]!),
    minMs: round(sorted[0]!),
    maxMs: round(sorted[sorted.length - 1]!),
    samplesMs: samples.map(round),
  };
}

/** Median/min/max of samples taken by the bench itself (when each run needs its own set-up). */
export function summarize(name: string, samples: number[]): Measurement {
  if (samples.length === 0) throw new Error(`${name}: no samples`);
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    name,
    runs: samples.length,
    medianMs: round(sorted[Math.floor(sorted.length / 2)]!),
    minMs: round(sorted[0]!),
    maxMs: round(sorted[sorted.length - 1]!),
    samplesMs: samples.map(round),
  };
}

/** The machine a result was measured on; load average shows whether others were busy on it. */
export function machineInfo() {
  const cpuList = cpus();
  return {
    cores: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    memoryBytes: totalmem(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage1m: +loadavg()[0]!.toFixed(2),
  };
}

/** Which code was measured: the commit, and the app's source files changed on top of it. */
export function codeState(): { commit: string; uncommitted: string[] } | null {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' });
    // Not trimmed before splitting: each porcelain line starts with its two status columns,
    // and a trimmed " M src-main/…" lost a character of its path ("rc-main/…").
    const sources = ['src-main', 'src-shared', 'src-renderer', 'src-preload', 'bin'];
    const uncommitted = git('status', '--porcelain', '--', ...sources)
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));
    return { commit: git('rev-parse', '--short', 'HEAD').trim(), uncommitted };
  } catch {
    return null;
  }
}

export function writeResults(path: string, results: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
  console.log(`wrote ${path}`);
}

/** Runs `work` over items with at most `limit` in flight. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
