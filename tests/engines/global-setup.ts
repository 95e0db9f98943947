// Vitest globalSetup for the integration project: one private engine of each
// kind in the matrix (tests/engines/matrix.ts) for the whole run, started in
// parallel (start-matrix.ts), torn down at the end.
import type { TestProject } from 'vitest/node';
import { ENGINE_NAMES } from './matrix.js';
import type { EnginesContext } from './provided.js';
import { startMatrix } from './start-matrix.js';

function log(message: string): void {
  process.stderr.write(`[engines] ${message}\n`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const run = await startMatrix(ENGINE_NAMES, log);
  const context: EnginesContext = { started: {}, skipped: run.skipped };
  for (const { engine, baseImageId } of run.started) {
    context.started[engine.name] = { host: engine.host, dir: engine.dir, baseImageId };
  }
  project.provide('engines', context);
  log(run.summary);
  return run.teardown;
}
