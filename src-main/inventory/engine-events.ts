// What a batch of engine events asks of the inventory, and the few calls that
// bring it up to date. An event names one image or container: only that one is
// read again (a removal needs no call at all), so the inventory follows the
// engine without relisting. On Docker's containerd image store a full relist of
// 1,000 images and 2,000 containers takes the engine 10-15 s of CPU; reading
// one image back takes 20 ms.

import type Docker from 'dockerode';
import type { ExecutionReport, Plan } from '../../src-shared/plan';
import { readEngineFailure } from '../engine/engine-error';
import type { RawContainer, RawImage } from './engine-answers';
import type { BuildContainer } from '../../src-shared/model';
import { normalizeImageId } from '../../src-shared/ids';
import { imageNamed } from '../engine/handles';

export interface EngineEvent {
  type: 'image' | 'container';
  action: string;
  /** Full ID as the engine sent it (images may be bare hex on Podman); '' when the event names none. */
  id: string;
  /** The image's name, when the event names one (tag, untag, pull, load). */
  name?: string;
  /** A container event's image, as the container was created from it (a name or an ID). */
  image?: string;
  /** When the engine says it happened (ms since epoch), from timeNano or time; absent in events made up here. */
  time?: number;
}

/** The engine's answers the inventory is built from, by ID. */
export interface RawLists {
  images: Map<string, RawImage>;
  containers: Map<string, RawContainer>;
  /** Podman: its builds' leftover containers, read with every full list (no event names them). */
  buildContainers?: BuildContainer[];
}

export interface EventDigest {
  /** An event named no image or container to read back (Podman 4.3's load): only a full read can follow it. */
  needsFullRead: boolean;
  imagesGone: Set<string>;
  /** Image ID → names the events gave it. */
  imagesChanged: Map<string, Set<string>>;
  containersGone: Set<string>;
  containersChanged: Set<string>;
}

// A removal is final for that ID on Docker (delete, destroy). Podman's stream also
// says "delete" when `rmi` took one of several tags (seen live on 4.3 and 5.4), so
// there an image's removal is read back like any other change.
const IMAGE_GONE = new Set(['delete', 'remove']);
const CONTAINER_GONE = new Set(['destroy', 'remove']);
// Actions that change nothing either list shows.
const IMAGE_UNCHANGED = new Set(['save', 'push', 'export']);
const CONTAINER_UNCHANGED =
  /^(exec_create|exec_start|exec_die|exec_detach|attach|detach|resize|top|archive-path|extract-to-dir|export|copy|mount|unmount|init|cleanup)(:|$)/;

/** Parses one line of the `/events` stream; null for anything that is not an image or container event. */
export function parseEngineEvent(line: string): EngineEvent | null {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  const e = raw as {
    Type?: string;
    Action?: string;
    status?: string;
    id?: string;
    from?: string;
    time?: number;
    timeNano?: number;
    Actor?: { ID?: string; Attributes?: Record<string, string> };
  };
  if (e.Type !== 'image' && e.Type !== 'container') return null;
  // Podman's build event names the new image's ID as its name and leaves the ID empty.
  const named = e.Actor?.Attributes?.name;
  const id = e.Actor?.ID || e.id || (named && /^(sha256:)?[0-9a-f]{64}$/.test(named) ? named : '');
  const action = e.Action ?? e.status;
  // An event without an ID still says something changed (id '': read everything).
  if (typeof id !== 'string' || typeof action !== 'string') return null;
  const event: EngineEvent = { type: e.Type, action, id };
  if (typeof named === 'string' && named && named !== id) event.name = named;
  const image = e.Actor?.Attributes?.image ?? e.from;
  if (e.Type === 'container' && typeof image === 'string' && image) event.image = image;
  // timeNano exceeds a double's exact range, but stays within a microsecond: plenty for ms.
  const time =
    typeof e.timeNano === 'number' && e.timeNano > 0
      ? Math.floor(e.timeNano / 1e6)
      : typeof e.time === 'number' && e.time > 0
        ? e.time * 1000
        : undefined;
  if (time !== undefined) event.time = time;
  return event;
}

export interface DigestOptions {
  /** Whether an image's delete event means the image is gone (Docker), or may not (Podman). */
  imageRemovalIsFinal: boolean;
}

/** Folds a batch in order: the last word on an ID wins (a removed then reloaded image is there). */
export function digestEvents(events: readonly EngineEvent[], options: DigestOptions): EventDigest {
  const digest: EventDigest = {
    needsFullRead: false,
    imagesGone: new Set(),
    imagesChanged: new Map(),
    containersGone: new Set(),
    containersChanged: new Set(),
  };
  for (const event of events) {
    if (!event.id) {
      const unchanged =
        event.type === 'image' ? IMAGE_UNCHANGED.has(event.action) : CONTAINER_UNCHANGED.test(event.action);
      if (!unchanged) digest.needsFullRead = true;
      continue;
    }
    if (event.type === 'image') {
      const id = normalizeImageId(event.id);
      if (IMAGE_UNCHANGED.has(event.action)) continue;
      if (IMAGE_GONE.has(event.action) && options.imageRemovalIsFinal) {
        digest.imagesChanged.delete(id);
        digest.imagesGone.add(id);
        continue;
      }
      digest.imagesGone.delete(id);
      const names = digest.imagesChanged.get(id) ?? new Set<string>();
      if (event.name && !event.name.startsWith('sha256:')) names.add(event.name);
      digest.imagesChanged.set(id, names);
    } else {
      const id = event.id.toLowerCase();
      if (CONTAINER_UNCHANGED.test(event.action)) continue;
      if (CONTAINER_GONE.has(event.action)) {
        digest.containersChanged.delete(id);
        digest.containersGone.add(id);
        continue;
      }
      digest.containersGone.delete(id);
      digest.containersChanged.add(id);
    }
  }
  return digest;
}

/** How many images and containers the digest reads back (removals need no call). */
export function readsNeeded(digest: EventDigest): number {
  return digest.imagesChanged.size + digest.containersChanged.size;
}

interface InspectAnswer {
  Id: string;
  Parent?: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created?: string;
  Size?: number;
  Config?: { Labels?: Record<string, string> | null } | null;
}

const isNotFound = (err: unknown) => readEngineFailure(err).statusCode === 404;

/**
 * A list row from an image's inspect. An image ID names its content, so a row the
 * list already gave keeps its Size, Created and parent; the tags come from now.
 */
function rowFromInspect(answer: InspectAnswer, known: RawImage | undefined): RawImage {
  const row: RawImage = {
    Id: answer.Id,
    ParentId: known?.ParentId ?? answer.Parent ?? '',
    RepoTags: answer.RepoTags ?? [],
    RepoDigests: answer.RepoDigests ?? [],
    Created: known?.Created ?? Math.floor(Date.parse(answer.Created ?? '') / 1000),
    Size: known?.Size ?? answer.Size ?? 0,
    Labels: answer.Config?.Labels ?? null,
  };
  return row;
}

export interface PatchOptions {
  /**
   * True where the list's Size is not inspect's (the containerd store adds the
   * unpacked snapshots to the content): a new image's row then comes from the list
   * filtered to its name.
   */
  listSizeDiffers: boolean;
}

/**
 * Brings `raw` up to date with the digest: one inspect per changed image, one list
 * call for all changed containers. A tag that moved (a rebuild under the same name)
 * is announced for the image that took it only: the image that lost it is read too.
 * Resolves 'incomplete' when what came in names images no event announced: the
 * classic builder's untagged step images (a new image's parent that is not
 * listed) are made without an event, so only a full read brings them in.
 */
export async function applyDigest(
  docker: Docker,
  raw: RawLists,
  digest: EventDigest,
  options: PatchOptions,
): Promise<'complete' | 'incomplete'> {
  for (const id of digest.containersGone) raw.containers.delete(id);
  // A build's leftover that a plan removed (eventsOfPlan): its image is no longer held.
  if (raw.buildContainers?.some((c) => digest.containersGone.has(c.id))) {
    raw.buildContainers = raw.buildContainers.filter((c) => !digest.containersGone.has(c.id));
  }
  for (const id of digest.imagesGone) raw.images.delete(id);
  const containerIds = [...digest.containersChanged];
  const containersRead = containerIds.length
    ? (docker.listContainers({ all: true, filters: JSON.stringify({ id: containerIds }) }) as unknown as Promise<
        RawContainer[]
      >)
    : Promise.resolve([]);
  const changed = [...digest.imagesChanged];
  const imagesRead = Promise.all(changed.map(([id, names]) => readImageRow(docker, raw, id, names, options)));
  const [containers, images] = await Promise.all([containersRead, imagesRead]);

  const answered = new Set<string>();
  for (const c of containers) {
    raw.containers.set(c.Id, c);
    answered.add(c.Id);
  }
  // Asked for and not listed: removed meanwhile.
  for (const id of containerIds) if (!answered.has(id)) raw.containers.delete(id);

  const takenTags = new Set(images.flatMap(([, row]) => realTags(row)));
  const readIds = new Set(changed.map(([id]) => id));
  const displaced = [...raw.images.entries()]
    .filter(([id, row]) => !readIds.has(id) && realTags(row).some((t) => takenTags.has(t)))
    .map(([id]) => id);
  const displacedRows = await Promise.all(
    displaced.map((id) => readImageRow(docker, raw, id, new Set<string>(), options)),
  );
  // A new image may share layers with any image listed as sharing none: their
  // SharedSize no longer holds until the next full list. Removals only unshare.
  if (images.some(([id, row]) => row && !raw.images.has(id))) {
    for (const row of raw.images.values()) delete row.SharedSize;
  }
  for (const [id, row] of [...images, ...displacedRows]) {
    if (row) raw.images.set(id, row);
    else raw.images.delete(id);
  }
  const unlistedParent = images.some(([, row]) => row?.ParentId && !raw.images.has(normalizeImageId(row.ParentId)));
  return unlistedParent ? 'incomplete' : 'complete';
}

const realTags = (row: RawImage | null) => (row?.RepoTags ?? []).filter((t) => t !== '<none>:<none>');

async function readImageRow(
  docker: Docker,
  raw: RawLists,
  id: string,
  names: Set<string>,
  options: PatchOptions,
): Promise<[string, RawImage | null]> {
  let answer: InspectAnswer;
  try {
    answer = (await imageNamed(docker, id).inspect()) as InspectAnswer;
  } catch (err) {
    if (isNotFound(err)) return [id, null];
    throw err;
  }
  const known = raw.images.get(id);
  const row = rowFromInspect(answer, known);
  const name = [...names][0] ?? answer.RepoTags?.[0];
  if (!known && options.listSizeDiffers && name) {
    const listed = (await docker.listImages({
      all: true,
      filters: JSON.stringify({ reference: [name] }),
    })) as unknown as RawImage[];
    const same = listed.find((l) => normalizeImageId(l.Id) === id);
    if (same) {
      // A filtered list counts sharing among its own rows only: not a SharedSize to keep.
      const { SharedSize: _notOverAll, ...rest } = same;
      return [id, { ...rest, RepoTags: row.RepoTags ?? [], RepoDigests: row.RepoDigests ?? [] }];
    }
  }
  return [id, row];
}

/**
 * The events a plan's own finished steps amount to, applied as soon as it ran, so
 * the next preview (which plans from the followed lists) already sees them: the
 * engine's own events may still be on their way, or in the batching window.
 * When they arrive they are applied again, to the same result.
 */
export function eventsOfPlan(plan: Plan, report: Pick<ExecutionReport, 'outcomes'>): EngineEvent[] {
  const events: EngineEvent[] = [];
  for (const step of plan.steps) {
    const state = report.outcomes[step.id]?.state;
    if (state !== 'done' && state !== 'already-gone') continue;
    switch (step.action) {
      case 'stop-container':
        events.push({ type: 'container', action: 'stop', id: step.target });
        break;
      case 'remove-container':
      case 'remove-build-container':
        events.push({ type: 'container', action: 'destroy', id: step.target });
        break;
      case 'untag':
        // The tag's image is read back: it may have other tags, or be gone with its last one.
        events.push({ type: 'image', action: 'untag', id: step.expect.imageId ?? '' });
        break;
      case 'remove-image':
      case 'remove-child-image':
        events.push({ type: 'image', action: 'delete', id: step.target });
        for (const parent of step.alsoRemoves ?? []) events.push({ type: 'image', action: 'delete', id: parent.id });
        break;
      case 'remove-volume':
        break;
    }
  }
  return events;
}
