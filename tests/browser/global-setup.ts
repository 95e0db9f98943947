// Playwright globalSetup: the private engines the browser tests run on
// (support/engines.ts: Docker 20.10, Docker 26 with the containerd store,
// Podman 5.4), started in parallel, handed to workers through the environment,
// torn down after the run. An engine this machine cannot run is skipped with
// its reason (its tests skip, saying why); one that should run but fails to
// start fails the run. The built renderer (npm run build) must exist: the tests
// serve out/renderer.

import { existsSync } from 'node:fs';
import {
  engineAvailability,
  ensureBaseImage,
  connect,
  reapStaleEngines,
  startEngine,
  type StartedEngine,
} from '../engines/harness';
import { BROWSER_ENGINES, publishEngines, type BrowserEngineName, type EnginesHandOff } from './support/engines';

function log(message: string): void {
  process.stderr.write(`[browser engines] ${message}\n`);
}

async function bringUp(name: BrowserEngineName): Promise<StartedEngine> {
  const engine = await startEngine(name);
  try {
    await ensureBaseImage(connect(engine.host));
    return engine;
  } catch (err) {
    await engine.destroy().catch(() => {});
    throw err;
  }
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync('out/renderer/index.html')) throw new Error('out/renderer is missing: run `npm run build` first');
  const t0 = Date.now();
  await reapStaleEngines();
  const handOff: EnginesHandOff = { started: {}, skipped: {} };
  const wanted = BROWSER_ENGINES.filter((name) => {
    const availability = engineAvailability(name);
    if (!availability.ok) handOff.skipped[name] = availability.reason;
    return availability.ok;
  });
  const results = await Promise.allSettled(wanted.map(bringUp));
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const teardown = async (): Promise<void> => {
    const outcomes = await Promise.allSettled(started.map((e) => e.destroy()));
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
  for (const engine of started) handOff.started[engine.name as BrowserEngineName] = engine.host;
  publishEngines(handOff);
  // The Docker 20.10 engine under its old name too: the Electron test and the screens spec use it.
  if (handOff.started.docker20) process.env.BARNACLE_TEST_DOCKER_HOST = handOff.started.docker20;
  else process.env.BARNACLE_TEST_SKIP_DOCKER = handOff.skipped.docker20 ?? 'docker20 did not start';
  const skipped = Object.entries(handOff.skipped).map(([name, why]) => `${name} skipped: ${why}`);
  log(
    `up in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${started.map((e) => e.name).join(', ') || 'none'}` +
      (skipped.length ? `; ${skipped.join('; ')}` : ''),
  );
  return teardown;
}
