// electron-builder.yml can only be exercised where electron-builder can
// download Electron, so it is checked here: against electron-builder's own
// JSON schema, for the settings Barnacle relies on (fuses, hardened runtime,
// per-user installer), and for every icon each target needs, at its sizes.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { APP_ID } from '../../src-main/tray/app-id';
import { TRAY_ICON_FILES, trayIconFile } from '../../src-main/tray/tray-icons';
import { icnsEntries, icoEntries, isPng, pngPixels, pngSize } from './support/icon-files';

const root = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path));

interface FileSet {
  from: string;
  to: string;
  filter: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  extraResources: FileSet[];
  electronFuses: Record<string, boolean>;
  mac: {
    target: string;
    category: string;
    icon: string;
    hardenedRuntime: boolean;
    entitlements: string;
    entitlementsInherit: string;
  };
  win: { target: string; icon: string };
  nsis: { oneClick: boolean; perMachine: boolean; allowToChangeInstallationDirectory: boolean };
  linux: { target: string[]; category: string; icon: string; maintainer: string };
}

const rawConfig = load(read('electron-builder.yml').toString('utf8'), { filename: 'electron-builder.yml' });
const config = rawConfig as BuilderConfig;

/** Validates like electron-builder 26 does (app-builder-lib/out/util/config/schemaValidator.js). */
const validate = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(read('node_modules/app-builder-lib/scheme.json').toString('utf8')) as object,
);

function schemaErrors(candidate: unknown): string[] {
  if (validate(structuredClone(candidate))) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

const size = (path: string) => pngSize(read(path));

describe('electron-builder.yml', () => {
  it('matches electron-builder’s schema', () => {
    expect(schemaErrors(rawConfig)).toEqual([]);
  });

  it('the schema check catches a misspelt option (so the check above means something)', () => {
    expect(schemaErrors({ ...config, nsis: { ...config.nsis, perMachin: false } }).join('\n')).toMatch(
      /\/nsis must NOT have additional properties .*perMachin/,
    );
    expect(schemaErrors({ ...config, electronFuses: { ...config.electronFuses, runAsNodes: false } })).not.toEqual([]);
  });

  it('names the app and writes packages to dist/', () => {
    expect(config.productName).toBe('Barnacle');
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    // The running app declares it as its Windows AppUserModelID, for notifications.
    expect(config.appId).toBe(APP_ID);
    expect(config.directories).toEqual({ output: 'dist', buildResources: 'build' });
  });

  it('packs only the built app, and package.json points into it', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect(config.files.filter((f) => !f.startsWith('!'))).toEqual(['out/**', 'package.json']);
    const pkg = JSON.parse(read('package.json').toString('utf8')) as { main: string };
    expect(pkg.main).toMatch(/^out\//);
  });

  it('flips Electron’s fuses: no ELECTRON_RUN_AS_NODE, NODE_OPTIONS or --inspect; app.asar only, integrity-checked; cookies encrypted; no extra file:// privileges', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('macOS: dmg, developer-tools category, hardened runtime with JIT as the only exception', () => {
    expect(config.mac).toMatchObject({
      target: 'dmg',
      category: 'public.app-category.developer-tools',
      hardenedRuntime: true,
    });
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
    const plist = read(config.mac.entitlements).toString('utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\/>/g)].map((m) => [m[1], m[2]]);
    expect(keys).toEqual([['com.apple.security.cs.allow-jit', 'true']]);
  });

  it('Windows: NSIS installer per user, with a choice of folder', () => {
    expect(config.win.target).toBe('nsis');
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true });
  });

  it('Linux: AppImage and deb, in Development, with a maintainer', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Development');
    expect(config.linux.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
  });
});

describe('icons', () => {
  it('the master icon is 1024 px', () => {
    expect(size('build/icon.png')).toEqual({ width: 1024, height: 1024 });
  });

  it('Linux: one PNG per size in the icon directory, named by its real size', () => {
    expect(config.linux.icon).toBe('build/icons');
    for (const px of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(size(`build/icons/${px}x${px}.png`), `${px}x${px}.png`).toEqual({ width: px, height: px });
    }
  });

  it('Windows: an .ico with 16–256 px entries, each a PNG of the size its entry says', () => {
    expect(config.win.icon).toBe('build/icon.ico');
    const entries = icoEntries(read(config.win.icon));
    expect(entries.map((e) => e.width)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const entry of entries) {
      expect(isPng(entry.data)).toBe(true);
      expect(pngSize(entry.data)).toEqual({ width: entry.width, height: entry.height });
      expect(entry.bitsPerPixel).toBe(32);
    }
  });

  it('macOS: an .icns with ic07–ic10 (128–1024 px) and the @2x entries, each a PNG of its size', () => {
    expect(config.mac.icon).toBe('build/icon.icns');
    const pixels: Record<string, number> = {
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic10: 1024,
      ic11: 32,
      ic12: 64,
      ic13: 256,
      ic14: 512,
    };
    const entries = icnsEntries(read(config.mac.icon));
    expect(entries.map((e) => e.type)).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10']));
    for (const entry of entries) {
      const px = pixels[entry.type];
      expect(px, `unexpected entry ${entry.type}`).toBeDefined();
      expect(pngSize(entry.data), entry.type).toEqual({ width: px, height: px });
    }
  });
});

describe('tray icons', () => {
  const shipped = config.extraResources.find((r) => r.from === 'build/tray');

  it('every file the tray loads is shipped to resources/tray', () => {
    expect(shipped).toBeDefined();
    expect(shipped!.to).toBe('tray');
    expect([...shipped!.filter].sort()).toEqual([...TRAY_ICON_FILES].sort());
    for (const platform of ['darwin', 'win32', 'linux', 'freebsd'] as const) {
      expect(TRAY_ICON_FILES).toContain(trayIconFile(platform));
    }
    for (const file of TRAY_ICON_FILES) expect(existsSync(join(root, 'build/tray', file)), file).toBe(true);
  });

  it('macOS template images: 16 px and 32 px @2x, black and alpha only, something drawn', () => {
    for (const [file, px] of [
      ['build/tray/trayTemplate.png', 16],
      ['build/tray/trayTemplate@2x.png', 32],
    ] as const) {
      const { width, height, rgba } = pngPixels(read(file));
      expect({ width, height }, file).toEqual({ width: px, height: px });
      let coloured = 0;
      let drawn = 0;
      for (let i = 0; i < rgba.length; i += 4) {
        if (rgba[i + 3]! > 0 && (rgba[i]! | rgba[i + 1]! | rgba[i + 2]!) !== 0) coloured++;
        if (rgba[i + 3]! > 128) drawn++;
      }
      expect(coloured, `${file}: pixels that are not black`).toBe(0);
      expect(drawn / (px * px), `${file}: share of opaque pixels`).toBeGreaterThan(0.15);
      expect(drawn / (px * px), `${file}: share of opaque pixels`).toBeLessThan(0.85);
    }
  });

  it('Linux: 32 px and 64 px @2x; Windows: an .ico with 16 and 32 px', () => {
    expect(size('build/tray/tray.png')).toEqual({ width: 32, height: 32 });
    expect(size('build/tray/tray@2x.png')).toEqual({ width: 64, height: 64 });
    const entries = icoEntries(read('build/tray/tray.ico'));
    expect(entries.map((e) => e.width)).toEqual(expect.arrayContaining([16, 32]));
    for (const entry of entries) expect(pngSize(entry.data)).toEqual({ width: entry.width, height: entry.height });
  });
});
