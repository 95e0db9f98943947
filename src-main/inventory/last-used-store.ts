// When each image was last used, per engine, kept in the data folder.
//
// Uses come from the engine's events (container create and start, image pull,
// load, tag, build, import), read live or from the engine's event history after
// time offline, and from the containers that exist (usage-feed.ts). Only the
// latest use of each image is kept.
//
// The file holds several engines, each under engineKeyOf's key (the app and the
// CLI may follow different ones), with when Barnacle started watching it (so "no
// use seen" can say since when) and up to when its events were read (where the
// next backfill starts). An entry is an image ID without its "sha256:" prefix and
// two small fields, ~90 bytes: 10,000 images are under 1 MB. Like the layer facts
// cache, a damaged or foreign file is ignored and rebuilt on the next save: what
// it loses is evidence the next backfill partly finds again.

import { readEngineFile, writeEngineEntry, type EngineFileKind } from '../files/engine-keyed-file';
import { join } from 'node:path';
import { LAST_USE_SOURCES, laterUse, type LastUse, type LastUseSource } from '../../src-shared/last-used';

export const LAST_USED_FILE = 'last-used.json';
const FORMAT = 'barnacle-last-used';
const VERSION = 1;
/** All engines together; the engines seen longest ago go first. */
const MAX_IMAGES = 50_000;

const HEX = /^[0-9a-f]{64}$/;
// One letter per source in the file: 'image-date' is never stored (it is the image's own).
const CODES: Record<Exclude<LastUseSource, 'image-date'>, string> = {
  event: 'e',
  'event-history': 'h',
  container: 'c',
};
const SOURCE_OF: Record<string, LastUseSource> = { e: 'event', h: 'event-history', c: 'container' };

/** One image's use as stored: [ms since epoch, source letter]. */
type StoredUse = [number, string];

export interface StoredEngine {
  /** When Barnacle first followed this engine (ms). */
  watchingSince: number;
  /** Up to when its events were read (ms); null before the first backfill. */
  seenUntil: number | null;
  /** When this entry was last written (ms), to keep the most recent engines within the bound. */
  savedAt: number;
  images: Record<string, StoredUse>;
}

const FILE_KIND: EngineFileKind<StoredEngine> = {
  format: FORMAT,
  version: VERSION,
  maxImages: MAX_IMAGES,
  entryOf: (raw) => {
    const e = raw as Partial<StoredEngine> | null;
    if (!isTime(e?.watchingSince) || !isTime(e.savedAt)) return null;
    if (e.seenUntil !== null && !isTime(e.seenUntil)) return null;
    if (typeof e.images !== 'object' || e.images === null || Array.isArray(e.images)) return null;
    return { watchingSince: e.watchingSince, seenUntil: e.seenUntil, savedAt: e.savedAt, images: e.images };
  },
  recency: (e) => e.savedAt,
  count: (e) => Object.keys(e.images).length,
};

export class LastUsedStore {
  private readonly byImage = new Map<string, LastUse>();
  private dirty = false;
  private saving: Promise<void> = Promise.resolve();
  watchingSince: number;
  seenUntil: number | null = null;

  /**
   * @param persist where this engine's uses live on disk; none keeps them in memory only.
   * @param now the clock (tests inject one): the first watch starts then.
   */
  constructor(
    private readonly persist: { path: string; engineKey: string } | null = null,
    private readonly now: () => number = Date.now,
  ) {
    this.watchingSince = now();
  }

  /** The store `path` remembers for `engineKey`; a missing or damaged file gives an empty one, watching from now. */
  static async open(path: string, engineKey: string, now: () => number = Date.now): Promise<LastUsedStore> {
    const store = new LastUsedStore({ path, engineKey }, now);
    const stored = (await readEngineFile(path, FILE_KIND))?.engines[engineKey];
    if (!stored) {
      // A new watch is worth remembering even before any use is seen.
      store.dirty = true;
      return store;
    }
    store.watchingSince = stored.watchingSince;
    store.seenUntil = stored.seenUntil;
    for (const [hex, use] of Object.entries(stored.images)) {
      const parsed = fromStored(hex, use);
      if (parsed) store.byImage.set(`sha256:${hex}`, parsed);
    }
    return store;
  }

  get(imageId: string): LastUse | undefined {
    return this.byImage.get(imageId);
  }

  /** Keeps the later use; true when this one is newer than what was known. */
  record(imageId: string, at: number, source: LastUseSource): boolean {
    if (source === 'image-date' || !imageId.startsWith('sha256:') || !HEX.test(imageId.slice(7))) return false;
    if (!Number.isFinite(at) || at <= 0) return false;
    const known = this.byImage.get(imageId);
    const next = laterUse(known, { at: Math.round(at), source });
    if (next === known) return false;
    this.byImage.set(imageId, next!);
    this.dirty = true;
    return true;
  }

  /** Events up to `at` (ms) have been read: the next backfill starts there. */
  markSeen(at: number): void {
    if (this.seenUntil !== null && at <= this.seenUntil) return;
    this.seenUntil = at;
    this.dirty = true;
  }

  /** Drops images that no longer exist, so the file does not outgrow the engine. */
  retainOnly(imageIds: Iterable<string>): void {
    const keep = new Set(imageIds);
    for (const id of this.byImage.keys()) {
      if (keep.has(id)) continue;
      this.byImage.delete(id);
      this.dirty = true;
    }
  }

  get size(): number {
    return this.byImage.size;
  }

  /** This engine's entry as the file holds it. */
  toStored(): StoredEngine {
    const images: Record<string, StoredUse> = {};
    for (const [id, use] of this.byImage) {
      images[id.slice(7)] = [use.at, CODES[use.source as keyof typeof CODES]];
    }
    return { watchingSince: this.watchingSince, seenUntil: this.seenUntil, savedAt: this.now(), images };
  }

  /**
   * Writes this engine's entry if it changed since the last save; other engines'
   * entries in the file are kept. Saves run one at a time; never rejects.
   */
  save(): Promise<void> {
    if (!this.persist || !this.dirty) return this.saving;
    this.dirty = false;
    const { path, engineKey } = this.persist;
    const entry = this.toStored();
    this.saving = this.saving.then(async () => {
      try {
        await writeEngineEntry(path, FILE_KIND, engineKey, entry);
      } catch {
        // Kept in memory; the next save tries again.
        this.dirty = true;
      }
    });
    return this.saving;
  }
}

/** The file's path in Barnacle's data folder. */
export function lastUsedPath(dataDir: string): string {
  return join(dataDir, LAST_USED_FILE);
}

/** Null for anything that is not a use as this version writes it. */
export function fromStored(hex: string, stored: unknown): LastUse | null {
  if (!HEX.test(hex) || !Array.isArray(stored) || stored.length !== 2) return null;
  const [at, code] = stored as unknown[];
  if (typeof at !== 'number' || !Number.isSafeInteger(at) || at <= 0) return null;
  const source = typeof code === 'string' ? SOURCE_OF[code] : undefined;
  if (!source || !LAST_USE_SOURCES.includes(source)) return null;
  return { at, source };
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/**
 * One store per engine for a whole process, opened from the data folder on first
 * use. No folder: memory only.
 */
export class LastUsedStores {
  private current: { key: string; store: Promise<LastUsedStore> } | null = null;

  constructor(
    private readonly dataDir: string | null,
    private readonly now: () => number = Date.now,
  ) {}

  for(engineKey: string): Promise<LastUsedStore> {
    if (this.current?.key !== engineKey) {
      const store = this.dataDir
        ? LastUsedStore.open(lastUsedPath(this.dataDir), engineKey, this.now)
        : Promise.resolve(new LastUsedStore(null, this.now));
      this.current = { key: engineKey, store };
    }
    return this.current.store;
  }
}
