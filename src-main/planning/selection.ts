// Which images a prune would take and which stopped containers a container
// prune would take, with the same filters the engine applies, so the plan can
// list them before anything happens (`docker image prune` cannot).

import { phrase } from '../../src-shared/phrase';
import type { ContainerSummary, ImageSummary } from '../../src-shared/model';
import type { CleanupIntent, SkippedItem } from '../../src-shared/plan';
import { isActiveState } from '../../src-shared/container-state';
import { ancestorFamily } from '../../src-shared/image-family';
import { imageName } from '../../src-shared/display-names';
import { matchesPattern, resolveReference } from './references';

type PruneIntent = Extract<CleanupIntent, { type: 'prune-images' }>;

/** Go duration ("24h", "1h30m", "90s") in seconds; null if it is not one. */
export function parseGoDuration(text: string): number | null {
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== text) return null;
  return parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]!]!, 0);
}

/** The cut-off (unix seconds) for an `until` filter: a duration before now, or a timestamp. */
export function untilCutoff(until: string, nowMs: number): number | null {
  const duration = parseGoDuration(until);
  if (duration !== null) return nowMs / 1000 - duration;
  if (/^\d+(\.\d+)?$/.test(until)) return Number(until);
  const parsed = Date.parse(until);
  return Number.isNaN(parsed) ? null : parsed / 1000;
}

/** docker's label filter: "key" (present) or "key=value" (equal). */
export function labelMatches(labels: Record<string, string>, filter: string): boolean {
  const eq = filter.indexOf('=');
  if (eq < 0) return Object.hasOwn(labels, filter);
  return labels[filter.slice(0, eq)] === filter.slice(eq + 1);
}

/**
 * `olderOnEngineClock`: where the engine's clock is not the build date (see
 * usesArrivalClock), the images the engine itself lists under the until filter;
 * absent, `until` is compared with each image's build date.
 */
export function selectPruneCandidates(
  intent: PruneIntent,
  images: ImageSummary[],
  containersGone: Set<string>,
  nowMs: number,
  olderOnEngineClock?: ReadonlySet<string>,
): { candidates: ImageSummary[]; kept: SkippedItem[] } {
  const cutoff = intent.until ? untilCutoff(intent.until, nowMs) : null;
  const older = (image: ImageSummary) =>
    olderOnEngineClock && intent.untilClock !== 'build' ? olderOnEngineClock.has(image.id) : image.created < cutoff!;
  const candidates: ImageSummary[] = [];
  const kept: SkippedItem[] = [];
  for (const image of images) {
    const users = image.containers.filter((c) => !containersGone.has(c.id));
    if (!intent.all && !image.dangling) continue;
    if (users.length > 0) continue;
    if (cutoff !== null && !older(image)) continue;
    if (intent.labels?.length && !intent.labels.every((l) => labelMatches(image.labels, l))) continue;
    if (intent.notLabels?.some((l) => labelMatches(image.labels, l))) continue;
    const keepBy = intent.keep?.find((p) => image.tags.some((t) => matchesPattern(t, p)));
    if (keepBy) {
      kept.push({
        target: image.id,
        label: imageName(image),
        conflict: 'kept-by-pattern',
        reason: phrase('skip.keepPattern', { pattern: keepBy }),
      });
      continue;
    }
    candidates.push(image);
  }
  return { candidates, kept };
}

/** Stopped containers, optionally only those made from an image or its descendants (`--filter ancestor=`). */
export function selectStoppedContainers(
  containers: ContainerSummary[],
  ancestor: string | undefined,
  images: ImageSummary[],
): ContainerSummary[] {
  let family: Set<string> | null = null;
  if (ancestor) {
    const r = resolveReference(images, ancestor);
    // An ancestor no image answers to has no family, so no container matches it.
    family = r.kind === 'image' || r.kind === 'tag' ? ancestorFamily(images, r.image.id) : new Set();
  }
  return containers.filter((c) => !isActiveState(c.state) && (!family || family.has(c.imageId)));
}
