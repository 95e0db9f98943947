// The Electron shell: app lifecycle, the window, IPC registration. Everything it
// calls is plain TypeScript elsewhere in src-main, testable without Electron.

import { app, type BrowserWindow } from 'electron';
import { BarnacleCore } from '../core/barnacle-core';
import { discoverEndpoints } from '../engine/discovery';
import { resolveEndpoint } from '../engine/endpoint-resolution';
import { platformDefaultHost } from '../engine/host-address';
import type { Endpoint } from '../../src-shared/model';
import { createHandlers } from '../ipc/handlers';
import { trustedOrigins } from '../security/window-policy';
import { registerHandlers, sendEvent } from './ipc-bridge';
import {
  appPaths,
  applySessionPolicy,
  createSecureWindow,
  registerAppScheme,
  serveRenderer,
} from './secure-window';

const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
    }
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  applySessionPolicy();
  serveRenderer(appPaths.renderer());

  const env = { ...process.env };
  const platform = process.platform;
  const homeDir = app.getPath('home');
  const core = new BarnacleCore(startingEndpoint(env, homeDir, platform), {
    discover: () => discoverEndpoints({ env, homeDir, platform }),
  });
  registerHandlers(createHandlers(core), trustedOrigins(devServerUrl));

  mainWindow = createSecureWindow(appPaths.preload(), devServerUrl);
  const contents = mainWindow.webContents;
  core.session.onHealth((health) => sendEvent(contents, 'engineHealth', health));
  core.inventory.onChange((snapshot) => sendEvent(contents, 'inventoryChanged', snapshot));
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void core.start();

  app.on('window-all-closed', () => {
    core.close();
    app.quit();
  });
}

/** The docker CLI's choice; a broken context falls back to the platform default, which the switcher can change. */
function startingEndpoint(env: NodeJS.ProcessEnv, homeDir: string, platform: NodeJS.Platform): Endpoint {
  try {
    return resolveEndpoint({ env, homeDir, platform });
  } catch (err) {
    console.warn(`Barnacle: ${(err as Error).message}; using the platform default`);
    return { host: platformDefaultHost(platform), label: 'default', source: 'default' };
  }
}
