// The one window, with Electron's security checklist applied. Every flag and
// handler is written out here as a literal, not built elsewhere, so that
// electronegativity (scripts/security-scan.mjs) can see it and
// tests/unit/shell-security.test.ts can assert it: the literal is the single
// source of truth. The decisions about data (trusted origins, allowed links,
// the CSP text, which file a URL means) live in src-main/security.

import { app, BrowserWindow, net, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  allowedExternalUrl,
  APP_ORIGIN,
  APP_SCHEME,
  rendererFileFor,
  withPolicyHeaders,
} from '../security/window-policy';
import { inBackground } from '../runtime/background';

/** Must run before app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves out/renderer over barnacle://app/, refusing paths that climb out of it. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFileFor(rendererDir, request.url);
    if (!file) return withPolicyHeaders(new Response('not found', { status: 404 }));
    return withPolicyHeaders(await net.fetch(pathToFileURL(file).toString()));
  });
}

/** No permission is ever granted (camera, notifications, clipboard-read, …): the renderer needs none. */
export function applySessionPolicy(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // The same text as CONTENT_SECURITY_POLICY in src-main/security/window-policy.ts
  // (a unit test compares them); written out so the scanner can evaluate it.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
        ],
      },
    });
  });
}

export function createSecureWindow(preloadPath: string, devServerUrl: string | undefined): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Barnacle',
    backgroundColor: '#0f1720',
    // Every flag explicit, so a default changing in Electron cannot weaken us.
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  // The renderer routes inside the page; the window itself never navigates.
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  // Covers window.open, target=_blank, shift- and middle-click: no new window ever
  // opens; allow-listed https docs go to the user's browser instead.
  win.webContents.setWindowOpenHandler(({ url }) => {
    const external = allowedExternalUrl(url);
    if (external) inBackground(shell.openExternal(external), `opening ${external} in the browser`);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  inBackground(win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`), 'loading the window');
  return win;
}

export const appPaths = {
  preload: () => join(import.meta.dirname, '../preload/index.cjs'),
  renderer: () => join(import.meta.dirname, '../renderer'),
  userData: () => app.getPath('userData'),
};
