// Cleans up after runs that died without their teardown (Ctrl-C twice, a killed
// vitest). Engines run in their own sessions, so they outlive their owner; this
// stops them by the pids their marker recorded, nothing else.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { attachEngine, ping } from './engine.js';
import { readMarker } from './guard.js';
import { isEngineName } from './matrix.js';
import { isAlive } from './proc.js';

export const TMP_PREFIX = 'bnh-';

/** Stops and deletes the engine in `dir`, whatever state it was left in. */
export async function reapEngineDir(dir: string): Promise<void> {
  // Markers written before the matrix named the engine by its family.
  const recorded = readMarker(dir)?.kind;
  const name = recorded === 'docker' ? 'docker20' : recorded === 'podman' ? 'podman43' : recorded;
  if (!isEngineName(name)) throw new Error(`${dir} is not a harness engine dir`);
  const engine = attachEngine(name, dir);
  if (!(await ping(engine.socketPath))) {
    // Containers outlive a killed engine (containerd shims, podman's conmon). A
    // fresh engine on the same dir adopts them, so destroy() can remove them
    // through the API; if it cannot start, delete what we can anyway.
    await engine.stop();
    await engine.start().catch(() => {});
  }
  await engine.destroy();
}

/** Reaps every /tmp/bnh-* engine whose owning process is gone. Returns the dirs reaped. */
export async function reapStaleEngines(parent = '/tmp'): Promise<string[]> {
  const reaped: string[] = [];
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(TMP_PREFIX)) continue;
    const dir = join(parent, name);
    const marker = readMarker(dir);
    if (!marker || isAlive(marker.owner)) continue;
    await reapEngineDir(dir);
    reaped.push(dir);
  }
  return reaped;
}
