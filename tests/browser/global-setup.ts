// Playwright globalSetup: the private engines the browser tests run on
// (support/engines.ts: Docker 20.10, Docker 26 with the containerd store,
// Podman 5.4), started in parallel, handed to workers through the environment,
// torn down after the run. An engine this machine cannot run is skipped with
// its reason (its tests skip, saying why); one that should run but fails to
// start fails the run. The built renderer (npm run build) must exist: the tests
// serve out/renderer.

import { existsSync } from 'node:fs';
import { startMatrix } from '../engines/start-matrix';
import { BROWSER_ENGINES, publishEngines, type BrowserEngineName, type EnginesHandOff } from './support/engines';

function log(message: string): void {
  process.stderr.write(`[browser engines] ${message}\n`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync('out/renderer/index.html')) throw new Error('out/renderer is missing: run `npm run build` first');
  const run = await startMatrix(BROWSER_ENGINES, log);
  const handOff: EnginesHandOff = { started: {}, skipped: run.skipped };
  for (const { engine } of run.started) handOff.started[engine.name as BrowserEngineName] = engine.host;
  publishEngines(handOff);
  // The Docker 20.10 engine under its old name too: the Electron test and the screens spec use it.
  if (handOff.started.docker20) process.env.BARNACLE_TEST_DOCKER_HOST = handOff.started.docker20;
  else process.env.BARNACLE_TEST_SKIP_DOCKER = handOff.skipped.docker20 ?? 'docker20 did not start';
  log(run.summary);
  return run.teardown;
}
