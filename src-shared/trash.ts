// Barnacle's trash, as main, the renderer and the CLI see it: what a plan kept
// before it removed images (and the stopped containers that used them), what
// restoring gave back, and the person's settings for it. The files themselves
// are main's (src-main/trash); these are the facts that cross to the screens.

import type { EngineKind, ImageStore } from './model';

/** A trash entry's ID, "<plan id>/<step id>": the plan's folder and the archive's name in it. */
export const TRASH_ENTRY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/(s\d{1,6})$/;

/** Which images a plan keeps a copy of, unless the person says otherwise for one. */
export type TrashKeep = 'not-pullable' | 'all' | 'none';

export interface TrashSettings {
  /** The default for new plans: images that cannot be pulled back (the default), all, or none. */
  keep: TrashKeep;
  /** The trash's size cap in bytes: a plan that would pass it removes the oldest entries first (shown in it). */
  maxBytes: number;
  /** Entries older than this many days are offered for removal (emptying the trash is a plan). */
  maxAgeDays: number;
}

export const DEFAULT_TRASH_SETTINGS: Readonly<TrashSettings> = {
  keep: 'not-pullable',
  // 10 GB as every size is shown (decimal, formatBytes), so Settings and the Trash screen read "10", not "10.74".
  maxBytes: 10 * 1000 ** 3,
  maxAgeDays: 30,
};

const KEEPS: readonly TrashKeep[] = ['not-pullable', 'all', 'none'];

/** What is usable of stored settings, field by field: anything else is the default. */
export function trashSettingsOf(raw: unknown): TrashSettings {
  const s = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const count = (v: unknown, fallback: number) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : fallback;
  return {
    keep: KEEPS.includes(s.keep as TrashKeep) ? (s.keep as TrashKeep) : DEFAULT_TRASH_SETTINGS.keep,
    maxBytes: count(s.maxBytes, DEFAULT_TRASH_SETTINGS.maxBytes),
    maxAgeDays: count(s.maxAgeDays, DEFAULT_TRASH_SETTINGS.maxAgeDays),
  };
}

/** An image in a trash entry, with what it had when it was removed. */
export interface TrashedImage {
  id: string;
  tags: string[];
  repoDigests: string[];
  labels: Record<string, string>;
  /** The image's build date as the engine reported it (seconds since epoch). */
  created: number;
  /** The image's size as the engine listed it. */
  size: number;
}

/** A stopped container kept with its image: its settings, and its changes committed to an image in the archive. */
export interface TrashedContainer {
  id: string;
  name: string;
  /** The image it was made from (ID). */
  imageId: string;
}

/** One archive in the trash: the images (and containers) one plan step kept together. */
export interface TrashEntry {
  /** "<plan id>/<step id>": what `barnacle trash restore` takes. */
  id: string;
  planId: string;
  savedAt: number;
  /** The archive's size on disk (compressed). */
  fileBytes: number;
  engine: { host: string; kind: EngineKind; version: string; store: ImageStore };
  images: TrashedImage[];
  containers: TrashedContainer[];
  /** Older than the age limit in the settings: the next "empty the trash" plan offers it. */
  expired: boolean;
}

export interface TrashListing {
  entries: TrashEntry[];
  /** Records that cannot be read: listed with why, never fatal. */
  damaged: { id: string; reason: string }[];
  /** Bytes the trash takes on disk (archives and records). */
  totalBytes: number;
  settings: TrashSettings;
}

export interface RestoredImage {
  /** The ID it had. */
  id: string;
  /** The ID the engine gave it now: equal on every engine seen so far; the UI says so when not. */
  restoredId: string;
  tagged: string[];
  /** Tags that name another image now: left there, never moved. */
  taken: { tag: string; imageId: string }[];
}

export interface RestoredContainer {
  name: string;
  /** The new container's ID, when it was made. */
  id?: string;
  /** The container that has the name now, when one does: nothing was made or renamed. */
  nameTakenBy?: string;
}

export interface RestoreReport {
  entryId: string;
  images: RestoredImage[];
  containers: RestoredContainer[];
}
