// From an intent to a plan on the live engine: read the lists (with container
// sizes when containers may go), the layer facts of every image (cached by ID,
// on disk too: an image's layers never change), then the pure planner. Resuming re-plans an interrupted plan's
// unfinished steps against today's inventory rather than replaying them.

import type { CleanupIntent, FixChoices, HistoryEntry, Plan } from '../../src-shared/plan';
import type { ContainerSummary, ImageSummary } from '../../src-shared/model';
import type { EngineConnection } from '../engine/connection';
import type { RawContainer, RawImage } from '../inventory/engine-answers';
import { readEngineFailure } from '../engine/engine-error';
import { volumeNamed } from '../engine/handles';
import { accountingOf } from '../inventory/layer-accounting';
import { fetchLayerFacts, readByTag, type ImageLayers } from '../inventory/layer-facts';
import { listsSharedSize, unsharedImageFacts } from '../inventory/unshared-images';
import type { LayerFactsCache } from '../inventory/layer-facts-cache';
import { listsFrom, shownImageIds } from '../inventory/read-lists';
import { readVolumes } from '../inventory/read-volumes';
import { readBuildCache } from '../inventory/read-build-cache';
import { readBuildContainers, withBuildHolders } from '../inventory/read-build-containers';
import { dataRootFreeBytes } from '../disk/engine-storage';
import { PhraseError } from '../../src-shared/phrase-error';
import { phrase } from '../../src-shared/phrase';
import { normalizeImageId } from '../../src-shared/ids';
import { cascadeFactIds } from './cascade';
import { planCleanup, type PlanningInput } from './planner';
import { usesArrivalClock } from '../../src-shared/image-store';
import type { TrashListing, TrashSettings } from '../../src-shared/trash';
import { listTrash } from '../trash/trash-store';

/** The engine's two list answers as the app follows them (inventory-store.ts). */
export interface FollowedLists {
  images: RawImage[];
  containers: RawContainer[];
}

export interface BuildPlanOptions {
  layerCache?: LayerFactsCache;
  /**
   * The lists as engine events keep them in the app: used instead of listing again
   * (on the containerd store a full list of a big host takes the engine seconds).
   * Containers are still listed when the plan needs their sizes. Safe because the
   * executor re-checks every step live: a change the lists had not caught yet
   * becomes a conflict, never a removal the plan did not show.
   */
  lists?: FollowedLists;
  /** Planning time (ms since epoch); `until` filters count back from it. */
  now?: number;
  /** Where the trash keeps copies (<data dir>/trash): an intent asking for `trash` needs it. */
  trashDir?: string;
  /**
   * The trash's settings (with trashDir): an image intent that does not say whether to
   * keep copies gets their default, and plans keep to their size cap and age limit.
   */
  trashSettings?: TrashSettings;
  /**
   * When each image was last used (src-main/inventory/last-used-*): a policy's rules
   * that read last use ask for it; without it, an image counts as used at its own date.
   */
  lastUses?: (lists: {
    images: ImageSummary[];
    containers: ContainerSummary[];
  }) => Promise<(image: ImageSummary) => number>;
}

/** Whether a prune's rules read when images were last used. */
function readsLastUse(intent: CleanupIntent): boolean {
  if (intent.type !== 'prune-images') return false;
  return !!intent.unusedFor || !!intent.threshold || intent.keepNewest?.by === 'last-used';
}

/** The intent with the trash's default filled in where it does not say (TrashKeep → TrashChoice). */
export function withTrashDefault(intent: CleanupIntent, settings: TrashSettings | undefined): CleanupIntent {
  if (!settings || (intent.type !== 'remove-images' && intent.type !== 'prune-images')) return intent;
  if (intent.trash !== undefined) return intent;
  const trash = settings.keep === 'all' ? true : settings.keep === 'none' ? false : 'not-pullable';
  return { ...intent, trash };
}

/** The trash's listing, where the plan may add to it or empty it. */
async function trashOf(opts: BuildPlanOptions, now: number): Promise<{ trash?: TrashListing; trashDir?: string }> {
  if (!opts.trashDir) return {};
  if (!opts.trashSettings) return { trashDir: opts.trashDir };
  return { trashDir: opts.trashDir, trash: await listTrash(opts.trashDir, opts.trashSettings, now) };
}

/** What resuming needs to know about the interrupted plan (a HistoryEntry has it all). */
export type InterruptedPlan = Pick<HistoryEntry, 'planId' | 'intent' | 'steps'>;

async function plan(
  connection: EngineConnection,
  asked: CleanupIntent,
  opts: BuildPlanOptions,
  resume?: { restrictTo: Set<string>; resumedFrom: string },
): Promise<Plan> {
  const intent = withTrashDefault(asked, opts.trashSettings);
  if (intent.type === 'empty-trash') {
    const now = opts.now ?? Date.now();
    return planCleanup({
      intent,
      images: [],
      containers: [],
      layers: new Map(),
      engine: connection.engine,
      host: connection.endpoint.host,
      now,
      ...(await trashOf(opts, now)),
    });
  }
  if (intent.type === 'remove-volumes' || intent.type === 'prune-volumes') {
    return planVolumes(connection, intent, opts, resume);
  }
  if (intent.type === 'prune-build-cache') return planBuildCache(connection, intent, opts, resume);
  const { docker, engine, endpoint } = connection;
  const cache = opts.layerCache;
  const withCache = cache ? { cache } : {};
  const accountingRead = accountingOf(connection);
  // Only plans that may remove containers count their writable layers; sizes make the engine walk each one.
  const containerSizes = intent.type !== 'prune-images' || intent.withStoppedContainers === true;
  const followed = opts.lists;
  const sharedSize = listsSharedSize(engine);
  const rawImagesRead = followed
    ? Promise.resolve(followed.images)
    : (docker.listImages({ all: true, ...(sharedSize ? { 'shared-size': true } : {}) }) as unknown as Promise<
        RawImage[]
      >);
  const rawContainersRead =
    followed && !containerSizes
      ? Promise.resolve(followed.containers)
      : (docker.listContainers({ all: true, size: containerSizes }) as unknown as Promise<RawContainer[]>);
  // Layer facts need only the image list: on the containerd store the container list takes
  // longer than the image list (each container's image is resolved), so the facts are read meanwhile.
  // Images that share no layer are sized from the list itself (unshared-images.ts).
  const shownFactsRead = Promise.all([rawImagesRead, accountingRead]).then(async ([rawImages, accounting]) => {
    const fromList = sharedSize ? unsharedImageFacts(rawImages, accounting) : new Map<string, ImageLayers>();
    const needed = shownImageIds(rawImages).filter((id) => !fromList.has(id) || cache?.get(id));
    const readBy = readByTag(
      engine.imageStore,
      rawImages.map((r) => ({ id: normalizeImageId(r.Id), tags: r.RepoTags ?? [] })),
    );
    const read = await fetchLayerFacts(docker, needed, { accounting, ...withCache, ...(readBy ? { readBy } : {}) });
    // Facts read from history (now or before) are the finer figure where both exist.
    return new Map([...fromList, ...read]);
  });
  // Podman: images its builds' leftover containers stand on cannot be removed (409). Should
  // its own API fail, the plan is made without them and the engine's refusal says why.
  const buildContainersRead = readBuildContainers(docker, engine).catch(() => []);
  const [rawImages, rawContainers, accounting, shownFacts, buildContainers] = await Promise.all([
    rawImagesRead,
    rawContainersRead,
    accountingRead,
    shownFactsRead,
    buildContainersRead,
  ]);
  const lists = withBuildHolders(listsFrom(rawImages, rawContainers, { containerSizes, engine }), buildContainers);
  const lastUseAt = opts.lastUses && readsLastUse(intent) ? await opts.lastUses(lists) : undefined;
  // Containers may use an image the list hides (an intermediate): its layers pin bytes too.
  const ids = [...new Set([...lists.images.map((i) => i.id), ...lists.containers.map((c) => c.imageId)])];
  const hiddenInUse = ids.filter((id) => !shownFacts.has(id));
  const layers = hiddenInUse.length
    ? new Map([...shownFacts, ...(await fetchLayerFacts(docker, hiddenInUse, { accounting, ...withCache }))])
    : shownFacts;
  const now = opts.now ?? Date.now();
  const olderOnEngineClock =
    intent.type === 'prune-images' && intent.until && intent.untilClock !== 'build' && usesArrivalClock(engine)
      ? await imagesOlderOnEngine(docker, intent.until)
      : undefined;
  // A threshold on free space counts from what the engine's disk has free now: only where it can be seen.
  const diskFree =
    intent.type === 'prune-images' && intent.threshold?.measure === 'disk-free'
      ? await diskFreeOf(connection)
      : undefined;
  const volumesCreatedAt =
    intent.type === 'start-fresh' ? await volumeCreationTimes(docker, intent.volumes ?? []) : undefined;
  const input: PlanningInput = {
    intent,
    images: lists.images,
    containers: lists.containers,
    allImages: lists.everyImage,
    layers,
    engine,
    host: endpoint.host,
    now,
    containerAccounting: accounting.containers,
    ...(await trashOf(opts, now)),
    ...(olderOnEngineClock ? { olderOnEngineClock } : {}),
    ...(diskFree !== undefined ? { diskFree } : {}),
    ...(lastUseAt ? { lastUseAt } : {}),
    ...(volumesCreatedAt ? { volumesCreatedAt } : {}),
    ...(resume ?? {}),
  };
  const first = planCleanup(input);
  // Untagged parents that go with a step: their layer facts give the bytes they free.
  const parentIds = cascadeFactIds(
    new Map(first.steps.flatMap((s) => (s.alsoRemoves ? [[s.id, s.alsoRemoves] as const] : []))),
    lists.everyImage,
  ).filter((id) => !layers.has(id));
  if (parentIds.length === 0) {
    await keepOnly(cache, ids);
    return first;
  }
  const parentLayers = await fetchLayerFacts(docker, parentIds, { accounting, ...withCache });
  await keepOnly(cache, [...ids, ...parentLayers.keys()]);
  return planCleanup({ ...input, layers: new Map([...layers, ...parentLayers]) });
}

/**
 * Volume plans read the containers (who mounts what) and the volumes with their
 * sizes (the engine's disk usage of volumes alone): no image list, no layer facts.
 */
async function planVolumes(
  connection: EngineConnection,
  intent: Extract<CleanupIntent, { type: 'remove-volumes' } | { type: 'prune-volumes' }>,
  opts: BuildPlanOptions,
  resume?: { restrictTo: Set<string>; resumedFrom: string },
): Promise<Plan> {
  const { docker, engine, endpoint } = connection;
  const rawContainers = opts.lists
    ? opts.lists.containers
    : ((await docker.listContainers({ all: true })) as unknown as RawContainer[]);
  const { containers } = listsFrom([], rawContainers, { engine });
  const { volumes } = await readVolumes(docker, engine, containers, { sizes: true });
  return planCleanup({
    intent,
    images: [],
    containers,
    layers: new Map(),
    engine,
    host: endpoint.host,
    now: opts.now ?? Date.now(),
    volumes,
    ...(resume ?? {}),
  });
}

/** Build cache plans read the cache records (Docker) or the builds' leftover containers (Podman) alone: no lists, no layer facts. */
async function planBuildCache(
  connection: EngineConnection,
  intent: Extract<CleanupIntent, { type: 'prune-build-cache' }>,
  opts: BuildPlanOptions,
  resume?: { restrictTo: Set<string>; resumedFrom: string },
): Promise<Plan> {
  const { docker, engine, endpoint } = connection;
  const { records, buildContainers } = await readBuildCache(docker, engine);
  // min-free-space counts from what the engine's disk has free now: only where it can be seen.
  const diskFree = intent.minFreeSpace !== undefined ? await diskFreeOf(connection) : undefined;
  return planCleanup({
    intent,
    images: [],
    containers: [],
    layers: new Map(),
    engine,
    host: endpoint.host,
    now: opts.now ?? Date.now(),
    buildCache: records,
    buildContainers,
    ...(diskFree !== undefined ? { diskFree } : {}),
    ...(resume ?? {}),
  });
}

/** Bytes free on the engine's disk (its data root's filesystem); refused where Barnacle cannot see it. */
async function diskFreeOf({ docker, engine, endpoint }: EngineConnection): Promise<number> {
  const free = await dataRootFreeBytes({ host: endpoint.host, engine, info: () => docker.info() });
  if (free === null) throw new PhraseError(phrase('plan.diskFreeUnknown'));
  return free;
}

/** Facts of images gone from the engine are dropped; what is new is saved for the next start. */
async function keepOnly(cache: LayerFactsCache | undefined, imageIds: Iterable<string>): Promise<void> {
  if (!cache) return;
  cache.retainOnly(imageIds);
  await cache.save();
}

/** When each named volume was created; a volume that is not there is left out (the step then fails as not found). */
async function volumeCreationTimes(docker: EngineConnection['docker'], names: string[]): Promise<Map<string, string>> {
  const times = new Map<string, string>();
  for (const name of names) {
    try {
      const info = (await volumeNamed(docker, name).inspect()) as { CreatedAt?: string };
      if (info.CreatedAt) times.set(name, info.CreatedAt);
    } catch (err) {
      if (readEngineFailure(err).statusCode !== 404) throw err;
    }
  }
  return times;
}

/**
 * The images the engine itself counts as older than `until`: on a store whose
 * prune reads the time an image arrived (usesArrivalClock), that time is not in
 * any answer, but the image list applies the very same filter.
 */
async function imagesOlderOnEngine(docker: EngineConnection['docker'], until: string): Promise<Set<string>> {
  const answer = (await docker.listImages({ all: true, filters: JSON.stringify({ until: [until] }) })) as {
    Id: string;
  }[];
  return new Set(answer.map((i) => normalizeImageId(i.Id)));
}

export function buildPlan(
  connection: EngineConnection,
  intent: CleanupIntent,
  opts: BuildPlanOptions = {},
): Promise<Plan> {
  return plan(connection, intent, opts);
}

const FINISHED = new Set(['done', 'already-gone']);

/**
 * The intent to re-plan with. A removal the user confirmed stays confirmed for
 * the same image (the tag that named it may be gone by now: ask by ID, all
 * tags); any new conflict gets the planner's cautious default again.
 */
export function resumeIntent(interrupted: InterruptedPlan): CleanupIntent {
  const { intent } = interrupted;
  if (intent.type !== 'remove-images') return intent;
  const unfinished = interrupted.steps.filter((s) => !FINISHED.has(s.outcome));
  const images = unfinished
    .filter((s) => s.action === 'remove-image' || s.action === 'remove-child-image')
    .map((s) => s.target);
  const tagsOnly = unfinished.filter((s) => s.action === 'untag').map((s) => s.target);
  const perImage: NonNullable<FixChoices['perImage']> = { ...intent.choices?.perImage };
  for (const id of images) perImage[id] = { ...perImage[id], multipleReferences: 'all-tags' };
  return {
    type: 'remove-images',
    refs: [...new Set([...images, ...tagsOnly])],
    choices: { ...intent.choices, perImage },
    // The copies the person chose still come first.
    ...(intent.trash !== undefined ? { trash: intent.trash } : {}),
    ...(intent.trashPerImage ? { trashPerImage: intent.trashPerImage } : {}),
  };
}

/** A new plan for what the interrupted plan did not finish, and nothing else. */
export function buildResumePlan(
  connection: EngineConnection,
  interrupted: InterruptedPlan,
  opts: BuildPlanOptions = {},
): Promise<Plan> {
  const restrictTo = new Set(interrupted.steps.filter((s) => !FINISHED.has(s.outcome)).map((s) => s.target));
  return plan(connection, resumeIntent(interrupted), opts, { restrictTo, resumedFrom: interrupted.planId });
}
