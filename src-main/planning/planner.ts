// Intent + inventory → plan. Pure: everything it needs is passed in, so it is
// tested on hand-built inventories and used unchanged by the app and the CLI.
//
// Two passes: first decide which images go whole (conflicts, the user's fixes,
// children), until the set is stable; then emit steps in an order the engine
// accepts (stop → rm containers → untag → rmi children before parents).

import { phrase } from '../../src-shared/phrase';
import { createHash, randomUUID } from 'node:crypto';
import type {
  BuildCacheRecord,
  BuildContainer,
  ContainerSummary,
  EngineInfo,
  ImageSummary,
  VolumeSummary,
} from '../../src-shared/model';
import type { CleanupIntent, FixChoices, Plan, StepReason, UntilBasis } from '../../src-shared/plan';
import type { Verdict } from '../inventory/layer-accounting';
import type { ImageLayers } from '../inventory/layer-facts';
import { isActiveState } from '../../src-shared/container-state';
import { settleChildren } from './children';
import { cascadedParents, cascadeRuleOf } from './cascade';
import { cliCommands } from './commands';
import { chosenFix, referencesDecision, runningDecision, stoppedDecision } from './decisions';
import { emitImageSteps, type Removal, type UntagRequest } from './image-steps';
import { Phase, PlanDraft } from './plan-draft';
import { ReferenceIndex } from './references';
import { containerName, imageName } from '../../src-shared/display-names';
import { usesArrivalClock } from '../../src-shared/image-store';
import { selectPruneCandidates, selectStoppedContainers } from './selection';
import { attributeBytes } from './step-bytes';
import { emitVolumeSteps, type VolumeBytes } from './volume-steps';
import { emitBuildCacheSteps } from './build-cache-steps';
import { emitBuildContainerSteps } from './build-container-steps';
import { withTrashSteps } from './trash-steps';
import { applyPolicyRules, hasPolicyRules } from './policy-rules';
import { lastUseSortKey } from '../../src-shared/last-used';
import type { ThresholdReading } from '../../src-shared/policy';
import type { TrashListing } from '../../src-shared/trash';

export interface PlanningInput {
  intent: CleanupIntent;
  images: ImageSummary[];
  containers: ContainerSummary[];
  layers: Map<string, ImageLayers>;
  engine: EngineInfo;
  host: string;
  now: number;
  /** Whether containers' SizeRw is what removing them frees (readLayerAccounting's `containers`). */
  containerAccounting?: Verdict;
  /**
   * Resuming: only steps on these targets (image IDs, tags, container IDs,
   * volume names), plus the steps they wait for, make it into the plan.
   */
  restrictTo?: ReadonlySet<string>;
  /** Resuming: the plan this one finishes. */
  resumedFrom?: string;
  /** Every image, intermediates included (Lists.everyImage): which untagged parents go with a step. */
  allImages?: ImageSummary[];
  /** Prune with `until` on the engine's clock where it is not the build date: the images it counts as older. */
  olderOnEngineClock?: ReadonlySet<string>;
  /** Start fresh: when each named volume was created (re-checked before it is removed). */
  volumesCreatedAt?: ReadonlyMap<string, string>;
  /** Every volume with who mounts it and its size: what remove-volumes and prune-volumes plan from. */
  volumes?: VolumeSummary[];
  /** The engine's build cache records: what prune-build-cache plans from. */
  buildCache?: BuildCacheRecord[];
  /** Where the trash keeps its copies (<data dir>/trash): needed by an intent asking for `trash`. */
  trashDir?: string;
  /** What the trash holds and its limits: empty-trash plans from it, and plans that add copies keep to its cap. */
  trash?: TrashListing;
  /**
   * When each image was last used (ms), for a policy's rules: the last-used store's
   * lookup. Absent: the image's own `lastUsed`, else its build date.
   */
  lastUseAt?: (image: ImageSummary) => number;
  /** Bytes free on the engine's disk now: what a build cache plan's minFreeSpace counts from. */
  diskFree?: number;
  /** Podman: containers its builds left, which build cache plans remove (images name theirs: ImageSummary.buildContainers). */
  buildContainers?: BuildContainer[];
}

export function planCleanup(input: PlanningInput): Plan {
  const draft = new PlanDraft();
  const containersById = new Map(input.containers.map((c) => [c.id, c]));
  const intent = input.intent;
  const removals = new Map<string, Removal>();
  const untags: UntagRequest[] = [];

  /** Podman refuses to remove an image a build container stands on, forced or not: the plan leaves it. */
  const keptForBuild = (image: ImageSummary): boolean => {
    const builds = image.buildContainers;
    if (!builds?.length) return false;
    draft.skip({
      target: image.id,
      label: imageName(image),
      conflict: 'build-container',
      reason: phrase('skip.imageHeldByBuild', { containers: builds.map((b) => `"${b}"`), count: builds.length }),
    });
    return true;
  };

  const containersOf = (image: ImageSummary) =>
    image.containers.map((ref) => containersById.get(ref.id)).filter((c): c is ContainerSummary => !!c);

  /** Whole-image removal, after the container conflict (if any) is settled by the user's choice. */
  const considerWhole = (
    image: ImageSummary,
    reason: StepReason,
    choices: FixChoices | undefined,
    childStep = false,
  ) => {
    if (removals.has(image.id) || keptForBuild(image)) return;
    const users = containersOf(image);
    const label = imageName(image);
    const remove = (extra: Partial<Removal>) =>
      removals.set(image.id, { image, childStep, force: false, containers: [], reason, ...extra });
    if (users.some((c) => isActiveState(c.state))) {
      const decision = runningDecision(
        draft.decisionId(),
        image,
        input.engine,
        chosenFix(choices, image.id, 'runningContainer', 'keep-image'),
      );
      draft.decisions.push(decision);
      if (decision.chosen === 'stop-and-remove-containers') {
        remove({ containers: users, resolves: 'running-container', choice: decision.chosen });
      } else {
        draft.skip({ target: image.id, label, conflict: 'running-container', reason: decision.explanation });
      }
      return;
    }
    if (users.length > 0) {
      const fix = chosenFix(choices, image.id, 'stoppedContainer', 'keep-image');
      const decision = stoppedDecision(draft.decisionId(), image, input.engine, fix);
      draft.decisions.push(decision);
      switch (decision.chosen) {
        case 'remove-containers':
          return remove({ containers: users, resolves: 'stopped-container', choice: 'remove-containers' });
        case 'force-delete':
          return remove({ force: true, resolves: 'stopped-container', choice: 'force-delete' });
        case 'untag-only':
          for (const tag of image.tags) untags.push({ image, tag, reason: 'untag-only', choice: 'untag-only' });
          return;
        default:
          draft.skip({ target: image.id, label, conflict: 'stopped-container', reason: decision.explanation });
          return;
      }
    }
    remove({});
  };

  let volumeBytes: VolumeBytes = { bytes: 0, unknown: [] };
  let threshold: ThresholdReading | undefined;
  let unsizedBuilds: string[] = [];
  switch (intent.type) {
    case 'remove-images':
      selectRemovals(intent, input.images, input.engine, draft, untags, considerWhole);
      break;
    case 'prune-images': {
      if (intent.withStoppedContainers) {
        for (const c of selectStoppedContainers(input.containers, undefined, input.images)) {
          draft.removeContainer(c, 'prune-container');
        }
      }
      const gone = new Set(input.containers.filter((c) => draft.containerStep(c.id)).map((c) => c.id));
      const { candidates, kept } = selectPruneCandidates(
        intent,
        input.images,
        gone,
        input.now,
        input.olderOnEngineClock,
      );
      for (const k of kept) draft.skip(k);
      let chosen = candidates;
      if (hasPolicyRules(intent)) {
        const ruled = applyPolicyRules({
          intent,
          candidates,
          images: input.images,
          inUse: new Set(input.containers.map((c) => c.imageId)),
          layers: input.layers,
          now: input.now,
          lastUseAt: input.lastUseAt ?? lastUseSortKey,
          ...(input.diskFree !== undefined ? { diskFree: input.diskFree } : {}),
        });
        for (const k of ruled.kept) draft.skip(k);
        chosen = ruled.chosen;
        threshold = ruled.threshold;
      }
      const reason = intent.all ? 'unused' : 'dangling';
      for (const image of chosen) {
        removals.set(image.id, { image, childStep: false, force: false, containers: containersOf(image), reason });
      }
      break;
    }
    case 'remove-stopped-containers': {
      const stopped = selectStoppedContainers(input.containers, intent.ancestor, input.images);
      const chosen = intent.ids ? pickContainers(input.containers, intent.ids, draft) : null;
      for (const c of stopped) {
        if (chosen && !chosen.has(c.id)) continue;
        draft.removeContainer(c, 'stopped-container');
      }
      break;
    }
    case 'remove-volumes':
    case 'prune-volumes':
      volumeBytes = emitVolumeSteps(intent, input.volumes ?? [], draft);
      break;
    case 'prune-build-cache':
      emitBuildCacheSteps(intent, input.buildCache ?? [], input.now, draft, input.diskFree);
      unsizedBuilds = emitBuildContainerSteps(intent, input.buildContainers ?? [], input.now, draft);
      break;
    case 'empty-trash':
      // Its steps come from the trash's listing, with the copies (withTrashSteps).
      break;
    case 'start-fresh':
      for (const c of input.containers) draft.removeContainer(c, 'start-fresh');
      for (const image of input.images) {
        removals.set(image.id, {
          image,
          childStep: false,
          force: false,
          containers: containersOf(image),
          reason: 'start-fresh',
        });
      }
      break;
  }

  // Prune and start fresh choose images without considerWhole: the same rule, applied here.
  for (const [id, removal] of removals) if (keptForBuild(removal.image)) removals.delete(id);
  settleChildren(input, removals, draft, considerWhole);
  emitImageSteps(input.images, removals, untags, draft);
  if (intent.type === 'start-fresh') {
    const containerSteps = input.containers.flatMap((c) => draft.containerStep(c.id) ?? []);
    for (const volume of intent.volumes ?? []) {
      draft.add(Phase.Volume, {
        action: 'remove-volume',
        target: volume,
        label: volume,
        reason: 'volume',
        risks: [{ kind: 'removes-volume', volume }],
        after: containerSteps,
        expect: input.volumesCreatedAt?.has(volume) ? { volumeCreatedAt: input.volumesCreatedAt.get(volume)! } : {},
      });
    }
  }
  if (input.restrictTo) draft.retainOnly(input.restrictTo);

  const planId = randomUUID();
  const trashed = withTrashSteps(draft.ordered(), {
    intent,
    images: input.allImages ?? input.images,
    containers: input.containers,
    layers: input.layers,
    trashDir: input.trashDir,
    trash: input.trash,
    planId,
  });
  const steps = trashed.steps;
  for (const item of trashed.skipped) draft.skip(item);
  const space = attributeBytes(steps, input.layers, input.images, input.containers, input.containerAccounting);
  if (input.allImages) {
    const cascade = cascadedParents({
      steps,
      allImages: input.allImages,
      containers: input.containers,
      rule: cascadeRuleOf(input.engine),
      layers: input.layers,
      freedChains: space.freedChains,
    });
    for (const step of steps) {
      const parents = cascade.get(step.id);
      if (parents) step.alsoRemoves = parents;
    }
  }
  const plan: Omit<Plan, 'digest'> = {
    id: planId,
    createdAt: input.now,
    engine: {
      host: input.host,
      kind: input.engine.kind,
      version: input.engine.version,
      store: input.engine.imageStore,
    },
    intent,
    steps,
    decisions: draft.decisions,
    // Volumes and cache records free their own size (known at planning); layers are attributed above.
    bytesFreed: space.bytes + volumeBytes.bytes + cacheBytes(steps),
    exact: space.exact && volumeBytes.unknown.length === 0 && unsizedBuilds.length === 0,
    inexactReasons: [
      ...space.reasons,
      ...(volumeBytes.unknown.length ? [phrase('space.volumeSizeUnknown', { volumes: volumeBytes.unknown })] : []),
      ...(unsizedBuilds.length ? [phrase('space.buildContainerSizeUnknown', { containers: unsizedBuilds })] : []),
    ],
    // Every tag on the engine: a short ID that is also some image's name is written in full.
    commands: cliCommands(steps, { tags: (input.allImages ?? input.images).flatMap((i) => i.tags) }),
    skipped: draft.skipped,
  };
  if (input.resumedFrom) plan.resumedFrom = input.resumedFrom;
  if (intent.type === 'prune-images' && intent.until) plan.untilBasis = untilBasisOf(intent, input);
  if (intent.type === 'prune-build-cache' && input.diskFree !== undefined) plan.diskFree = input.diskFree;
  // The rules chose by estimate; what the plan's steps free (children kept, shared layers) settles it.
  if (threshold) plan.threshold = settledReading(threshold, space.bytes);
  return { ...plan, digest: planDigest(plan) };
}

function settledReading(reading: ThresholdReading, freed: number): ThresholdReading {
  const after = reading.measure === 'images-bytes' ? reading.measured - freed : reading.measured + freed;
  const reachesTarget = reading.measure === 'images-bytes' ? after <= reading.target : after >= reading.target;
  return { ...reading, after, reachesTarget };
}

/** What the plan's build cache and trash steps free: each record's, each archive's own size. */
const cacheBytes = (steps: Plan['steps']): number =>
  steps
    .filter((s) => s.action === 'remove-build-cache' || s.action === 'remove-trash-entry')
    .reduce((sum, s) => sum + s.bytes, 0);

/** What an `until` cut-off is compared with: only the containerd store's own prune reads the arrival time. */
function untilBasisOf(intent: PruneImagesIntent, input: PlanningInput): UntilBasis {
  return intent.untilClock !== 'build' && usesArrivalClock(input.engine) ? 'arrival' : 'build-date';
}

type PruneImagesIntent = Extract<CleanupIntent, { type: 'prune-images' }>;
type RemoveImagesIntent = Extract<CleanupIntent, { type: 'remove-images' }>;

/** The refs the user typed, grouped per image: whole images, or some of an image's tags. */
function selectRemovals(
  intent: RemoveImagesIntent,
  images: ImageSummary[],
  engine: EngineInfo,
  draft: PlanDraft,
  untags: UntagRequest[],
  considerWhole: (image: ImageSummary, reason: StepReason, choices: FixChoices | undefined) => void,
): void {
  const groups = new Map<string, { image: ImageSummary; whole: boolean; tags: string[] }>();
  const index = new ReferenceIndex(images);
  for (const ref of intent.refs) {
    const r = index.resolve(ref);
    if (r.kind === 'missing' || r.kind === 'ambiguous') {
      draft.skip({
        target: ref,
        label: ref,
        conflict: 'not-found',
        reason: phrase(r.kind === 'missing' ? 'skip.noImage' : 'skip.ambiguous', { ref }),
      });
      continue;
    }
    const g = groups.get(r.image.id) ?? { image: r.image, whole: false, tags: [] };
    if (r.kind === 'image') g.whole = true;
    else if (!g.tags.includes(r.tag)) g.tags.push(r.tag);
    groups.set(r.image.id, g);
  }
  for (const { image, whole, tags } of groups.values()) {
    if (!whole && tags.length < image.tags.length) {
      // Some tags of an image that has more: by default only those tags go.
      const fix = chosenFix(intent.choices, image.id, 'multipleReferences', 'selected-tag');
      const decision = referencesDecision(draft.decisionId(), image, engine, tags, fix);
      draft.decisions.push(decision);
      if (decision.chosen === 'selected-tag') {
        for (const tag of tags) untags.push({ image, tag, reason: 'selected-tag', choice: 'selected-tag' });
        continue;
      }
    } else if (whole && image.tags.length > 1) {
      // An ID whose image several repositories name: the engine asks to be sure, so does Barnacle.
      const fix = chosenFix(intent.choices, image.id, 'multipleReferences', 'keep-image');
      const decision = referencesDecision(draft.decisionId(), image, engine, [], fix);
      draft.decisions.push(decision);
      if (decision.chosen !== 'all-tags') {
        draft.skip({
          target: image.id,
          label: imageName(image),
          conflict: 'multiple-references',
          reason: decision.explanation,
        });
        continue;
      }
    }
    considerWhole(image, 'selected', intent.choices);
  }
}

/** sha256 over what execution depends on: the engine and every step's action, target, order and checks. */
export function planDigest(plan: Omit<Plan, 'digest'>): string {
  const canonical = JSON.stringify({
    id: plan.id,
    host: plan.engine.host,
    steps: plan.steps.map((s) => [
      s.id,
      s.action,
      s.target,
      s.force ?? false,
      s.volumes ?? [],
      s.after,
      s.expect,
      (s.alsoRemoves ?? []).map((p) => p.id),
      // Where a copy goes and what it holds: a plan file cannot point a copy elsewhere unnoticed.
      s.copy ?? null,
    ]),
  });
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}

/** The containers the user named; running or unknown ones are reported as skipped, never stopped. */
function pickContainers(containers: ContainerSummary[], ids: string[], draft: PlanDraft): Set<string> {
  const chosen = new Set<string>();
  for (const ref of ids) {
    const c = containers.find(
      (x) => x.id === ref || (ref.length >= 12 && x.id.startsWith(ref)) || x.names.includes(ref),
    );
    if (!c) {
      draft.skip({ target: ref, label: ref, conflict: 'not-found', reason: phrase('skip.noContainer', { ref }) });
    } else if (isActiveState(c.state)) {
      const label = containerName(c);
      draft.skip({
        target: c.id,
        label,
        conflict: 'container-running',
        reason: phrase('skip.containerActive', { name: label, state: c.state }),
      });
    } else chosen.add(c.id);
  }
  return chosen;
}
