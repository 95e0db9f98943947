// The two tray preferences main needs before any window exists: keep running
// in the tray when the window closes, and start at login. A small JSON file in
// the user data directory. A file that cannot be read as settings gives the
// defaults and is reported (kept beside as .damaged), never silently reset.

import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface TraySettings {
  keepInTray: boolean;
  startAtLogin: boolean;
}

export const DEFAULT_TRAY_SETTINGS: Readonly<TraySettings> = { keepInTray: true, startAtLogin: false };

export interface TraySettingsRead {
  settings: TraySettings;
  /**
   * Set when the file exists but is not settings as Barnacle writes them: the
   * defaults apply and the damaged file is kept beside (`keptAs`), so saving the
   * defaults never silently replaces what the person had.
   */
  damaged: { keptAs: string } | null;
}

export function readTraySettings(file: string): TraySettingsRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // No file yet (first run): the defaults, nothing to report.
    return { settings: { ...DEFAULT_TRAY_SETTINGS }, damaged: null };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = null;
  }
  const stored =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  const wellFormed =
    stored !== null &&
    Object.keys(stored).every((k) => k in DEFAULT_TRAY_SETTINGS) &&
    Object.values(stored).every((v) => typeof v === 'boolean');
  if (!wellFormed) {
    const keptAs = `${file}.damaged`;
    copyFileSync(file, keptAs);
  }
  const flag = (key: keyof TraySettings) =>
    typeof stored?.[key] === 'boolean' ? (stored[key] as boolean) : DEFAULT_TRAY_SETTINGS[key];
  return {
    settings: { keepInTray: flag('keepInTray'), startAtLogin: flag('startAtLogin') },
    damaged: wellFormed ? null : { keptAs: `${file}.damaged` },
  };
}

/** The settings alone (what is readable of them, field by field). */
export function loadTraySettings(file: string): TraySettings {
  return readTraySettings(file).settings;
}

/** Written beside and renamed over, so a crash mid-write leaves the old file. */
export function saveTraySettings(file: string, settings: TraySettings): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(settings, null, 2) + '\n');
  renameSync(temp, file);
}
