// Settings main keeps in small JSON files in the data folder (disk settings, the
// trash's): read field by field through the settings' own parser (a damaged
// field is its default, a damaged file all defaults), written beside and renamed
// over, so a reader never sees half a file.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The stored settings, or the parser's defaults when the file is missing or not JSON. */
export function readSettingsFile<T>(file: string, parse: (raw: unknown) => T): T {
  let raw: unknown = {};
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // Missing or damaged: every field its default.
  }
  return parse(raw);
}

export function saveSettingsFile(file: string, settings: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(settings, null, 2) + '\n');
  renameSync(temp, file);
}

/** Settings main follows: read once, changed only through `update`, which saves. */
export class SettingsStore<T extends object> {
  private current: T;

  constructor(
    private readonly file: string,
    private readonly parse: (raw: unknown) => T,
  ) {
    this.current = readSettingsFile(file, parse);
  }

  get(): T {
    return { ...this.current };
  }

  /** Applies the given fields (already validated by the IPC schema) and saves. */
  update(change: Partial<T>): T {
    const next = this.parse({ ...this.current, ...change });
    saveSettingsFile(this.file, next);
    this.current = next;
    return this.get();
  }
}
