// Layer facts by image ID, kept in memory and, when given a file, on disk.
//
// An image ID names its content: the same ID on the same engine always has the
// same layers and the same sizes. Reading them costs two calls per image (inspect
// and history), which on Docker's containerd image store take 15-40 ms each and
// walk the layers' snapshots: 1,000 images are seconds of the engine's CPU. So
// facts are read once per image ever, and a second cold start of the CLI or the
// app reads none for images it has seen.
//
// The file holds several engines (the app and the CLI may follow different ones),
// each under a key naming the engine and its store. It is a cache: a damaged or
// foreign file is ignored and replaced on the next save, never reported as an
// error; a write that fails leaves the facts in memory.

import { readEngineFile, writeEngineEntry, type EngineFileKind } from '../files/engine-keyed-file';
import type { Phrase } from '../../src-shared/phrase';

import { join } from 'node:path';
import type { EngineConnection } from '../engine/connection';
import type { ImageLayers } from './layer-facts';

export const LAYER_FACTS_FILE = 'layer-facts.json';
const FORMAT = 'barnacle-layer-facts';
// 2: the reason is a catalogue phrase, no longer English words; files of version 1 are read afresh.
const VERSION = 2;
/** All engines together; the engines seen longest ago go first. ~200 bytes per image. */
const MAX_IMAGES = 20_000;

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** One image's facts as stored: [chainIds, layerSizes, exact, reason?]. */
type StoredFacts = [string[], number[], boolean] | [string[], number[], boolean, Phrase];

interface StoredEngine {
  seenAt: number;
  images: Record<string, StoredFacts>;
}

const FILE_KIND: EngineFileKind<StoredEngine> = {
  format: FORMAT,
  version: VERSION,
  maxImages: MAX_IMAGES,
  entryOf: (raw) => {
    const e = raw as Partial<StoredEngine> | null;
    if (typeof e?.seenAt !== 'number' || typeof e.images !== 'object' || e.images === null) return null;
    return { seenAt: e.seenAt, images: e.images };
  },
  recency: (e) => e.seenAt,
  count: (e) => Object.keys(e.images).length,
};

/** Facts keyed by image ID; keep one per engine. Only settled facts are kept. */
export class LayerFactsCache {
  private readonly byImage = new Map<string, ImageLayers>();
  private dirty = false;
  private saving: Promise<void> = Promise.resolve();

  /**
   * @param persist where this engine's facts live on disk; none keeps them in memory only.
   */
  constructor(private readonly persist: { path: string; engineKey: string } | null = null) {}

  /** A cache holding what `path` remembers of `engineKey`; a missing or damaged file gives an empty one. */
  static async open(path: string, engineKey: string): Promise<LayerFactsCache> {
    const cache = new LayerFactsCache({ path, engineKey });
    const stored = (await readEngineFile(path, FILE_KIND))?.engines[engineKey];
    for (const [imageId, facts] of Object.entries(stored?.images ?? {})) {
      const layers = fromStored(imageId, facts);
      if (layers) cache.byImage.set(imageId, layers);
    }
    return cache;
  }

  get(imageId: string): ImageLayers | undefined {
    return this.byImage.get(imageId);
  }

  set(facts: ImageLayers): void {
    // Estimates depend on which other images were known at the time: redo them.
    if (facts.sizeSource !== 'history') return;
    this.byImage.set(facts.imageId, facts);
    this.dirty = true;
  }

  /** Drops images that no longer exist, so the cache does not outgrow the engine. */
  retainOnly(imageIds: Iterable<string>): void {
    const keep = new Set(imageIds);
    for (const id of this.byImage.keys()) {
      if (keep.has(id)) continue;
      this.byImage.delete(id);
      this.dirty = true;
    }
  }

  values(): IterableIterator<ImageLayers> {
    return this.byImage.values();
  }

  get size(): number {
    return this.byImage.size;
  }

  /**
   * Writes this engine's facts if they changed since the last save; other engines'
   * entries in the file are kept. Saves run one at a time; never rejects.
   */
  save(): Promise<void> {
    if (!this.persist || !this.dirty) return this.saving;
    this.dirty = false;
    const { path, engineKey } = this.persist;
    const images: Record<string, StoredFacts> = {};
    for (const facts of this.byImage.values()) images[facts.imageId] = toStored(facts);
    this.saving = this.saving.then(async () => {
      try {
        await writeEngineEntry(path, FILE_KIND, engineKey, { seenAt: Date.now(), images });
      } catch {
        // A cache that cannot be written costs the next start its history calls, nothing more.
        this.dirty = true;
      }
    });
    return this.saving;
  }
}

/** The file's path in Barnacle's data folder. */
export function layerFactsPath(dataDir: string): string {
  return join(dataDir, LAYER_FACTS_FILE);
}

function toStored(f: ImageLayers): StoredFacts {
  return f.reason === undefined ? [f.chainIds, f.layerSizes, f.exact] : [f.chainIds, f.layerSizes, f.exact, f.reason];
}

/** A phrase as the planner writes one: a key, and parameters that are plain values, lists or phrases. */
function isPhrase(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { key, params } = value as { key?: unknown; params?: unknown };
  if (typeof key !== 'string') return false;
  if (params === undefined) return true;
  if (typeof params !== 'object' || params === null) return false;
  const param = (v: unknown): boolean =>
    typeof v === 'string' || typeof v === 'number' || (Array.isArray(v) ? v.every(param) : isPhrase(v));
  return Object.values(params).every(param);
}

/** Null for anything that is not facts as this version writes them. */
function fromStored(imageId: string, stored: unknown): ImageLayers | null {
  if (!DIGEST.test(imageId) || !Array.isArray(stored) || stored.length < 3 || stored.length > 4) return null;
  const [chainIds, sizes, exact, reason] = stored as unknown[];
  if (!Array.isArray(chainIds) || !chainIds.every((c) => typeof c === 'string' && DIGEST.test(c))) return null;
  if (!Array.isArray(sizes) || sizes.length !== chainIds.length) return null;
  if (!sizes.every((s) => Number.isSafeInteger(s) && (s as number) >= 0)) return null;
  if (typeof exact !== 'boolean' || (reason !== undefined && !isPhrase(reason))) return null;
  const facts: ImageLayers = {
    imageId,
    chainIds: chainIds as string[],
    layerSizes: sizes as number[],
    exact,
    sizeSource: 'history',
  };
  if (reason !== undefined) facts.reason = reason as Phrase;
  return facts;
}

/**
 * Which engine facts belong to. Image IDs name content, but sizes are the store's
 * own (snapshots on the containerd store, diffs on overlay2, tar streams on
 * Podman), so the key names the endpoint and what answers there.
 */
export function engineKeyOf(connection: Pick<EngineConnection, 'endpoint' | 'engine'>): string {
  const { endpoint, engine } = connection;
  return `${endpoint.host} ${engine.kind}/${engine.imageStore}`;
}

/**
 * One cache per engine for a whole process (the inventory, plans and the tray
 * share it), opened from the data folder on first use. No folder: memory only.
 */
export class LayerFactsCaches {
  private current: { key: string; cache: Promise<LayerFactsCache> } | null = null;

  constructor(private readonly dataDir: string | null) {}

  for(connection: Pick<EngineConnection, 'endpoint' | 'engine'>): Promise<LayerFactsCache> {
    const key = engineKeyOf(connection);
    if (this.current?.key !== key) {
      const cache = this.dataDir
        ? LayerFactsCache.open(layerFactsPath(this.dataDir), key)
        : Promise.resolve(new LayerFactsCache());
      this.current = { key, cache };
    }
    return this.current.cache;
  }
}
