import { defineConfig } from '@playwright/test';

// Browser tests drive the built renderer in Debian's Chromium with the preload
// API bound to main's real handler table and a live engine from tests/engines.
// Electron tests run the real app where an Electron binary exists.
export default defineConfig({
  testDir: 'tests',
  testMatch: ['browser/**/*.spec.ts', 'electron/**/*.spec.ts'],
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
});
