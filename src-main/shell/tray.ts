// The tray icon and its menu: draws TrayController's model with Electron's
// Tray and Menu, forwards clicks, shows notifications, keeps the app running
// when the window closes (setting keepInTray) and sets the login item
// (setting startAtLogin). The behaviour itself lives in src-main/tray.

import type { ReviewScreen } from '../../src-shared/contract';
import { app, Menu, nativeImage, Notification, Tray, type BrowserWindow, type NativeImage } from 'electron';
import { join } from 'node:path';
import type { Plan } from '../../src-shared/plan';
import type { BarnacleCore } from '../core/barnacle-core';
import { APP_ID } from '../tray/app-id';
import { trayPortsFor } from '../tray/core-ports';
import { menuTemplate } from '../tray/menu-template';
import { TrayController } from '../tray/tray-controller';
import { trayIconDir, trayIconFile } from '../tray/tray-icons';
import { trayLabels, trayLocaleFor } from '../tray/tray-labels';
import type { TrayActionId, TrayMenuModel } from '../tray/tray-menu';
import { readTraySettings, saveTraySettings } from '../tray/tray-settings';
import { inBackground } from '../runtime/background';

export interface TrayShellOptions {
  core: BarnacleCore;
  /** Shows (and focuses) the main window. */
  showWindow(): void;
  /** Shows the window with this plan's preview (the `showPlan` event). */
  showPlan(plan: Plan): void;
  /** Shows the window on this screen (the `showScreen` event). */
  showScreen(screen: ReviewScreen): void;
}

export interface TrayShell {
  /** Closing this window hides it instead, while keepInTray is on. */
  attachWindow(win: BrowserWindow): void;
  destroy(): void;
}

/** Electron sets login items on macOS and Windows only. */
const loginItemsSupported = process.platform === 'darwin' || process.platform === 'win32';

export function installTray(options: TrayShellOptions): TrayShell {
  const settingsFile = join(app.getPath('userData'), 'tray-settings.json');
  const { settings, damaged } = readTraySettings(settingsFile);
  // The person may have removed the login item in the system's settings: the OS is the truth.
  if (loginItemsSupported) settings.startAtLogin = app.getLoginItemSettings().openAtLogin;
  // Without it Windows drops the quick prune's "Freed X" toast (see app-id.ts).
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });

  const tray = new Tray(trayImage());
  tray.setToolTip('Barnacle');
  // Windows: a left click opens the window, the right click the menu. macOS
  // opens the menu on click itself; Linux desktops differ, so the menu is the
  // only way in there.
  if (process.platform === 'win32') tray.on('click', () => options.showWindow());
  // macOS: the Dock icon brings back a window that closing only hid.
  app.on('activate', () => options.showWindow());

  const controller = new TrayController({
    ...trayPortsFor(options.core),
    notify: (title, body, action) => {
      if (!Notification.isSupported()) return;
      // macOS shows the action as a button; elsewhere a click on the notification is the action.
      const note = new Notification({
        title,
        body,
        ...(action ? { actions: [{ type: 'button' as const, text: action.label }] } : {}),
      });
      if (action) {
        note.on('action', action.run);
        note.on('click', action.run);
      }
      note.show();
    },
    showPlanInWindow: (plan) => options.showPlan(plan),
    showScreenInWindow: (screen) => options.showScreen(screen),
    onModel: render,
    locale: () => trayLocaleFor(app.getPreferredSystemLanguages()),
    settings: () => ({
      keepInTray: settings.keepInTray,
      startAtLogin: loginItemsSupported ? settings.startAtLogin : null,
    }),
  });

  if (damaged) {
    const message = trayLabels(trayLocaleFor(app.getPreferredSystemLanguages())).settingsUnreadable(
      settingsFile,
      damaged.keptAs,
    );
    console.warn(`barnacle: ${message}`);
    if (Notification.isSupported()) new Notification({ title: 'Barnacle', body: message }).show();
  }

  function render(model: TrayMenuModel): void {
    if (tray.isDestroyed()) return;
    tray.setToolTip(model.tooltip);
    // Rebuilt every time: Linux's StatusNotifier menus do not pick up item changes otherwise.
    tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(model, onAction)));
  }

  function onAction(id: TrayActionId): void {
    switch (id) {
      case 'quick-prune':
        inBackground(controller.quickPrune(), 'quick prune');
        return;
      case 'prune-old':
        inBackground(controller.pruneOlderThanDay(), 'planning the prune of old images');
        return;
      case 'review-largest':
        controller.reviewLargest();
        return;
      case 'policies':
        controller.reviewPolicies();
        return;
      case 'open':
        options.showWindow();
        return;
      case 'keep-in-tray':
        settings.keepInTray = !settings.keepInTray;
        break;
      case 'start-at-login':
        settings.startAtLogin = !settings.startAtLogin;
        app.setLoginItemSettings({ openAtLogin: settings.startAtLogin });
        break;
      case 'quit':
        quitting = true;
        app.quit();
        return;
    }
    saveTraySettings(settingsFile, settings);
    controller.publish();
  }

  controller.start();
  controller.publish();

  return {
    attachWindow(win) {
      win.on('close', (event) => {
        if (!settings.keepInTray || quitting) return;
        event.preventDefault();
        win.hide();
      });
    },
    destroy() {
      controller.stop();
      tray.destroy();
    },
  };
}

function trayImage(): NativeImage {
  const dir = trayIconDir({
    packaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
  });
  const image = nativeImage.createFromPath(join(dir, trayIconFile(process.platform)));
  // The "Template" file name already says so; explicit, in case the image came from elsewhere.
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}
