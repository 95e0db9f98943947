// From an intent to a plan on the live engine: read the lists (with container
// sizes), the layer facts of every image (cached by ID: an image's layers never
// change), then the pure planner. Resuming re-plans an interrupted plan's
// unfinished steps against today's inventory rather than replaying them.

import type { CleanupIntent, FixChoices, HistoryEntry, Plan } from '../../src-shared/plan';
import type { EngineConnection } from '../engine/connection';
import { readLayerAccounting } from '../inventory/layer-accounting';
import { fetchLayerFacts, type LayerFactsCache } from '../inventory/layer-facts';
import { readLists } from '../inventory/read-lists';
import { normalizeImageId } from '../inventory/ids';
import { cascadeFactIds } from './cascade';
import { planCleanup, type PlanningInput } from './planner';
import { usesArrivalClock } from './selection';

export interface BuildPlanOptions {
  layerCache?: LayerFactsCache;
  /** Planning time (ms since epoch); `until` filters count back from it. */
  now?: number;
}

/** What resuming needs to know about the interrupted plan (a HistoryEntry has it all). */
export type InterruptedPlan = Pick<HistoryEntry, 'planId' | 'intent' | 'steps'>;

async function plan(
  connection: EngineConnection,
  intent: CleanupIntent,
  opts: BuildPlanOptions,
  resume?: { restrictTo: Set<string>; resumedFrom: string },
): Promise<Plan> {
  const { docker, engine, endpoint } = connection;
  const [lists, accounting] = await Promise.all([
    readLists(docker, { containerSizes: true, engine }),
    readLayerAccounting(docker),
  ]);
  // Containers may use an image the list hides (an intermediate): its layers pin bytes too.
  const ids = [...new Set([...lists.images.map((i) => i.id), ...lists.containers.map((c) => c.imageId)])];
  const layers = await fetchLayerFacts(docker, ids, {
    accounting,
    ...(opts.layerCache ? { cache: opts.layerCache } : {}),
  });
  const now = opts.now ?? Date.now();
  const olderOnEngineClock =
    intent.type === 'prune-images' && intent.until && intent.untilClock !== 'build' && usesArrivalClock(engine)
      ? await imagesOlderOnEngine(docker, intent.until)
      : undefined;
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
    ...(olderOnEngineClock ? { olderOnEngineClock } : {}),
    ...(resume ?? {}),
  };
  const first = planCleanup(input);
  // Untagged parents that go with a step: their layer facts give the bytes they free.
  const parentIds = cascadeFactIds(
    new Map(first.steps.flatMap((s) => (s.alsoRemoves ? [[s.id, s.alsoRemoves] as const] : []))),
    lists.everyImage,
  ).filter((id) => !layers.has(id));
  if (parentIds.length === 0) {
    opts.layerCache?.retainOnly(ids);
    return first;
  }
  const parentLayers = await fetchLayerFacts(docker, parentIds, {
    accounting,
    ...(opts.layerCache ? { cache: opts.layerCache } : {}),
  });
  opts.layerCache?.retainOnly([...ids, ...parentLayers.keys()]);
  return planCleanup({ ...input, layers: new Map([...layers, ...parentLayers]) });
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
