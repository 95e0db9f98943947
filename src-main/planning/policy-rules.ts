// The rules a policy adds to a prune (src-shared/policy.ts), applied to the images
// the prune's own filters left: not used for longer than X, keep the newest N tags
// of each repository, and docuum's storage threshold (least recently used first,
// until back at the target). Pure: the planner hands in the lists, the layer facts
// and the clock, and every image kept by a rule is listed with the rule's words.

import type { ImageSummary } from '../../src-shared/model';
import type { CleanupIntent, SkippedItem } from '../../src-shared/plan';
import type { KeepNewest, StorageThreshold, ThresholdReading } from '../../src-shared/policy';
import { splitReference } from '../../src-shared/references';
import { imageName } from '../../src-shared/display-names';
import { phrase } from '../../src-shared/phrase';
import type { ImageLayers } from '../inventory/layer-facts';
import { normalizeReference } from './references';
import { parseGoDuration } from './selection';

type PruneIntent = Extract<CleanupIntent, { type: 'prune-images' }>;

export interface RulesInput {
  intent: PruneIntent;
  /** What the prune's own filters chose (selectPruneCandidates), in any order. */
  candidates: ImageSummary[];
  /** Every image listed: the newest N of a repository count those in use too. */
  images: ImageSummary[];
  /** Images containers use (some may be hidden from the list): their layers stay whatever goes. */
  inUse: ReadonlySet<string>;
  layers: ReadonlyMap<string, ImageLayers>;
  now: number;
  /** 'disk-free' thresholds: bytes free on the engine's disk now. */
  diskFree?: number;
  /** When an image was last used (ms): the last-used store's, or its own date where none was seen. */
  lastUseAt: (image: ImageSummary) => number;
}

export interface RulesResult {
  chosen: ImageSummary[];
  kept: SkippedItem[];
  /** Set for a threshold rule: `after` and `reachesTarget` are the chosen images' estimate, settled by the planner. */
  threshold?: ThresholdReading;
}

/** Whether an intent carries any of the rules this file applies. */
export const hasPolicyRules = (intent: PruneIntent): boolean =>
  intent.unusedFor !== undefined || intent.keepNewest !== undefined || intent.threshold !== undefined;

export function applyPolicyRules(input: RulesInput): RulesResult {
  const { intent, now } = input;
  let chosen = input.candidates;
  if (intent.unusedFor) {
    const seconds = parseGoDuration(intent.unusedFor);
    if (seconds === null) throw new Error(`not a duration: ${intent.unusedFor}`);
    const cutoff = now - seconds * 1000;
    chosen = chosen.filter((image) => input.lastUseAt(image) < cutoff);
  }
  const kept: SkippedItem[] = [];
  if (intent.keepNewest) {
    const newest = newestPerRepository(input.images, intent.keepNewest, input.lastUseAt);
    chosen = chosen.filter((image) => {
      const repo = image.tags.map((t) => newest.get(t)).find((r) => r !== undefined);
      if (repo === undefined) return true;
      kept.push({
        target: image.id,
        label: imageName(image),
        conflict: 'kept-by-rule',
        reason: phrase(intent.keepNewest!.by === 'created' ? 'skip.keepNewestCreated' : 'skip.keepNewestUsed', {
          count: intent.keepNewest!.count,
          repo,
        }),
      });
      return false;
    });
  }
  if (!intent.threshold) return { chosen, kept };
  return { ...leastRecentlyUsedUntil(intent.threshold, chosen, input), kept };
}

/**
 * Tag → its repository, for every tag among the newest `count` of its repository.
 * Repositories are compared fully qualified ("tiny" and "docker.io/library/tiny" are one).
 */
function newestPerRepository(
  images: ImageSummary[],
  rule: KeepNewest,
  lastUseAt: RulesInput['lastUseAt'],
): Map<string, string> {
  const byRepo = new Map<string, { tag: string; key: number }[]>();
  for (const image of images) {
    if (image.tags.length === 0) continue;
    const key = rule.by === 'created' ? image.created * 1000 : lastUseAt(image);
    for (const tag of image.tags) {
      const repo = splitReference(normalizeReference(tag))[0];
      let list = byRepo.get(repo);
      if (!list) byRepo.set(repo, (list = []));
      list.push({ tag, key });
    }
  }
  const newest = new Map<string, string>();
  for (const [repo, tags] of byRepo) {
    // Newest first; a tie is broken by name so the same tags are kept on every run.
    tags.sort((a, b) => b.key - a.key || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
    for (const { tag } of tags.slice(0, rule.count)) newest.set(tag, shortRepo(repo));
  }
  return newest;
}

/** The repository as people write it: without docker.io/library/. */
const shortRepo = (repo: string): string => repo.replace(/^docker\.io\/(library\/)?/, '');

/**
 * docuum's order: least recently used first, adding images until the storage would
 * be back at the target. Bytes count each layer once: an image frees the layers no
 * image left behind holds (so two images on one base free the base with the second).
 */
function leastRecentlyUsedUntil(
  threshold: StorageThreshold,
  candidates: ImageSummary[],
  input: RulesInput,
): { chosen: ImageSummary[]; threshold: ThresholdReading } {
  // Every layer's size once, and how many images that may stay hold it. An untagged parent
  // hidden from the list holds nothing of its own: the engine removes it with its last child.
  const holders = new Map<string, { size: number; count: number }>();
  let imagesBytes = 0;
  for (const facts of input.layers.values()) {
    facts.chainIds.forEach((chain, i) => {
      if (holders.has(chain)) return;
      const size = facts.layerSizes[i] ?? 0;
      holders.set(chain, { size, count: 0 });
      imagesBytes += size;
    });
  }
  const holding = new Set(input.images.map((i) => i.id));
  for (const id of input.inUse) holding.add(id);
  for (const id of holding) {
    for (const chain of input.layers.get(id)?.chainIds ?? []) holders.get(chain)!.count++;
  }
  const diskFree = threshold.measure === 'disk-free' ? input.diskFree : undefined;
  if (threshold.measure === 'disk-free' && diskFree === undefined)
    throw new Error('disk-free threshold without diskFree');
  const measured = threshold.measure === 'images-bytes' ? imagesBytes : diskFree!;
  const over = threshold.measure === 'images-bytes' ? measured > threshold.trigger : measured < threshold.trigger;
  const reached = (freed: number) =>
    threshold.measure === 'images-bytes' ? measured - freed <= threshold.target : measured + freed >= threshold.target;
  const reading = (freed: number): ThresholdReading => ({
    ...threshold,
    measured,
    over,
    after: threshold.measure === 'images-bytes' ? measured - freed : measured + freed,
    reachesTarget: reached(freed),
  });
  if (!over) return { chosen: [], threshold: reading(0) };
  // Each key read once: the store's lookup is not free over 10,000 images.
  const order = candidates
    .map((image) => ({ image, at: input.lastUseAt(image) }))
    .sort((a, b) => a.at - b.at || a.image.created - b.image.created || (a.image.id < b.image.id ? -1 : 1));
  const chosen: ImageSummary[] = [];
  let freed = 0;
  for (const { image } of order) {
    if (reached(freed)) break;
    chosen.push(image);
    const facts = input.layers.get(image.id);
    facts?.chainIds.forEach((chain) => {
      const held = holders.get(chain)!;
      if (--held.count === 0) freed += held.size;
    });
  }
  return { chosen, threshold: reading(freed) };
}
