// Intent + inventory → plan. Pure: everything it needs is passed in, so it is
// tested on hand-built inventories and used unchanged by the app and the CLI.
//
// Two passes: first decide which images go whole (conflicts, the user's fixes,
// children), until the set is stable; then emit steps in an order the engine
// accepts (stop → rm containers → untag → rmi children before parents).

import { createHash, randomUUID } from 'node:crypto';
import type { ContainerSummary, EngineInfo, ImageSummary } from '../../src-shared/model';
import type {
  CleanupIntent,
  ConflictDecision,
  FixChoices,
  Plan,
  PlanStep,
  RiskFlag,
  SkippedItem,
  StepAction,
} from '../../src-shared/plan';
import type { ImageLayers } from '../inventory/layer-facts';
import { shortId } from '../inventory/ids';
import { containerName, isActiveState } from '../inventory/relations';
import { cliCommands } from './commands';
import {
  childrenDecision,
  chosenFix,
  imageLabel,
  referencesDecision,
  runningDecision,
  stoppedDecision,
} from './decisions';
import { attributeBytes } from './step-bytes';
import { selectPruneCandidates, selectStoppedContainers } from './selection';
import { familiarReference, resolveReference } from './references';

export interface PlanningInput {
  intent: CleanupIntent;
  images: ImageSummary[];
  containers: ContainerSummary[];
  layers: Map<string, ImageLayers>;
  engine: EngineInfo;
  host: string;
  now: number;
}

interface Removal {
  image: ImageSummary;
  childStep: boolean;
  force: boolean;
  /** Containers the plan removes first. */
  containers: ContainerSummary[];
  reason: string;
  resolves?: PlanStep['resolves'];
  choice?: PlanStep['choice'];
}

class PlanDraft {
  readonly steps: PlanStep[] = [];
  readonly decisions: ConflictDecision[] = [];
  readonly skipped: SkippedItem[] = [];
  private readonly containerSteps = new Map<string, { stop?: string; remove?: string }>();

  decisionId(): string {
    return `d${this.decisions.length + 1}`;
  }

  add(step: Omit<PlanStep, 'id' | 'bytes' | 'risks' | 'after'> & Partial<Pick<PlanStep, 'risks' | 'after'>>): string {
    const id = `s${this.steps.length + 1}`;
    this.steps.push({ risks: [], after: [], bytes: 0, ...step, id });
    return id;
  }

  skip(item: SkippedItem): void {
    if (!this.skipped.some((s) => s.target === item.target && s.conflict === item.conflict)) this.skipped.push(item);
  }

  /** Stop (if running) and remove a container once, however many images need it gone. */
  removeContainer(c: ContainerSummary, reason: string, extra: Partial<PlanStep> = {}): string {
    const known = this.containerSteps.get(c.id);
    if (known?.remove) return known.remove;
    const name = containerName(c);
    const compose: RiskFlag[] = c.composeProject ? [{ kind: 'compose-project', project: c.composeProject }] : [];
    let stop: string | undefined;
    if (isActiveState(c.state)) {
      stop = this.add({
        action: 'stop-container',
        target: c.id,
        label: name,
        reason,
        risks: [{ kind: 'running-container' }, ...compose],
        expect: { imageId: c.imageId },
        ...pick(extra, ['resolves', 'choice']),
      });
    }
    const anonymous = c.mounts.filter((m) => m.anonymous).map((m) => m.name);
    const risks: RiskFlag[] = [...compose];
    if (anonymous.length) risks.push({ kind: 'anonymous-volumes', volumes: anonymous });
    if ((c.sizeRw ?? 0) > 0) risks.push({ kind: 'writable-layer', bytes: c.sizeRw ?? 0 });
    const remove = this.add({
      action: 'remove-container',
      target: c.id,
      label: name,
      reason,
      risks,
      after: stop ? [stop] : [],
      expect: { imageId: c.imageId },
      ...pick(extra, ['resolves', 'choice']),
    });
    this.containerSteps.set(c.id, { stop, remove });
    return remove;
  }
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

export function planCleanup(input: PlanningInput): Plan {
  const draft = new PlanDraft();
  const byId = new Map(input.images.map((i) => [i.id, i]));
  const containersById = new Map(input.containers.map((c) => [c.id, c]));
  const intent = input.intent;

  const removals = new Map<string, Removal>();
  const untags: { image: ImageSummary; tag: string; reason: string; choice?: PlanStep['choice'] }[] = [];

  const containersOf = (image: ImageSummary) =>
    image.containers.map((ref) => containersById.get(ref.id)).filter((c): c is ContainerSummary => !!c);

  /** Whole-image removal, after the container conflict (if any) is settled by the user's choice. */
  const considerWhole = (image: ImageSummary, reason: string, choices: FixChoices | undefined, childStep = false) => {
    if (removals.has(image.id)) return;
    const users = containersOf(image);
    const label = imageLabel(image);
    if (users.some((c) => isActiveState(c.state))) {
      const fix = chosenFix(choices, image.id, 'runningContainer', 'keep-image');
      const decision = runningDecision(draft.decisionId(), image, fix);
      draft.decisions.push(decision);
      if (fix === 'keep-image') {
        draft.skip({ target: image.id, label, conflict: 'running-container', reason: decision.explanation });
        return;
      }
      removals.set(image.id, { image, childStep, force: false, containers: users, reason, resolves: 'running-container', choice: fix });
      return;
    }
    if (users.length > 0) {
      const decision = stoppedDecision(draft.decisionId(), image, input.engine, chosenFix(choices, image.id, 'stoppedContainer', 'keep-image'));
      draft.decisions.push(decision);
      switch (decision.chosen) {
        case 'remove-containers':
          removals.set(image.id, { image, childStep, force: false, containers: users, reason, resolves: 'stopped-container', choice: 'remove-containers' });
          return;
        case 'force-delete':
          removals.set(image.id, { image, childStep, force: true, containers: [], reason, resolves: 'stopped-container', choice: 'force-delete' });
          return;
        case 'untag-only':
          for (const tag of image.tags) untags.push({ image, tag, reason: 'keep the containers, drop the tag', choice: 'untag-only' });
          return;
        default:
          draft.skip({ target: image.id, label, conflict: 'stopped-container', reason: decision.explanation });
          return;
      }
    }
    removals.set(image.id, { image, childStep, force: false, containers: [], reason });
  };

  switch (intent.type) {
    case 'remove-images': {
      const groups = new Map<string, { image: ImageSummary; whole: boolean; tags: string[] }>();
      for (const ref of intent.refs) {
        const r = resolveReference(input.images, ref);
        if (r.kind === 'missing' || r.kind === 'ambiguous') {
          draft.skip({
            target: ref,
            label: ref,
            conflict: 'not-found',
            reason: r.kind === 'missing' ? `No image ${ref} on this engine.` : `${ref} matches several images; use a longer ID.`,
          });
          continue;
        }
        const g = groups.get(r.image.id) ?? { image: r.image, whole: false, tags: [] };
        if (r.kind === 'image') g.whole = true;
        else if (!g.tags.includes(r.tag)) g.tags.push(r.tag);
        groups.set(r.image.id, g);
      }
      for (const { image, whole, tags } of groups.values()) {
        const label = imageLabel(image);
        if (!whole && tags.length < image.tags.length) {
          const fix = chosenFix(intent.choices, image.id, 'multipleReferences', 'selected-tag');
          const decision = referencesDecision(draft.decisionId(), image, tags, fix);
          draft.decisions.push(decision);
          if (decision.chosen === 'selected-tag') {
            for (const tag of tags) untags.push({ image, tag, reason: 'you selected this tag', choice: 'selected-tag' });
            continue;
          }
        } else if (whole && image.tags.length > 1) {
          const fix = chosenFix(intent.choices, image.id, 'multipleReferences', 'keep-image');
          const decision = referencesDecision(draft.decisionId(), image, [], fix);
          draft.decisions.push(decision);
          if (decision.chosen !== 'all-tags') {
            draft.skip({ target: image.id, label, conflict: 'multiple-references', reason: decision.explanation });
            continue;
          }
        }
        considerWhole(image, 'you selected it', intent.choices);
      }
      break;
    }
    case 'prune-images': {
      if (intent.withStoppedContainers) {
        for (const c of selectStoppedContainers(input.containers, undefined, input.images)) {
          draft.removeContainer(c, 'stopped container, removed before the prune');
        }
      }
      const gone = new Set(draft.steps.filter((s) => s.action === 'remove-container').map((s) => s.target));
      const { candidates, kept } = selectPruneCandidates(intent, input.images, gone, input.now);
      for (const k of kept) draft.skip(k);
      for (const image of candidates) {
        removals.set(image.id, { image, childStep: false, force: false, containers: [], reason: intent.all ? 'unused' : 'dangling' });
      }
      break;
    }
    case 'remove-stopped-containers': {
      for (const c of selectStoppedContainers(input.containers, intent.ancestor, input.images)) {
        draft.removeContainer(c, intent.ancestor ? `stopped container of ${intent.ancestor}` : 'stopped container');
      }
      break;
    }
    case 'start-fresh': {
      for (const c of input.containers) draft.removeContainer(c, 'start fresh: every container goes');
      for (const image of input.images) {
        removals.set(image.id, { image, childStep: false, force: false, containers: [], reason: 'start fresh: every image goes' });
      }
      break;
    }
  }

  settleChildren(input, removals, draft, byId, considerWhole);
  emitImageSteps(input, removals, untags, draft);
  if (intent.type === 'start-fresh') {
    const containerSteps = draft.steps.filter((s) => s.action === 'remove-container').map((s) => s.id);
    for (const volume of intent.volumes ?? []) {
      draft.add({
        action: 'remove-volume',
        target: volume,
        label: volume,
        reason: 'you ticked this volume',
        risks: [{ kind: 'removes-volume', volume }],
        after: containerSteps,
        expect: {},
      });
    }
  }

  const space = attributeBytes(draft.steps, input.layers, input.images, input.containers);
  const plan: Omit<Plan, 'digest'> = {
    id: randomUUID(),
    createdAt: input.now,
    engine: { host: input.host, kind: input.engine.kind, version: input.engine.version },
    intent,
    steps: draft.steps,
    decisions: draft.decisions,
    bytesFreed: space.bytes,
    exact: space.exact,
    inexactReasons: space.reasons,
    commands: cliCommands(draft.steps),
    skipped: draft.skipped,
  };
  return { ...plan, digest: planDigest(plan) };
}

/** Images whose descendants are not all going: ask (remove-images) or keep (prune). Repeat until stable. */
function settleChildren(
  input: PlanningInput,
  removals: Map<string, Removal>,
  draft: PlanDraft,
  byId: Map<string, ImageSummary>,
  considerWhole: (image: ImageSummary, reason: string, choices: FixChoices | undefined, childStep?: boolean) => void,
): void {
  const choices = input.intent.type === 'remove-images' ? input.intent.choices : undefined;
  const asked = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const removal of [...removals.values()]) {
      const descendants = allDescendants(removal.image, byId);
      const staying = descendants.filter((d) => !removals.has(d.id));
      if (staying.length === 0) continue;
      const label = imageLabel(removal.image);
      if (input.intent.type !== 'remove-images' || asked.has(removal.image.id)) {
        removals.delete(removal.image.id);
        draft.skip({
          target: removal.image.id,
          label,
          conflict: 'dependent-children',
          reason: `Images built on it stay: ${staying.map(imageLabel).join(', ')}.`,
        });
        changed = true;
        continue;
      }
      asked.add(removal.image.id);
      const inUse = staying.find((d) => d.containers.length > 0);
      const blockedBy = inUse
        ? `${imageLabel(inUse)} is used by ${inUse.containers.map((c) => `"${c.name}"`).join(', ')}: remove that image's containers first.`
        : null;
      const fix = chosenFix(choices, removal.image.id, 'dependentChildren', 'skip');
      const sizes = uniqueBytes(input.layers, input.images);
      const decision = childrenDecision(
        draft.decisionId(),
        removal.image,
        staying.map((image) => ({ image, bytes: sizes.get(image.id) ?? 0 })),
        blockedBy,
        fix,
      );
      draft.decisions.push(decision);
      if (decision.chosen === 'remove-children') {
        for (const child of staying) considerWhole(child, `built on ${label}, which you chose to remove`, choices, true);
      } else {
        removals.delete(removal.image.id);
        draft.skip({ target: removal.image.id, label, conflict: 'dependent-children', reason: decision.explanation });
      }
      changed = true;
    }
  }
}

function allDescendants(image: ImageSummary, byId: Map<string, ImageSummary>): ImageSummary[] {
  const out: ImageSummary[] = [];
  const seen = new Set<string>();
  const stack = [...image.children];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const child = byId.get(id);
    if (!child) continue;
    out.push(child);
    stack.push(...child.children);
  }
  return out;
}

function uniqueBytes(layers: Map<string, ImageLayers>, images: ImageSummary[]): Map<string, number> {
  const holders = new Map<string, number>();
  for (const i of images) for (const c of new Set(layers.get(i.id)?.chainIds ?? [])) holders.set(c, (holders.get(c) ?? 0) + 1);
  const out = new Map<string, number>();
  for (const i of images) {
    const l = layers.get(i.id);
    if (!l) continue;
    out.set(i.id, l.chainIds.reduce((sum, c, idx) => sum + (holders.get(c) === 1 ? (l.layerSizes[idx] ?? 0) : 0), 0));
  }
  return out;
}

function depth(image: ImageSummary, byId: Map<string, ImageSummary>): number {
  let d = 0;
  for (let p = image.parent; p && byId.has(p) && d < 1000; p = byId.get(p)!.parent) d++;
  return d;
}

function emitImageSteps(
  input: PlanningInput,
  removals: Map<string, Removal>,
  untags: { image: ImageSummary; tag: string; reason: string; choice?: PlanStep['choice'] }[],
  draft: PlanDraft,
): void {
  const byId = new Map(input.images.map((i) => [i.id, i]));
  const ordered = [...removals.values()].sort((a, b) => depth(b.image, byId) - depth(a.image, byId));
  const containerStepOf = new Map<string, string>();
  for (const r of ordered) {
    for (const c of r.containers) {
      containerStepOf.set(
        c.id,
        draft.removeContainer(c, `uses ${imageLabel(r.image)}, which you chose to remove`, { resolves: r.resolves, choice: r.choice }),
      );
    }
  }
  for (const u of untags) {
    draft.add({
      action: 'untag',
      target: u.tag,
      label: familiarReference(u.tag),
      reason: u.reason,
      choice: u.choice,
      resolves: u.choice === 'untag-only' ? 'stopped-container' : undefined,
      force: u.choice === 'untag-only',
      expect: { imageId: u.image.id },
    });
  }
  const imageStep = new Map<string, string>();
  for (const r of ordered) {
    const after: string[] = r.containers.map((c) => containerStepOf.get(c.id)!).filter(Boolean);
    // Every removed container of this image (from any intent) must be gone first.
    for (const s of draft.steps) {
      if (s.action === 'remove-container' && s.expect.imageId === r.image.id && !after.includes(s.id)) after.push(s.id);
    }
    for (const child of allDescendants(r.image, byId)) {
      const childStep = imageStep.get(child.id);
      if (childStep) after.push(childStep);
    }
    // Deleting by ID is refused while several tags remain, so all but the last go by name first.
    const extraTags = r.image.tags.slice(0, -1);
    for (const tag of extraTags) {
      after.push(
        draft.add({
          action: 'untag',
          target: tag,
          label: familiarReference(tag),
          reason: `one of ${r.image.tags.length} tags of an image that goes`,
          choice: r.choice,
          expect: { imageId: r.image.id },
        }),
      );
    }
    const risks: RiskFlag[] = [];
    if (r.image.digests.length === 0) risks.push({ kind: 'not-pullable' });
    if (r.force) risks.push({ kind: 'leaves-containers-without-image', containers: r.image.containers.map((c) => c.name) });
    const action: StepAction = r.childStep ? 'remove-child-image' : 'remove-image';
    imageStep.set(
      r.image.id,
      draft.add({
        action,
        target: r.image.id,
        label: r.image.tags.length ? familiarReference(r.image.tags[r.image.tags.length - 1]!) : `<none> ${shortId(r.image.id)}`,
        reason: r.reason,
        resolves: r.resolves,
        choice: r.choice,
        force: r.force || undefined,
        risks,
        after,
        expect: {
          tags: r.image.tags.slice(-1),
          containerIds: r.force ? r.image.containers.map((c) => c.id) : [],
        },
      }),
    );
  }
}

/** sha256 over what execution depends on: the engine and every step's action, target, order and checks. */
export function planDigest(plan: Omit<Plan, 'digest'>): string {
  const canonical = JSON.stringify({
    id: plan.id,
    host: plan.engine.host,
    steps: plan.steps.map((s) => [s.id, s.action, s.target, s.force ?? false, s.volumes ?? [], s.after, s.expect]),
  });
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}
