// The socket exists but this user may not use it (Linux: not in the docker
// group). Checked for real: the probe runs as `nobody` against a live engine
// whose socket is root's, mode 600.

import { execFile } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { engineAvailability, startEngine, type StartedEngine } from '../engines/harness';

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;
const docker = engineAvailability('docker');

describe.skipIf(!isRoot || !docker.ok)(
  `permission denied${!isRoot ? ' (needs root to switch users)' : !docker.ok ? ` (${(docker as { reason: string }).reason})` : ''}`,
  () => {
    let engine: StartedEngine;
    afterAll(() => engine?.destroy());

    it('names it, says what to do, and nothing crashes', async () => {
      engine = await startEngine('docker');
      chmodSync(engine.dir, 0o711); // others may reach the socket, not list the dir
      chmodSync(engine.socketPath, 0o600);
      const { stdout } = await run(
        'setpriv',
        [
          '--reuid=65534',
          '--regid=65534',
          '--clear-groups',
          process.execPath,
          '--import',
          'tsx',
          'tests/integration/support/probe-health.ts',
          engine.host,
        ],
        { env: { ...process.env, HOME: '/tmp', TSX_TSCONFIG_PATH: 'tsconfig.node.json' } },
      );
      const health = JSON.parse(stdout) as { state: string; message: string };
      expect(health.state).toBe('permission-denied');
      expect(health.message).toMatch(/docker" group/);
      expect(health.message).toContain(engine.host);
    });
  },
);
