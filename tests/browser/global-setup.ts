// Playwright globalSetup: one private Docker engine for the browser tests,
// handed to workers through the environment, torn down after the run. The
// built renderer (npm run build) must exist: the tests serve out/renderer.

import { existsSync } from 'node:fs';
import { engineAvailability, ensureBaseImage, connect, reapStaleEngines, startEngine } from '../engines/harness';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync('out/renderer/index.html')) throw new Error('out/renderer is missing: run `npm run build` first');
  await reapStaleEngines();
  const availability = engineAvailability('docker20');
  if (!availability.ok) {
    process.env.BARNACLE_TEST_SKIP_DOCKER = availability.reason;
    return async () => {};
  }
  const engine = await startEngine('docker20');
  await ensureBaseImage(connect(engine.host));
  process.env.BARNACLE_TEST_DOCKER_HOST = engine.host;
  return () => engine.destroy();
}
