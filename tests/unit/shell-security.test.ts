// The Electron shell cannot run here (no Electron binary), so its security
// settings are checked where they are written: the TypeScript compiler API reads
// src-main/shell/secure-window.ts and ipc-bridge.ts. The same checklist runs in
// the security gate (scripts/security-scan.mjs); the broken copies below prove
// it fails when a setting is weakened.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkIpcBridge,
  checkSecureWindow,
  webPreferencesOf,
  type ChecklistViolation,
} from '../../scripts/electron-checklist';

const secureWindow = readFileSync('src-main/shell/secure-window.ts', 'utf8');
const ipcBridge = readFileSync('src-main/shell/ipc-bridge.ts', 'utf8');

/** The source with `from` replaced by `to`; throws if `from` is not there, so a stale table cannot pass. */
function mutate(source: string, from: string | RegExp, to: string): string {
  const changed = source.replace(from, to);
  if (changed === source) throw new Error(`mutation did not apply: ${String(from)}`);
  return changed;
}

const checksOf = (violations: ChecklistViolation[]) => [...new Set(violations.map((v) => v.check))];

describe('secure-window.ts as written', () => {
  it('creates exactly one BrowserWindow, with every security flag written out', () => {
    const windows = webPreferencesOf(secureWindow);
    expect(windows).toHaveLength(1);
    expect(windows[0]).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });

  it('passes the whole checklist: navigation, new windows, permissions, CSP header', () => {
    expect(checkSecureWindow(secureWindow)).toEqual([]);
  });

  it('imports no window settings from elsewhere, so the literal is the only source', () => {
    expect(secureWindow).not.toMatch(/webPreferences:\s*[a-zA-Z_]+\(/);
    expect(secureWindow).not.toMatch(/secureWebPreferences/);
  });
});

describe('the checklist fails a weakened shell', () => {
  const cases: Array<[string, string | RegExp, string, string]> = [
    ['nodeIntegration switched on', 'nodeIntegration: false,', 'nodeIntegration: true,', 'BARNACLE_WEB_PREFERENCES'],
    ['sandbox left out', /\n\s*sandbox: true,/, '', 'BARNACLE_WEB_PREFERENCES'],
    ['contextIsolation off', 'contextIsolation: true,', 'contextIsolation: false,', 'BARNACLE_WEB_PREFERENCES'],
    ['webSecurity off', 'webSecurity: true,', 'webSecurity: false,', 'BARNACLE_WEB_PREFERENCES'],
    [
      'insecure content allowed',
      'allowRunningInsecureContent: false,',
      'allowRunningInsecureContent: true,',
      'BARNACLE_WEB_PREFERENCES',
    ],
    ['webview tag on', 'webviewTag: false,', 'webviewTag: true,', 'BARNACLE_WEB_PREFERENCES'],
    [
      'experimental features on',
      'experimentalFeatures: false,',
      'experimentalFeatures: true,',
      'BARNACLE_WEB_PREFERENCES',
    ],
    [
      'workers get Node',
      'nodeIntegrationInWorker: false,',
      'nodeIntegrationInWorker: true,',
      'BARNACLE_WEB_PREFERENCES',
    ],
    [
      'sub-frames get Node',
      'nodeIntegrationInSubFrames: false,',
      'nodeIntegrationInSubFrames: true,',
      'BARNACLE_WEB_PREFERENCES',
    ],
    [
      'flags from a function call',
      /webPreferences: \{[^}]*\}/,
      'webPreferences: prefs(preloadPath)',
      'BARNACLE_WEB_PREFERENCES',
    ],
    ['flags overridden by a spread', 'spellcheck: false,', 'spellcheck: false, ...extra,', 'BARNACLE_WEB_PREFERENCES'],
    ['a flag set twice', 'spellcheck: false,', 'spellcheck: false, sandbox: false,', 'BARNACLE_WEB_PREFERENCES'],
    [
      'blink features enabled',
      'spellcheck: false,',
      "spellcheck: false, enableBlinkFeatures: 'X',",
      'BARNACLE_WEB_PREFERENCES',
    ],
    [
      'navigation allowed sometimes',
      "on('will-navigate', (event) => event.preventDefault())",
      "on('will-navigate', (event, url) => { if (!url.startsWith('barnacle:')) event.preventDefault(); })",
      'BARNACLE_NAVIGATION',
    ],
    ['navigation not handled', /\n.*'will-navigate'.*\n/, '\n', 'BARNACLE_NAVIGATION'],
    ['a window allowed', "return { action: 'deny' };", "return { action: 'allow' };", 'BARNACLE_WINDOW_OPEN'],
    [
      'a window allowed on one path',
      /if \(external\) inBackground\(shell\.openExternal\(external\)[^;]*;/,
      "if (external) return { action: 'allow' };",
      'BARNACLE_WINDOW_OPEN',
    ],
    ['no window-open handler', 'setWindowOpenHandler', 'setSomethingElse', 'BARNACLE_WINDOW_OPEN'],
    ['a permission granted', 'callback(false)', 'callback(true)', 'BARNACLE_PERMISSIONS'],
    ['permissions decided elsewhere', 'callback(false)', 'callback(decide(_permission))', 'BARNACLE_PERMISSIONS'],
    [
      'permission checks pass',
      'setPermissionCheckHandler(() => false)',
      'setPermissionCheckHandler(() => true)',
      'BARNACLE_PERMISSIONS',
    ],
    ['no permission check handler', 'ses.setPermissionCheckHandler(() => false);', '', 'BARNACLE_PERMISSIONS'],
    ['CSP header from a variable', /\[\s*"default-src[^"]*",\s*\]/, '[policy]', 'BARNACLE_CSP'],
  ];

  it.each(cases)('%s', (_name, from, to, check) => {
    expect(checksOf(checkSecureWindow(mutate(secureWindow, from, to)))).toContain(check);
  });
});

describe('ipc-bridge.ts', () => {
  it('checks the sender before calling any handler', () => {
    expect(checkIpcBridge(ipcBridge)).toEqual([]);
  });

  it.each<[string, string | RegExp, string]>([
    ['guard removed', /\n\s*if \(!isTrustedSender[\s\S]*?\n\s*\}\n/, '\n'],
    [
      'guard after the handler runs',
      'if (!isTrustedSender(',
      'void handlers[channel](args);\n      if (!isTrustedSender(',
    ],
    ['guard on the wrong frame', 'event.senderFrame?.url', 'event.sender.getURL()'],
    ['guard that lets subframes in', 'event.senderFrame === event.sender.mainFrame', 'true'],
    [
      'guard that does not return',
      /return fail\(\{ kind: 'forbidden-sender'[^;]*;/,
      "void fail({ kind: 'forbidden-sender', message: '' });",
    ],
    [
      'an unguarded listener added',
      'return () => {',
      "ipcMain.on('x', (event, a) => handlers.inventory(a));\n  return () => {",
    ],
  ])('fails with the %s', (_name, from, to) => {
    expect(checksOf(checkIpcBridge(mutate(ipcBridge, from, to)))).toEqual(['BARNACLE_IPC_SENDER']);
  });
});

describe('data folder', () => {
  it('the app keeps its history and layer facts where the CLI does (defaultDataDir), not in Electron’s userData', () => {
    const main = readFileSync('src-main/shell/main.ts', 'utf8');
    expect(main).toMatch(/dataDir: defaultDataDir\(platform, env, homeDir\)/);
    expect(main).not.toMatch(/dataDir: app\.getPath\('userData'\)/);
    for (const cli of ['src-main/cli/commands/apply.ts', 'src-main/cli/commands/plan.ts']) {
      expect(readFileSync(cli, 'utf8')).toMatch(/defaultDataDir\(io\.platform, io\.env, io\.homeDir\)/);
    }
  });
});
