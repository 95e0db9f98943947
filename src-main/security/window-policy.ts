// Electron's security checklist as plain data and predicates, so unit tests can
// check them under Node; src-main/shell applies them to the real window.

/** The renderer is served from this privileged scheme, never from file:// or http://. */
export const APP_SCHEME = 'barnacle';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/** Strict CSP: our own scripts and styles only; no eval, no inline script, no remote origins. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  spellcheck: false;
}

/** Every flag set explicitly, so a default changing in Electron cannot weaken us. */
export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
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
  };
}

/** In development the renderer comes from electron-vite's dev server on loopback. */
export function trustedOrigins(devServerUrl: string | undefined): string[] {
  const origins = [APP_ORIGIN];
  if (devServerUrl) {
    const url = new URL(devServerUrl);
    if (url.hostname === 'localhost' || url.hostname === '127.0.0.1') origins.push(url.origin);
  }
  return origins;
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    // Custom schemes report origin "null"; rebuild it from scheme and host.
    return parsed.origin !== 'null' ? parsed.origin : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/** IPC is answered only for frames showing our own renderer. */
export function isTrustedSender(frameUrl: string | undefined, origins: readonly string[]): boolean {
  if (!frameUrl) return false;
  const origin = originOf(frameUrl);
  return origin !== null && origins.includes(origin);
}

/** The window never navigates anywhere: the renderer routes inside the page. */
export function allowNavigation(_url: string): false {
  return false;
}

/** Camera, notifications, clipboard-read, …: the renderer needs none of them. */
export function allowPermission(_permission: string): false {
  return false;
}

/** Links we open in the user's browser (docs for installing an engine); anything else is dropped. */
export const EXTERNAL_LINK_ALLOW_LIST = [
  'https://docs.docker.com/',
  'https://podman.io/',
  'https://podman-desktop.io/',
  'https://github.com/abiosoft/colima',
  'https://rancherdesktop.io/',
  'https://orbstack.dev/',
] as const;

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  return EXTERNAL_LINK_ALLOW_LIST.some((prefix) => parsed.href.startsWith(prefix));
}
