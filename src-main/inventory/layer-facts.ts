// Each image's layers as chain IDs with a size per layer, read from the engine
// (image inspect for the diff IDs, image history for the sizes), so the planner
// can count exactly which bytes a removal frees. An image's layers never change,
// so facts are cached by image ID.

import type Docker from 'dockerode';
import { readEngineFailure } from '../engine/engine-error';
import { chainIdsOf } from './chain-id';
import { readLayerAccounting, type LayerAccounting } from './layer-accounting';
import { mapHistoryToLayers, type HistoryMapping, type HistoryRow } from './layer-history';

export interface ImageLayers {
  imageId: string;
  /** Lowest layer first. */
  chainIds: string[];
  /** Bytes per entry of chainIds. */
  layerSizes: number[];
  /** True when the sizes are the engine's own per-layer figures and match its disk accounting. */
  exact: boolean;
  reason?: string;
  /** 'history': sizes read from this image's own history; 'estimated': guessed, see reason. */
  sizeSource: 'history' | 'estimated';
}

/** Facts keyed by image ID; keep one per engine. Only settled facts are kept. */
export class LayerFactsCache {
  private readonly byImage = new Map<string, ImageLayers>();

  get(imageId: string): ImageLayers | undefined {
    return this.byImage.get(imageId);
  }

  set(facts: ImageLayers): void {
    // Estimates depend on which other images were known at the time: redo them.
    if (facts.sizeSource === 'history') this.byImage.set(facts.imageId, facts);
  }

  /** Drops images that no longer exist, so the cache does not outgrow the engine. */
  retainOnly(imageIds: Iterable<string>): void {
    const keep = new Set(imageIds);
    for (const id of this.byImage.keys()) if (!keep.has(id)) this.byImage.delete(id);
  }

  values(): IterableIterator<ImageLayers> {
    return this.byImage.values();
  }

  get size(): number {
    return this.byImage.size;
  }
}

export interface FetchLayerFactsOptions {
  /** Images read at once, two requests each (default 8). */
  concurrency?: number;
  cache?: LayerFactsCache;
  /** Skip the /version + /info round trip when the caller already knows it. */
  accounting?: LayerAccounting;
}

interface RawHistoryEntry {
  Id?: string;
  Size?: number;
  CreatedBy?: string;
}

interface Draft {
  imageId: string;
  chainIds: string[];
  imageSize: number;
  mapping: HistoryMapping;
}

const isNotFound = (err: unknown) => readEngineFailure(err).statusCode === 404;

async function runLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

async function inspectLayers(docker: Docker, imageId: string): Promise<{ diffIds: string[]; size: number }> {
  const info = await docker.getImage(imageId).inspect();
  return { diffIds: info.RootFS?.Layers ?? [], size: info.Size ?? 0 };
}

async function readHistory(docker: Docker, imageId: string): Promise<HistoryRow[]> {
  // dockerode types history() as any: the engine answers RawHistoryEntry[], newest first.
  const raw = ((await docker.getImage(imageId).history()) ?? []) as RawHistoryEntry[];
  return raw.map((r) => ({ id: r.Id ?? '<missing>', size: r.Size ?? 0, createdBy: r.CreatedBy ?? '' })).reverse();
}

/**
 * For local builds every step is an image: its layer count settles which
 * empty-looking steps added a layer. Pulled images say "<missing>" and stay ambiguous.
 */
async function resolveAmbiguity(docker: Docker, layerCount: number, rows: HistoryRow[], first: HistoryMapping) {
  if (first.kind !== 'ambiguous') return first;
  const known = new Map<number, number>();
  for (const index of first.rowsToResolve) {
    const stepImage = rows[index]!.id;
    if (stepImage === '<missing>' || stepImage === '') continue;
    try {
      known.set(index, (await inspectLayers(docker, stepImage)).diffIds.length);
    } catch (err) {
      // An intermediate image removed meanwhile only loses us this hint.
      if (!isNotFound(err)) throw err;
    }
  }
  return known.size ? mapHistoryToLayers(layerCount, rows, known) : first;
}

/**
 * Null when the engine has no history to give for an image it has. Podman 4.3
 * answers 500 "invalid memory address or nil pointer dereference" for an image
 * whose history entries lack `created` (seen live): the sizes are then estimated
 * rather than the whole fetch failing. No answer at all (engine gone) still throws.
 */
async function readHistoryIfAnswered(docker: Docker, imageId: string): Promise<HistoryRow[] | { failed: string }> {
  try {
    return await readHistory(docker, imageId);
  } catch (err) {
    const failure = readEngineFailure(err);
    if (failure.statusCode === undefined || failure.statusCode === 404) throw err;
    return { failed: failure.message };
  }
}

async function readDraft(docker: Docker, imageId: string): Promise<Draft | null> {
  let layers: { diffIds: string[]; size: number };
  let history: HistoryRow[] | { failed: string };
  try {
    [layers, history] = await Promise.all([inspectLayers(docker, imageId), readHistoryIfAnswered(docker, imageId)]);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
  const layerCount = layers.diffIds.length;
  const mapping: HistoryMapping = Array.isArray(history)
    ? await resolveAmbiguity(docker, layerCount, history, mapHistoryToLayers(layerCount, history))
    : { kind: 'mismatch', reason: `the engine could not give its history (${history.failed})` };
  return { imageId, chainIds: chainIdsOf(layers.diffIds), imageSize: layers.size, mapping };
}

/**
 * When the history cannot be matched at all, sizes come from other images that
 * share the layer; what is left of the image's Size is split evenly over the
 * remaining layers. Those are nearly always the image's own top layers, which a
 * removal frees or keeps together, so how the rest is split rarely changes the
 * total; an even split does not pretend to know more.
 */
function estimateSizes(draft: Draft, knownByChain: ReadonlyMap<string, number>): number[] {
  const sizes = draft.chainIds.map((c) => knownByChain.get(c));
  const unknown = sizes.flatMap((s, i) => (s === undefined ? [i] : []));
  const known = sizes.reduce<number>((sum, s) => sum + (s ?? 0), 0);
  const rest = Math.max(0, draft.imageSize - known);
  const share = unknown.length ? Math.floor(rest / unknown.length) : 0;
  const out = sizes.map((s) => s ?? share);
  // The rounding remainder goes to the top unknown layer, so the sizes add up to Size.
  const top = unknown[unknown.length - 1];
  if (top !== undefined) out[top] = share + (rest - share * unknown.length);
  return out;
}

/**
 * The containerd image store: history gives each layer's snapshot; inspect's Size
 * is the image's content (blobs). Each layer is credited its snapshot plus its
 * share of the content, in proportion to the snapshots: the API tells neither a
 * layer's blob size nor its compression.
 */
function withBlobShares(snapshots: number[], contentBytes: number): number[] {
  const total = snapshots.reduce((a, b) => a + b, 0);
  if (total <= 0) return snapshots;
  return snapshots.map((s) => s + Math.round((s / total) * contentBytes));
}

function settle(draft: Draft, accounting: LayerAccounting, knownByChain: ReadonlyMap<string, number>): ImageLayers {
  const { mapping } = draft;
  const fromHistory = mapping.kind === 'exact';
  const reasons: string[] = [];
  if (mapping.kind !== 'exact') reasons.push(mapping.reason);
  if (!accounting.images.exact) reasons.push(accounting.images.reason);
  const snapshots = mapping.kind === 'mismatch' ? estimateSizes(draft, knownByChain) : mapping.layerSizes;
  const facts: ImageLayers = {
    imageId: draft.imageId,
    chainIds: draft.chainIds,
    layerSizes: accounting.blobsBesideSnapshots ? withBlobShares(snapshots, draft.imageSize) : snapshots,
    exact: fromHistory && accounting.images.exact,
    sizeSource: fromHistory ? 'history' : 'estimated',
  };
  if (reasons.length) facts.reason = reasons.join('; ');
  return facts;
}

/** Layer facts for the given images; images the engine no longer has are left out. */
export async function fetchLayerFacts(
  docker: Docker,
  imageIds: string[],
  opts: FetchLayerFactsOptions = {},
): Promise<Map<string, ImageLayers>> {
  const { cache } = opts;
  const result = new Map<string, ImageLayers>();
  const missing: string[] = [];
  for (const id of new Set(imageIds)) {
    const cached = cache?.get(id);
    if (cached) result.set(id, cached);
    else missing.push(id);
  }
  if (missing.length === 0) return result;

  const accounting = opts.accounting ?? (await readLayerAccounting(docker));
  const drafts: Draft[] = [];
  await runLimited(missing, opts.concurrency ?? 8, async (id) => {
    const draft = await readDraft(docker, id);
    if (draft) drafts.push(draft);
  });

  const knownByChain = new Map<string, number>();
  const learnFrom = (chainIds: string[], sizes: number[]) =>
    chainIds.forEach((c, i) => knownByChain.set(c, sizes[i] ?? 0));
  for (const facts of cache?.values() ?? []) learnFrom(facts.chainIds, facts.layerSizes);
  for (const d of drafts) if (d.mapping.kind === 'exact') learnFrom(d.chainIds, d.mapping.layerSizes);

  for (const draft of drafts) {
    const facts = settle(draft, accounting, knownByChain);
    cache?.set(facts);
    result.set(draft.imageId, facts);
  }
  return result;
}
