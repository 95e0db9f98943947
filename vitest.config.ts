import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Code that keeps data (history, layer facts) writes under the platform's data
// folder unless told otherwise: a test run must never write into the home folder.
const privateDataHome = join(tmpdir(), `barnacle-test-data-${process.pid}`);

// Two projects: pure logic (fast, parallel) and live-engine tests (serial, one
// Docker and one Podman started by tests/engines for the whole run).
export default defineConfig({
  test: {
    env: { XDG_DATA_HOME: privateDataHome },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/engines/global-setup.ts'],
          // Every file shares the same two engines; prunes would race otherwise.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
