// A Playwright fixture: the built renderer served on loopback, in Chromium,
// with window.barnacle bound to a real BarnacleCore (main's handler table) on
// a harness engine: the project's `engine` option (playwright.config.ts) names
// which one. Events main would send reach the page too.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import type Dockerode from 'dockerode';
import { BarnacleCore } from '../../../src-main/core/barnacle-core';
import { createHandlers } from '../../../src-main/ipc/handlers';
import { DEFAULT_CONTEXT_NAME } from '../../../src-main/engine/context-store';
import { discoverEndpoints } from '../../../src-main/engine/discovery';
import type { HandlerTable } from '../../../src-shared/contract';
import { assertHarnessHost, connect } from '../../engines/harness';
import type { EngineName } from '../../engines/matrix';
import { browserEngine, type BrowserEngine } from './engines';
import { bindPreload, type BoundPage } from './preload-stand-in';
import { serveRenderer } from './static-server';
import { turnTrashOff } from '../../fixtures/trash-settings';

export interface AppOptions {
  /** The harness engine this project's tests run on. */
  engine: EngineName;
  /** The home where the core looks for VM disk files; an empty one unless a test gives its own. */
  vmHome: string | null;
  /** This machine's name as the core compares it with the engine's: another one takes the "engine in a VM" path. */
  hostName: string | null;
  /** The trash as a new user has it ('default'), or off for flows about something else (tests/fixtures/trash-settings.ts). */
  trash: 'default' | 'off';
  /** The engine switcher lists the contexts of the test's own docker config folder (Settings' Engines section). */
  contextsInSwitcher: boolean;
}

export interface AppFixtures {
  app: {
    page: Page;
    /** Which engine: name, family ('docker' | 'podman'), image store, host. */
    engine: BrowserEngine;
    core: BarnacleCore;
    docker: Dockerode;
    open: () => Promise<void>;
    /** Pushes an event into the page as main would (for states this root test run cannot reach itself). */
    emit: BoundPage['emit'];
    /**
     * The handler table the page calls, looked up per call: a test may answer a channel itself
     * for states a live engine cannot reach on demand (a damaged trash record, a restored image
     * the engine gave a new ID).
     */
    handlers: HandlerTable;
    /** The core's docker config folder: a temp one per test, never this machine's ~/.docker. */
    dockerConfigDir: string;
  };
}

export const test = base.extend<AppFixtures & AppOptions>({
  engine: ['docker20', { option: true }],
  vmHome: [null, { option: true }],
  hostName: [null, { option: true }],
  trash: ['off', { option: true }],
  contextsInSwitcher: [false, { option: true }],
  app: async ({ page, engine: name, vmHome, hostName, trash, contextsInSwitcher }, use, testInfo) => {
    const engine = browserEngine(name);
    if ('skip' in engine) {
      testInfo.skip(true, engine.skip);
      return;
    }
    const host = engine.host;
    assertHarnessHost(host);
    // A private history per test; exports land in the test's output folder instead of a save dialog.
    const dataDir = mkdtempSync(join(tmpdir(), 'barnacle-browser-'));
    if (trash === 'off') turnTrashOff(dataDir);
    const dockerConfigDir = join(dataDir, 'docker-config');
    // Only the test's own contexts: what this machine's sockets and ~/.docker hold would differ per machine.
    const discover = async () =>
      (
        await discoverEndpoints({
          env: { DOCKER_CONFIG: dockerConfigDir },
          homeDir: join(dataDir, 'home'),
          platform: 'linux',
        })
      ).filter((e) => e.contextName !== undefined && e.contextName !== DEFAULT_CONTEXT_NAME);
    const core = new BarnacleCore(
      { host, label: `Test ${engine.family === 'podman' ? 'Podman' : 'Docker'}`, source: 'env-docker-host' },
      {
        backoffMs: [200],
        // Watched engines that do not answer try again after 2 s, then every 30 s: a steady screen.
        fleet: { backoffMs: [2000, 30_000], connectTimeoutMs: 2000 },
        dataDir,
        dockerConfigDir,
        ...(contextsInSwitcher ? { discover } : {}),
        chooseSavePath: async (name) => testInfo.outputPath(name),
        // Never this machine's own home: what the Overview finds there would differ per machine.
        vmDiskSearch: { home: vmHome ?? join(dataDir, 'home'), platform: 'linux' },
        ...(hostName !== null ? { hostName } : {}),
      },
    );
    await core.start();
    const handlers = createHandlers(core);
    const bound = await bindPreload(page, handlers);
    const unsubscribe = [
      core.inventory.onChange((snapshot) => void bound.emit('inventoryChanged', snapshot).catch(() => undefined)),
      core.session.onHealth((health) => void bound.emit('engineHealth', health).catch(() => undefined)),
      core.onPlanProgress((progress) => void bound.emit('planProgress', progress).catch(() => undefined)),
      core.policies.onChange((statuses) => void bound.emit('policiesChanged', statuses).catch(() => undefined)),
      core.fleet.onChange((overview) => void bound.emit('fleetChanged', overview).catch(() => undefined)),
    ];
    const server = await serveRenderer();
    const open = async () => {
      await page.goto(server.url);
    };
    await use({ page, engine, core, docker: connect(host), open, emit: bound.emit, handlers, dockerConfigDir });
    for (const off of unsubscribe) off();
    core.close();
    await server.close();
    // A layer-facts save may still be renaming its file in: retried until the folder is empty.
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  },
});

export { expect } from '@playwright/test';
