// The disk settings (src-shared/disk-settings.ts) in a small JSON file in the
// data folder, beside the history: the app writes it from Settings, the CLI
// reads the helper image from it.

import { join } from 'node:path';
import { diskSettingsOf, type DiskSettings } from '../../src-shared/disk-settings';
import { readSettingsFile, saveSettingsFile, SettingsStore } from '../files/settings-file';

export const DISK_SETTINGS_FILE = 'disk-settings.json';

export function diskSettingsFileIn(dataDir: string): string {
  return join(dataDir, DISK_SETTINGS_FILE);
}

export const readDiskSettings = (file: string): DiskSettings => readSettingsFile(file, diskSettingsOf);

export const saveDiskSettings = (file: string, settings: DiskSettings): void => saveSettingsFile(file, settings);

export class DiskSettingsStore extends SettingsStore<DiskSettings> {
  constructor(file: string) {
    super(file, diskSettingsOf);
  }
}
