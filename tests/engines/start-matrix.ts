// Starting several engines of the matrix at once, for the test runners' global
// setups (vitest's integration project, Playwright). An engine this machine
// cannot run is skipped with the reason; one that should run but fails to start
// fails the run (a silent skip would hide it), after the others are torn down.
import { engineAvailability } from './availability.js';
import { startEngine, type StartedEngine } from './engine.js';
import { ensureBaseImage } from './fixtures.js';
import { connect } from './guard.js';
import type { EngineName } from './matrix.js';
import { reapStaleEngines } from './reap.js';

export interface RunningEngine {
  engine: StartedEngine;
  /** Id of barnacle-test/busybox:base there. */
  baseImageId: string;
}

export interface MatrixRun {
  started: RunningEngine[];
  /** Why each engine that was not started was left out. */
  skipped: Partial<Record<EngineName, string>>;
  /** Stops and deletes every started engine; throws if any teardown failed. */
  teardown(): Promise<void>;
  /** One line for the log: what is up, how long it took, what was skipped and why. */
  summary: string;
}

async function bringUp(name: EngineName): Promise<RunningEngine> {
  const engine = await startEngine(name);
  try {
    return { engine, baseImageId: await ensureBaseImage(connect(engine.host)) };
  } catch (err) {
    await engine.destroy().catch(() => {});
    throw err;
  }
}

export async function startMatrix(names: readonly EngineName[], log: (line: string) => void): Promise<MatrixRun> {
  const t0 = Date.now();
  const reaped = await reapStaleEngines();
  if (reaped.length > 0) log(`reaped engines left by an earlier run: ${reaped.join(', ')}`);
  const skipped: MatrixRun['skipped'] = {};
  const wanted = names.filter((name) => {
    const availability = engineAvailability(name);
    if (!availability.ok) skipped[name] = availability.reason;
    return availability.ok;
  });
  const results = await Promise.allSettled(wanted.map(bringUp));
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const teardown = async (): Promise<void> => {
    const t1 = Date.now();
    const outcomes = await Promise.allSettled(started.map((s) => s.engine.destroy()));
    log(
      `stopped ${started.map((s) => s.engine.name).join(' + ') || 'nothing'} in ${((Date.now() - t1) / 1000).toFixed(1)} s`,
    );
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
    if (failures.length > 0) throw new Error(`engine teardown failed:\n${failures.join('\n')}`);
  };
  const failures = results.flatMap((r, i) => (r.status === 'rejected' ? [`${wanted[i]}: ${String(r.reason)}`] : []));
  if (failures.length > 0) {
    await teardown().catch(() => {});
    throw new Error(
      `could not start a test engine (set BARNACLE_SKIP_ENGINES=<name>[,<name>] to skip one):\n${failures.join('\n')}`,
    );
  }
  const left = Object.entries(skipped).map(([name, why]) => `${name} skipped: ${why}`);
  const summary =
    `up in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${started.map((s) => `${s.engine.name} ${s.engine.host}`).join(', ') || 'none'}` +
    (left.length ? `; ${left.join('; ')}` : '');
  return { started, skipped, teardown, summary };
}
