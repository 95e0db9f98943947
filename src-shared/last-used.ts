// When an image was last used, and what says so. Dates from the engine's live
// events are the best evidence; its event history (read back after time offline)
// is the same evidence read later; a container's own created time says the image
// was used at least then; the image's own date says only that nothing was seen.

export type LastUseSource = 'event' | 'event-history' | 'container' | 'image-date';

export interface LastUse {
  /** ms since epoch. */
  at: number;
  source: LastUseSource;
  /** 'image-date' only: when Barnacle started watching this engine (ms), so "no use seen" says since when. */
  watchingSince?: number;
}

export const LAST_USE_SOURCES: readonly LastUseSource[] = ['event', 'event-history', 'container', 'image-date'];

/** The later of two uses; on a tie the better-evidenced source (earlier in LAST_USE_SOURCES). */
export function laterUse(a: LastUse | undefined, b: LastUse | undefined): LastUse | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return LAST_USE_SOURCES.indexOf(a.source) <= LAST_USE_SOURCES.indexOf(b.source) ? a : b;
}

/**
 * What the UI shows for an image: a use seen (any source but the image's date),
 * or its own date with when Barnacle started watching, so "no use seen" says since when.
 */
export function lastUseOf(seen: LastUse | undefined, imageCreatedSeconds: number, watchingSince: number): LastUse {
  return seen ?? { at: imageCreatedSeconds * 1000, source: 'image-date', watchingSince };
}

/** For sorting: ms since epoch, oldest first; no use seen counts as the image's own date. */
export function lastUseSortKey(image: { lastUsed?: LastUse; created: number }): number {
  return image.lastUsed?.at ?? image.created * 1000;
}
