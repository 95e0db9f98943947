// The two tray preferences main needs before any window exists: keep running
// in the tray when the window closes, and start at login. A small JSON file in
// the user data directory; anything unreadable falls back to the defaults.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface TraySettings {
  keepInTray: boolean;
  startAtLogin: boolean;
}

export const DEFAULT_TRAY_SETTINGS: Readonly<TraySettings> = { keepInTray: true, startAtLogin: false };

export function loadTraySettings(file: string): TraySettings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { ...DEFAULT_TRAY_SETTINGS };
  }
  const stored = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const flag = (key: keyof TraySettings) =>
    typeof stored[key] === 'boolean' ? (stored[key] as boolean) : DEFAULT_TRAY_SETTINGS[key];
  return { keepInTray: flag('keepInTray'), startAtLogin: flag('startAtLogin') };
}

/** Written beside and renamed over, so a crash mid-write leaves the old file. */
export function saveTraySettings(file: string, settings: TraySettings): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(settings, null, 2) + '\n');
  renameSync(temp, file);
}
