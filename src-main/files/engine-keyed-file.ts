// JSON files in the data folder that hold one record per engine (layer facts,
// last uses): read whole, each engine's record checked by its owner (a damaged
// one is skipped, a foreign or damaged file is none), written beside and renamed
// over, and bounded by dropping the engines touched longest ago, whole.

import { readFile } from 'node:fs/promises';
import { writeAtomically } from './atomic-file';

export interface EngineKeyedFile<E> {
  format: string;
  version: number;
  engines: Record<string, E>;
}

/** What a file of one kind holds, and how its engine records are read and counted. */
export interface EngineFileKind<E> {
  format: string;
  version: number;
  /** All engines together: past this many images, the engines touched longest ago go first. */
  maxImages: number;
  /** An engine's record as stored, or null when it is not one (skipped). */
  entryOf(raw: unknown): E | null;
  /** When the record was last touched (ms). */
  recency(entry: E): number;
  /** How many images the record holds. */
  count(entry: E): number;
}

/** The file, or null when it is missing, not JSON, or of another format or version. */
export async function readEngineFile<E>(path: string, kind: EngineFileKind<E>): Promise<EngineKeyedFile<E> | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(text) as Partial<EngineKeyedFile<unknown>> | null;
    if (parsed?.format !== kind.format || parsed.version !== kind.version) return null;
    if (typeof parsed.engines !== 'object' || parsed.engines === null || Array.isArray(parsed.engines)) return null;
    const engines: Record<string, E> = {};
    for (const [key, raw] of Object.entries(parsed.engines)) {
      const entry = kind.entryOf(raw);
      if (entry !== null) engines[key] = entry;
    }
    return { format: kind.format, version: kind.version, engines };
  } catch {
    return null;
  }
}

/** Puts one engine's record into the file (the others as they are, within the bound). */
export async function writeEngineEntry<E>(
  path: string,
  kind: EngineFileKind<E>,
  engineKey: string,
  entry: E,
): Promise<void> {
  const file = (await readEngineFile(path, kind)) ?? { format: kind.format, version: kind.version, engines: {} };
  file.engines[engineKey] = entry;
  await writeAtomically(path, JSON.stringify(withinBound(file, kind)));
}

function withinBound<E>(file: EngineKeyedFile<E>, kind: EngineFileKind<E>): EngineKeyedFile<E> {
  const byRecency = Object.entries(file.engines).sort(([, a], [, b]) => kind.recency(b) - kind.recency(a));
  const engines: Record<string, E> = {};
  let total = 0;
  for (const [key, entry] of byRecency) {
    const count = kind.count(entry);
    if (total + count > kind.maxImages && total > 0) continue;
    engines[key] = entry;
    total += count;
  }
  return { ...file, engines };
}
