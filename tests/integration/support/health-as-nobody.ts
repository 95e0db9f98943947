// The health a user outside the docker group would see: the engine's socket is
// made root's alone, then a probe connects as `nobody` (root is never refused,
// so the test process itself cannot meet "permission denied").
//
// `nobody` must not need anything from the checkout, which may live where only
// root can enter (a mode-0700 temporary folder, someone's home): the probe is
// bundled by esbuild into one file in a world-readable folder under /tmp (where
// the harness also puts the engines), run from there with a minimal
// environment (no NODE_OPTIONS loaders from the checkout, $HOME in that
// folder), and the folder is removed afterwards.

import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { EngineHealth } from '../../../src-shared/model';
import type { StartedEngine } from '../../engines/harness';

const run = promisify(execFile);
const NOBODY = 65534;
const PROBE_SOURCE = fileURLToPath(new URL('./probe-health.ts', import.meta.url));

/** Bundles the probe into `dir`/probe-health.cjs, readable by everyone. */
export async function bundleProbe(dir: string): Promise<string> {
  const outfile = join(dir, 'probe-health.cjs');
  await build({
    entryPoints: [PROBE_SOURCE],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
    // Native add-ons serve only ssh:// hosts (ssh2 loads them in try/catch and
    // falls back to JavaScript); the probe talks to a unix socket.
    external: ['*.node', 'cpu-features'],
  });
  chmodSync(outfile, 0o644);
  return outfile;
}

export async function healthAsNobody(engine: StartedEngine): Promise<EngineHealth> {
  chmodSync(engine.dir, 0o711); // others may reach the socket, not list the dir
  chmodSync(engine.socketPath, 0o600);
  const dir = mkdtempSync('/tmp/barnacle-probe-');
  try {
    chmodSync(dir, 0o755);
    const probe = await bundleProbe(dir);
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8' };
    const { stdout } = await run(
      'setpriv',
      [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, probe, engine.host],
      { cwd: dir, env },
    ).catch((err: Error & { stderr?: string }) => {
      throw new Error(`probe as nobody failed: ${err.stderr?.trim() || err.message}`);
    });
    return JSON.parse(stdout) as EngineHealth;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
