// What feeds the last-used store (last-used-store.ts): the events the inventory
// already follows, the engine's event history after time offline, and the
// containers that exist.
//
// Engines differ in what their events name (seen live):
// - Docker's pull event names the reference pulled ("alpine:latest"), not the
//   image ID; tag and load name the ID. The containerd store also sends image
//   "create" for a pulled or built image.
// - Podman (4.3 and 5.4) names images by bare hex ID; its build event leaves the
//   ID empty and names the ID as the image's name (parseEngineEvent takes it).
//   Podman 4.3's load names nothing at all: such a load is not a use we can place.
// - A container's event names its image as it was created from ("alpine", an ID):
//   the container's own row (read back by the inventory) says which image that is;
//   a container removed in the same batch (`run --rm`) is placed by that name.
// Both send `time` (seconds) and `timeNano`; the event's own time is the use's time.

import type Docker from 'dockerode';
import type { LastUseSource } from '../../src-shared/last-used';
import { normalizeImageId } from '../../src-shared/ids';
import { parseEngineEvent, type EngineEvent } from './engine-events';
import type { RawContainer, RawImage } from './engine-answers';
import type { LastUsedStore } from './last-used-store';

/** Image actions that are a use of the image; the rest (untag, delete, save, push) are not. */
const IMAGE_USES = new Set(['pull', 'load', 'tag', 'build', 'import', 'create']);
/** Container actions that use their image: made from it, or run. */
const CONTAINER_USES = new Set(['create', 'start']);

/** How far back the event history is read at most: older evidence is the containers' and images' own dates. */
export const HISTORY_MAX_MS = 30 * 24 * 3600 * 1000;
/** Events read from the history at most: Docker keeps ~1,000 in memory; Podman's journal may hold far more. */
export const HISTORY_MAX_EVENTS = 100_000;
/** How long reading the history may take before what was read is used. */
export const HISTORY_TIMEOUT_MS = 15_000;

export interface KnownLists {
  images: ReadonlyMap<string, RawImage>;
  containers: ReadonlyMap<string, RawContainer>;
}

/**
 * The listed images by every name an event may give them: each tag, and each tag's
 * shorter spellings after a "/" (Podman lists "docker.io/library/alpine:latest" for
 * what was pulled as "alpine"). Built once per batch: the history backfill reads up to
 * 100,000 events, and a scan of 10,000 images per event took seconds.
 */
export class ImageNames {
  private readonly byName = new Map<string, string>();

  constructor(private readonly lists: KnownLists) {
    for (const [imageId, row] of lists.images) {
      for (const tag of row.RepoTags ?? []) {
        // The first image listed under a name keeps it, as a scan in list order would find it.
        if (!this.byName.has(tag)) this.byName.set(tag, imageId);
        for (let slash = tag.indexOf('/'); slash >= 0; slash = tag.indexOf('/', slash + 1)) {
          const shorter = tag.slice(slash + 1);
          if (!this.byName.has(shorter)) this.byName.set(shorter, imageId);
        }
      }
    }
  }

  /** An image ID for a reference as events give it (full ID, bare hex, name or short ID); null when no listed image fits. */
  idOf(ref: string): string | null {
    if (!ref) return null;
    const id = normalizeImageId(ref);
    if (id.startsWith('sha256:') && /^sha256:[0-9a-f]{64}$/.test(id)) return id;
    const named = this.byName.get(/:[^/]+$/.test(ref) ? ref : `${ref}:latest`);
    if (named) return named;
    if (!/^[0-9a-f]{12,63}$/.test(ref)) return null;
    let byShortId: string | null = null;
    for (const imageId of this.lists.images.keys()) if (imageId.startsWith(`sha256:${ref}`)) byShortId = imageId;
    return byShortId;
  }
}

/** One reference's image: a single lookup (a batch builds ImageNames once). */
export const imageIdOf = (ref: string, lists: KnownLists): string | null => new ImageNames(lists).idOf(ref);

/** The uses a batch of events shows: [image ID, ms]; `fallbackTime` for events without a time. */
export function usesOfEvents(
  events: readonly EngineEvent[],
  lists: KnownLists,
  fallbackTime: number,
): [string, number][] {
  const uses: [string, number][] = [];
  let names: ImageNames | null = null;
  const idOf = (ref: string) => (names ??= new ImageNames(lists)).idOf(ref);
  for (const event of events) {
    const at = event.time ?? fallbackTime;
    let imageId: string | null = null;
    if (event.type === 'container' && CONTAINER_USES.has(event.action)) {
      const row = lists.containers.get(event.id);
      imageId = row?.ImageID ? normalizeImageId(row.ImageID) : idOf(event.image ?? '');
    } else if (event.type === 'image' && IMAGE_USES.has(event.action)) {
      imageId = idOf(event.id) ?? idOf(event.name ?? '');
    }
    if (imageId) uses.push([imageId, at]);
  }
  return uses;
}

/** Records a batch's uses; the latest event time read becomes where the next backfill starts. True when anything changed. */
export function recordEvents(
  store: LastUsedStore,
  events: readonly EngineEvent[],
  lists: KnownLists,
  source: Extract<LastUseSource, 'event' | 'event-history'>,
  now: number,
): boolean {
  let changed = false;
  for (const [imageId, at] of usesOfEvents(events, lists, now)) changed = store.record(imageId, at, source) || changed;
  // A loop, not Math.max(...): a history batch may hold 100,000 events, past the engine's argument limit.
  let latest = 0;
  for (const e of events) if ((e.time ?? 0) > latest) latest = e.time!;
  if (latest > 0) store.markSeen(latest);
  return changed;
}

/** Each container's image was used at least when the container was created. */
export function recordContainers(store: LastUsedStore, containers: Iterable<RawContainer>): void {
  for (const c of containers) {
    if (c.ImageID && c.Created > 0) store.record(normalizeImageId(c.ImageID), c.Created * 1000, 'container');
  }
}

export interface HistoryOptions {
  /**
   * Whether the engine ends the stream at `until` (Docker). Podman's file event log
   * (4.3 and 5.4, seen live) ends it a line or two in when `until` is given, the
   * rest of the history unsent; asked with `stream=false` and `since` alone, it
   * sends the whole history and ends (in ~5 ms here). Events after `until` are then
   * left to the live stream.
   */
  untilEndsStream: boolean;
  maxEvents?: number;
  timeoutMs?: number;
}

/**
 * The engine's image and container events between two times (ms), bounded in
 * count and time. An `until` in the future would keep Docker's stream open until
 * then: callers pass now at most.
 */
export async function readEventHistory(
  docker: Docker,
  since: number,
  until: number,
  options: HistoryOptions,
): Promise<EngineEvent[]> {
  const maxEvents = options.maxEvents ?? HISTORY_MAX_EVENTS;
  const stream = (await docker.getEvents({
    since: Math.floor(since / 1000),
    ...(options.untilEndsStream ? { until: Math.floor(until / 1000) } : { stream: false }),
    filters: JSON.stringify({ type: ['image', 'container'] }),
  })) as NodeJS.ReadableStream & { destroy?: () => void };
  return new Promise((resolve) => {
    const events: EngineEvent[] = [];
    let partial = '';
    let done = false;
    const take = (line: string) => {
      const event = line.trim() ? parseEngineEvent(line) : null;
      if (!event) return;
      // Past the end asked for: the live stream has it.
      if (event.time !== undefined && event.time > until + 999) return finish();
      events.push(event);
      if (events.length >= maxEvents) finish();
    };
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stream.destroy?.();
      resolve(events);
    };
    const timer = setTimeout(finish, options.timeoutMs ?? HISTORY_TIMEOUT_MS);
    timer.unref?.();
    stream.on('data', (chunk: Buffer | string) => {
      if (done) return;
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        take(line);
        if (done) return;
      }
    });
    const ended = () => {
      if (!done && partial) take(partial);
      finish();
    };
    stream.on('end', ended);
    stream.on('close', ended);
    // What was read before a failure is still evidence.
    stream.on('error', finish);
  });
}

/**
 * After a start or time offline: the event history since events were last read
 * (or since watching began, at most HISTORY_MAX_MS back), then the containers'
 * created times. Images with neither show their own date (lastUseOf).
 */
export async function backfill(
  docker: Docker,
  store: LastUsedStore,
  lists: KnownLists,
  now: number,
  engine: { kind: 'docker' | 'podman' },
): Promise<void> {
  // A second of overlap: an event in the second the last read ended is read again, to the same result.
  const from = Math.max((store.seenUntil ?? now - HISTORY_MAX_MS) - 1000, now - HISTORY_MAX_MS);
  if (from < now) {
    const events = await readEventHistory(docker, from, now, { untilEndsStream: engine.kind === 'docker' }).catch(
      () => [],
    );
    recordEvents(store, events, lists, 'event-history', now);
  }
  recordContainers(store, lists.containers.values());
  store.markSeen(now);
}
