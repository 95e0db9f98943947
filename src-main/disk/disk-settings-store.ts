// The disk settings (src-shared/disk-settings.ts) in a small JSON file in the
// data folder, beside the history: the app writes it from Settings, the CLI
// reads the helper image from it. Read field by field (a damaged field is its
// default); written beside and renamed over.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_DISK_SETTINGS, diskSettingsOf, type DiskSettings } from '../../src-shared/disk-settings';

export const DISK_SETTINGS_FILE = 'disk-settings.json';

export function diskSettingsFileIn(dataDir: string): string {
  return join(dataDir, DISK_SETTINGS_FILE);
}

export function readDiskSettings(file: string): DiskSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { ...DEFAULT_DISK_SETTINGS };
  }
  try {
    return diskSettingsOf(JSON.parse(text));
  } catch {
    return { ...DEFAULT_DISK_SETTINGS };
  }
}

export function saveDiskSettings(file: string, settings: DiskSettings): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(settings, null, 2) + '\n');
  renameSync(temp, file);
}

/** The settings main follows: read once, changed only through `update`, which saves. */
export class DiskSettingsStore {
  private current: DiskSettings;

  constructor(private readonly file: string) {
    this.current = readDiskSettings(file);
  }

  get(): DiskSettings {
    return { ...this.current };
  }

  /** Applies the given fields (already validated by the IPC schema) and saves. */
  update(change: Partial<DiskSettings>): DiskSettings {
    const next = diskSettingsOf({ ...this.current, ...change });
    saveDiskSettings(this.file, next);
    this.current = next;
    return this.get();
  }
}
