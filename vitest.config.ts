import { defineConfig } from 'vitest/config';

// Two projects: pure logic (fast, parallel) and live-engine tests (serial, one
// Docker and one Podman started by tests/engines for the whole run).
export default defineConfig({
  test: {
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
