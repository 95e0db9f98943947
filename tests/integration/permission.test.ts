// The socket exists but this user may not use it (Linux: not in the docker
// group). Checked for real: the probe runs as `nobody` against a live engine
// whose socket is root's, mode 600.

import { afterAll, describe, expect, it } from 'vitest';
import { engineAvailability, startEngine, type StartedEngine } from '../engines/harness';
import { healthAsNobody } from './support/health-as-nobody';

const isRoot = process.getuid?.() === 0;
const docker = engineAvailability('docker20');

describe.skipIf(!isRoot || !docker.ok)(
  `permission denied${!isRoot ? ' (needs root to switch users)' : !docker.ok ? ` (${(docker as { reason: string }).reason})` : ''}`,
  () => {
    let engine: StartedEngine;
    afterAll(() => engine?.destroy());

    it('names it, says what to do, and nothing crashes', async () => {
      engine = await startEngine('docker20');
      const health = await healthAsNobody(engine);
      if (health.state !== 'permission-denied') throw new Error(`expected permission-denied, got ${health.state}`);
      expect(health.state).toBe('permission-denied');
      expect(health.message).toMatch(/docker" group/);
      expect(health.message).toContain(engine.host);
    });
  },
);
