// The Electron shell: app lifecycle, the window, IPC registration. Everything it
// calls is plain TypeScript elsewhere in src-main, testable without Electron.

import { app, dialog, Notification, type BrowserWindow } from 'electron';
import type { ReviewScreen } from '../../src-shared/contract';
import type { Plan } from '../../src-shared/plan';
import { policyNotice } from '../policies/policy-notice';
import { BarnacleCore } from '../core/barnacle-core';
import { discoverEndpoints } from '../engine/discovery';
import { dockerConfigDir } from '../engine/context-store';
import { resolveEndpoint } from '../engine/endpoint-resolution';
import { platformDefaultHost } from '../engine/host-address';
import type { Endpoint } from '../../src-shared/model';
import { createHandlers } from '../ipc/handlers';
import { trustedOrigins } from '../security/window-policy';
import { registerHandlers, sendEvent } from './ipc-bridge';
import { appPaths, applySessionPolicy, createSecureWindow, registerAppScheme, serveRenderer } from './secure-window';
import { installTray } from './tray';
import { defaultDataDir } from '../history/history-store';
import { confirmationText } from '../core/main-confirmation';
import { trayLocaleFor } from '../tray/tray-labels';
import { inBackground } from '../runtime/background';

const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', showMainWindow);
  // Nothing runs without start(): when it fails, say so and leave, rather than sit windowless.
  inBackground(app.whenReady().then(start), 'starting Barnacle', (err) => {
    dialog.showErrorBox('Barnacle could not start', err instanceof Error ? err.message : String(err));
    app.quit();
  });
  // A last net for anything lint could not see (a library's own promises).
  process.on('unhandledRejection', (reason) => console.error('Barnacle: unhandled rejection:', reason));
}

async function start(): Promise<void> {
  applySessionPolicy();
  serveRenderer(appPaths.renderer());

  const env = { ...process.env };
  const platform = process.platform;
  const homeDir = app.getPath('home');
  const core = new BarnacleCore(startingEndpoint(env, homeDir, platform), {
    discover: () => discoverEndpoints({ env, homeDir, platform }),
    // The folder discovery reads contexts from: Settings adds and removes them there.
    dockerConfigDir: dockerConfigDir(env, homeDir),
    // The same folder the barnacle CLI uses (history, layer facts): one history for both.
    dataDir: defaultDataDir(platform, env, homeDir),
    chooseSavePath: async (suggestedName, format) => {
      const options = {
        title: 'Export Barnacle history',
        defaultPath: suggestedName,
        filters: [format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'JSON', extensions: ['json'] }],
      };
      const answer = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options);
      return answer.canceled || !answer.filePath ? null : answer.filePath;
    },
    // Plans that stop, force, remove volumes or start fresh: a native dialog the page cannot answer.
    confirmInMain: async (summary) => {
      const text = confirmationText(summary, trayLocaleFor(app.getPreferredSystemLanguages()));
      const options = {
        type: 'warning' as const,
        title: text.title,
        message: text.message,
        detail: text.detail,
        buttons: [text.cancel, text.confirm],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      };
      const answer = mainWindow
        ? await dialog.showMessageBox(mainWindow, options)
        : await dialog.showMessageBox(options);
      return answer.response === 1;
    },
  });
  registerHandlers(createHandlers(core), trustedOrigins(devServerUrl));

  mainWindow = createSecureWindow(appPaths.preload(), devServerUrl);
  const contents = mainWindow.webContents;
  core.session.onHealth((health) => sendEvent(contents, 'engineHealth', health));
  core.inventory.onChange((snapshot) => sendEvent(contents, 'inventoryChanged', snapshot));
  core.onPlanProgress((progress) => sendEvent(contents, 'planProgress', progress));
  core.policies.onChange((statuses) => sendEvent(contents, 'policiesChanged', statuses));
  core.fleet.onChange((overview) => sendEvent(contents, 'fleetChanged', overview));
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  const showPlan = (plan: Plan) => {
    showMainWindow();
    if (mainWindow) sendEvent(mainWindow.webContents, 'showPlan', plan);
  };
  const showScreen = (screen: ReviewScreen) => {
    showMainWindow();
    if (mainWindow) sendEvent(mainWindow.webContents, 'showScreen', { screen });
  };
  const tray = installTray({ core, showWindow: showMainWindow, showPlan, showScreen });
  tray.attachWindow(mainWindow);
  // A failed start shows as the engine's health in the window and the tray; logged here too.
  inBackground(core.start(), 'connecting to the engine');
  // The other engines watched (fleet.json), each on its own connection and backoff.
  inBackground(core.fleet.start(), 'watching the fleet');
  // Policies run while the app or its tray runs; each run that has something to say is a notification.
  core.startPolicies({
    onRun: (result, previous) => {
      const notice = policyNotice(
        result.policy,
        result.run,
        trayLocaleFor(app.getPreferredSystemLanguages()),
        previous,
      );
      if (!notice || !Notification.isSupported()) return;
      const action = notice.action;
      const note = new Notification({
        title: notice.title,
        body: notice.body,
        ...(action ? { actions: [{ type: 'button' as const, text: action.label }] } : {}),
      });
      if (action) {
        // A notify-only run opens its previewed plan (runnable as shown); an applied one, Activity.
        const open = () => (action.open === 'plan' && result.plan ? showPlan(result.plan) : showScreen('activity'));
        note.on('action', open);
        note.on('click', open);
      }
      note.show();
    },
  });

  // Reached when the window closes with keepInTray off (with it on, closing only hides it).
  app.on('window-all-closed', () => {
    tray.destroy();
    core.close();
    app.quit();
  });
}

function showMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
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
