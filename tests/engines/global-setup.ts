// Vitest globalSetup for the integration project: one private engine of each
// kind in the matrix (tests/engines/matrix.ts) for the whole run, started in
// parallel, torn down at the end.
// An engine this machine cannot run is skipped with the reason; an engine that
// should run but fails to start fails the run (a silent skip would hide it).
import type { TestProject } from 'vitest/node';
import { engineAvailability } from './availability.js';
import { startEngine, type StartedEngine } from './engine.js';
import { ensureBaseImage } from './fixtures.js';
import { connect } from './guard.js';
import { ENGINE_NAMES, type EngineName } from './matrix.js';
import type { EngineInfo, EnginesContext } from './provided.js';
import { reapStaleEngines } from './reap.js';

function log(message: string): void {
  process.stderr.write(`[engines] ${message}\n`);
}

async function bringUp(name: EngineName): Promise<{ engine: StartedEngine; info: EngineInfo }> {
  const engine = await startEngine(name);
  try {
    const baseImageId = await ensureBaseImage(connect(engine.host));
    return { engine, info: { host: engine.host, dir: engine.dir, baseImageId } };
  } catch (err) {
    await engine.destroy().catch(() => {});
    throw err;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const t0 = Date.now();
  const reaped = await reapStaleEngines();
  if (reaped.length > 0) log(`reaped engines left by an earlier run: ${reaped.join(', ')}`);

  const context: EnginesContext = { started: {}, skipped: {} };
  const wanted = ENGINE_NAMES.filter((name) => {
    const availability = engineAvailability(name);
    if (!availability.ok) context.skipped[name] = availability.reason;
    return availability.ok;
  });
  const results = await Promise.allSettled(wanted.map(bringUp));
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.engine] : []));
  const teardown = async (): Promise<void> => {
    const t1 = Date.now();
    const outcomes = await Promise.allSettled(started.map((e) => e.destroy()));
    log(`stopped ${started.map((e) => e.name).join(' + ') || 'nothing'} in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
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
  for (const r of results) if (r.status === 'fulfilled') context.started[r.value.engine.name] = r.value.info;

  project.provide('engines', context);
  const skipped = Object.entries(context.skipped).map(([k, why]) => `${k} skipped: ${why}`);
  log(
    `up in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${started.map((e) => `${e.name} ${e.host}`).join(', ') || 'none'}` +
      (skipped.length ? `; ${skipped.join('; ')}` : ''),
  );
  return teardown;
}
