// The health a user outside the docker group would see: the engine's socket is
// made root's alone, then a probe connects as `nobody` (root is never refused,
// so the test process itself cannot meet "permission denied").

import { execFile } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { promisify } from 'node:util';
import type { EngineHealth } from '../../../src-shared/model';
import type { StartedEngine } from '../../engines/harness';

const run = promisify(execFile);

export async function healthAsNobody(engine: StartedEngine): Promise<EngineHealth> {
  chmodSync(engine.dir, 0o711); // others may reach the socket, not list the dir
  chmodSync(engine.socketPath, 0o600);
  const probe = ['--import', 'tsx', 'tests/integration/support/probe-health.ts', engine.host];
  const { stdout } = await run(
    'setpriv',
    ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...probe],
    {
      env: { ...process.env, HOME: '/tmp', TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
    },
  );
  return JSON.parse(stdout) as EngineHealth;
}
