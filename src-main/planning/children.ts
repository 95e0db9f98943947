// On Docker's classic store, images built on an image that goes must go first,
// or the engine refuses ("image has dependent child images", which force does
// not override). For a removal the user asked for, Barnacle asks whether the
// children go too; for a prune or start-fresh it keeps the parent, as the
// engine's own prune does. The containerd store and Podman have no such
// conflict (seen live): they delete the parent and the children keep the
// layers they share with it, so nothing is asked there.

import { phrase } from '../../src-shared/phrase';
import type { EngineInfo, ImageSummary } from '../../src-shared/model';
import type { CleanupIntent, FixChoices, StepReason } from '../../src-shared/plan';
import type { ImageLayers } from '../inventory/layer-facts';
import { cascadeRuleOf } from './cascade';
import { childrenDecision, chosenFix } from './decisions';
import { imageName } from '../../src-shared/display-names';
import { allDescendants, uniqueBytes } from './image-graph';
import type { Removal } from './image-steps';
import type { PlanDraft } from './plan-draft';

export type ConsiderWhole = (
  image: ImageSummary,
  reason: StepReason,
  choices: FixChoices | undefined,
  childStep?: boolean,
) => void;

export interface ChildrenContext {
  intent: CleanupIntent;
  images: ImageSummary[];
  layers: ReadonlyMap<string, ImageLayers>;
  engine: EngineInfo;
}

/** Repeats until stable: adding a child can raise its own conflicts, dropping one can strand its parent. */
export function settleChildren(
  context: ChildrenContext,
  removals: Map<string, Removal>,
  draft: PlanDraft,
  considerWhole: ConsiderWhole,
): void {
  if (cascadeRuleOf(context.engine) !== 'classic') return;
  const byId = new Map(context.images.map((i) => [i.id, i]));
  const asking = context.intent.type === 'remove-images';
  const choices = context.intent.type === 'remove-images' ? context.intent.choices : undefined;
  const asked = new Set<string>();
  let sizes: Map<string, number> | null = null;
  for (let changed = true; changed;) {
    changed = false;
    for (const removal of [...removals.values()]) {
      if (!removals.has(removal.image.id)) continue;
      const staying = allDescendants(removal.image, byId).filter((d) => !removals.has(d.id));
      if (staying.length === 0) continue;
      changed = true;
      const label = imageName(removal.image);
      if (!asking || asked.has(removal.image.id)) {
        removals.delete(removal.image.id);
        draft.skip({
          target: removal.image.id,
          label,
          conflict: 'dependent-children',
          reason: phrase('skip.childrenStay', { images: staying.map(imageName) }),
        });
        continue;
      }
      asked.add(removal.image.id);
      const inUse = staying.find((d) => d.containers.length > 0);
      const blockedBy = inUse
        ? { user: imageName(inUse), containers: inUse.containers.map((c) => `"${c.name}"`) }
        : null;
      sizes ??= uniqueBytes(context.layers, context.images);
      const decision = childrenDecision(
        draft.decisionId(),
        removal.image,
        context.engine,
        staying.map((image) => ({ image, bytes: sizes!.get(image.id) ?? 0 })),
        blockedBy,
        chosenFix(choices, removal.image.id, 'dependentChildren', 'skip'),
      );
      draft.decisions.push(decision);
      if (decision.chosen === 'remove-children') {
        for (const child of staying) considerWhole(child, 'child', choices, true);
      } else {
        removals.delete(removal.image.id);
        draft.skip({ target: removal.image.id, label, conflict: 'dependent-children', reason: decision.explanation });
      }
    }
  }
}
