// The tray's two preferences on disk, and where its icons are found.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { trayIconDir, trayIconFile } from '../../src-main/tray/tray-icons';
import {
  DEFAULT_TRAY_SETTINGS,
  loadTraySettings,
  readTraySettings,
  saveTraySettings,
} from '../../src-main/tray/tray-settings';
import { trayLabels } from '../../src-main/tray/tray-labels';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'barnacle-tray-settings-'));
  dirs.push(dir);
  return join(dir, 'nested', 'tray-settings.json');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('tray settings', () => {
  it('defaults: keep running in the tray, do not start at login', () => {
    expect(loadTraySettings(tempFile())).toEqual({ keepInTray: true, startAtLogin: false });
  });

  it('saves and loads back', () => {
    const file = tempFile();
    saveTraySettings(file, { keepInTray: false, startAtLogin: true });
    expect(loadTraySettings(file)).toEqual({ keepInTray: false, startAtLogin: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ keepInTray: false, startAtLogin: true });
  });

  it('a corrupt file or wrong types fall back to the defaults, field by field', () => {
    const file = tempFile();
    saveTraySettings(file, DEFAULT_TRAY_SETTINGS);
    writeFileSync(file, '{ not json');
    expect(loadTraySettings(file)).toEqual(DEFAULT_TRAY_SETTINGS);
    writeFileSync(file, JSON.stringify({ keepInTray: 'no', startAtLogin: true }));
    expect(loadTraySettings(file)).toEqual({ keepInTray: true, startAtLogin: true });
    writeFileSync(file, 'null');
    expect(loadTraySettings(file)).toEqual(DEFAULT_TRAY_SETTINGS);
  });
});

describe('damaged tray settings', () => {
  it('are reported, kept beside as .damaged, and not mistaken for a first run', () => {
    const file = tempFile();
    expect(readTraySettings(file)).toEqual({ settings: DEFAULT_TRAY_SETTINGS, damaged: null });
    saveTraySettings(file, { keepInTray: false, startAtLogin: true });
    expect(readTraySettings(file).damaged).toBeNull();
    for (const text of [
      '{ not json',
      'null',
      '[]',
      JSON.stringify({ keepInTray: 'no' }),
      JSON.stringify({ x: true }),
    ]) {
      writeFileSync(file, text);
      const read = readTraySettings(file);
      expect(read.damaged, text).toEqual({ keptAs: `${file}.damaged` });
      expect(readFileSync(`${file}.damaged`, 'utf8')).toBe(text);
    }
  });

  it('are reported in the person’s language', () => {
    expect(trayLabels('en').settingsUnreadable('/x/tray-settings.json', '/x/tray-settings.json.damaged')).toMatch(
      /could not be read, so the defaults apply.*kept as \/x\/tray-settings\.json\.damaged/,
    );
    expect(trayLabels('zh').settingsUnreadable('/x/t.json', '/x/t.json.damaged')).toMatch(/无法读取托盘设置/);
  });
});

describe('tray icon files', () => {
  it('template image on macOS, .ico on Windows, PNG elsewhere', () => {
    expect(trayIconFile('darwin')).toBe('trayTemplate.png');
    expect(trayIconFile('win32')).toBe('tray.ico');
    expect(trayIconFile('linux')).toBe('tray.png');
  });

  it('resources/tray when packaged, build/tray from a checkout', () => {
    const where = { resourcesPath: '/opt/Barnacle/resources', appPath: '/src/barnacle' };
    expect(trayIconDir({ ...where, packaged: true })).toBe(join('/opt/Barnacle/resources', 'tray'));
    expect(trayIconDir({ ...where, packaged: false })).toBe(join('/src/barnacle', 'build', 'tray'));
  });
});
