// The trash's settings (src-shared/trash.ts) in the data folder: the app writes
// them from Settings; the CLI and the app read the default for new plans, the
// size cap and the age limit from the same file.

import { join } from 'node:path';
import { trashSettingsOf, type TrashSettings } from '../../src-shared/trash';
import { readSettingsFile, SettingsStore } from '../files/settings-file';

export const trashSettingsFileIn = (dataDir: string): string => join(dataDir, 'trash-settings.json');

export const readTrashSettings = (dataDir: string): TrashSettings =>
  readSettingsFile(trashSettingsFileIn(dataDir), trashSettingsOf);

export class TrashSettingsStore extends SettingsStore<TrashSettings> {
  constructor(dataDir: string) {
    super(trashSettingsFileIn(dataDir), trashSettingsOf);
  }
}
