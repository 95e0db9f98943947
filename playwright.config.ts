import { defineConfig } from '@playwright/test';
import type { AppOptions } from './tests/browser/support/app-fixture';
import { FLOW_SPECS } from './tests/browser/support/engines';

// Browser tests drive the built renderer in Debian's Chromium with the preload
// API bound to main's real handler table and a live engine from tests/engines.
// The flow specs run once per engine (one project each); the screens, the
// permission guide and the Electron test (which runs the real app where an
// Electron binary exists) run on Docker 20.10 only. global-setup starts the
// engines; one this machine cannot run is skipped, its tests saying why.
// Projects run one after another (workers: 1): the engines share 2 cores.
export default defineConfig<AppOptions>({
  testDir: 'tests',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  timeout: 120_000,
  globalSetup: './tests/browser/global-setup.ts',
  reporter: [['list'], ['json']],
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // This machine has no network: background fetches only fail noisily.
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    {
      name: 'docker20',
      testMatch: ['browser/**/*.spec.ts', 'electron/**/*.spec.ts'],
      use: { engine: 'docker20' },
    },
    { name: 'docker26-containerd', testMatch: FLOW_SPECS, use: { engine: 'docker26-containerd' } },
    { name: 'podman54', testMatch: FLOW_SPECS, use: { engine: 'podman54' } },
  ],
});
