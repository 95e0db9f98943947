// The steps for images once the decisions are settled: containers the fixes
// remove, tags the user chose to drop, then each image (its extra tags first,
// children before parents), each with what must still be true when it runs.

import type { ImageSummary } from '../../src-shared/model';
import type { PlanStep, RiskFlag, StepAction, StepReason } from '../../src-shared/plan';
import type { ContainerSummary } from '../../src-shared/model';
import { shortId } from '../../src-shared/ids';
import { allDescendants, depth } from './image-graph';
import { Phase, type PlanDraft } from './plan-draft';
import { familiarReference } from '../../src-shared/references';

/** An image the plan removes whole. */
export interface Removal {
  image: ImageSummary;
  /** Removed because the user chose to remove the children of an image they selected. */
  childStep: boolean;
  /** Docker force-delete, from the user's explicit 'force-delete' choice only. */
  force: boolean;
  /** Containers the plan removes first. */
  containers: ContainerSummary[];
  reason: StepReason;
  resolves?: PlanStep['resolves'];
  choice?: PlanStep['choice'];
}

/** A tag the plan removes while its image stays. */
export interface UntagRequest {
  image: ImageSummary;
  tag: string;
  reason: StepReason;
  choice?: PlanStep['choice'];
}

function cause(r: {
  resolves?: PlanStep['resolves'];
  choice?: PlanStep['choice'];
}): Pick<PlanStep, 'resolves' | 'choice'> {
  const out: Pick<PlanStep, 'resolves' | 'choice'> = {};
  if (r.resolves !== undefined) out.resolves = r.resolves;
  if (r.choice !== undefined) out.choice = r.choice;
  return out;
}

export function emitImageSteps(
  images: ImageSummary[],
  removals: ReadonlyMap<string, Removal>,
  untags: UntagRequest[],
  draft: PlanDraft,
): void {
  const byId = new Map(images.map((i) => [i.id, i]));
  const ordered = [...removals.values()].sort((a, b) => depth(b.image, byId) - depth(a.image, byId));
  for (const r of ordered) {
    for (const c of r.containers) {
      draft.removeContainer(c, 'uses-removed-image', cause(r));
    }
  }
  // One image's untags run one after another, as the CLI sends them. Sent at once, Docker 26's
  // containerd store deleted the image on forced untags (3 of 6 live tries), and Podman 4.3
  // lost one of two plain untags (its untag rewrites the image's whole name list from a copy
  // read before: the last writer wins, seen in CI), so the image kept a tag the plan removed.
  const lastUntag = new Map<string, string>();
  const inTurn = (imageId: string, stepId: string) => lastUntag.set(imageId, stepId);
  for (const u of untags) {
    // untag-only (containerd store): the last tag of an image stopped containers use goes with force, the image stays.
    const forced = u.choice === 'untag-only';
    const previous = lastUntag.get(u.image.id);
    const stepId = draft.add(Phase.Untag, {
      action: 'untag',
      target: u.tag,
      label: familiarReference(u.tag),
      reason: u.reason,
      ...cause({ choice: u.choice, resolves: forced ? 'stopped-container' : undefined }),
      ...(forced ? { force: true } : {}),
      ...(previous ? { after: [previous] } : {}),
      expect: { imageId: u.image.id },
    });
    inTurn(u.image.id, stepId);
  }
  const imageStep = new Map<string, string>();
  for (const r of ordered) {
    // Every container of this image the plan removes (whatever asked for it) must be gone first.
    const containerSteps = r.image.containers.flatMap((c) => {
      const step = draft.containerStep(c.id);
      return step ? [step] : [];
    });
    const childSteps = allDescendants(r.image, byId).flatMap((child) => {
      const step = imageStep.get(child.id);
      return step ? [step] : [];
    });
    // Deleting by ID is refused while several tags remain, so all but the last go by name
    // first, and only once nothing else stands in the image's way: a failed container or
    // child step then leaves every tag in place.
    const untagSteps = r.image.tags.slice(0, -1).map((tag) => {
      const previous = lastUntag.get(r.image.id);
      const stepId = draft.add(Phase.Image, {
        action: 'untag',
        target: tag,
        label: familiarReference(tag),
        reason: 'other-tag',
        ...cause(r),
        after: [...containerSteps, ...childSteps, ...(previous ? [previous] : [])],
        expect: { imageId: r.image.id },
      });
      inTurn(r.image.id, stepId);
      return stepId;
    });
    const risks: RiskFlag[] = [];
    // Certainly local, or no evidence either way (the store records no source): both warn.
    const { pullBack } = r.image;
    if (pullBack.state !== 'registry') risks.push({ kind: 'not-pullable', ...pullBack });
    if (r.force)
      risks.push({ kind: 'leaves-containers-without-image', containers: r.image.containers.map((c) => c.name) });
    const action: StepAction = r.childStep ? 'remove-child-image' : 'remove-image';
    const lastTag = r.image.tags[r.image.tags.length - 1];
    imageStep.set(
      r.image.id,
      draft.add(Phase.Image, {
        action,
        target: r.image.id,
        label: lastTag ? familiarReference(lastTag) : `<none> ${shortId(r.image.id)}`,
        reason: r.reason,
        ...cause(r),
        ...(r.force ? { force: true } : {}),
        risks,
        after: [...containerSteps, ...childSteps, ...untagSteps],
        expect: {
          tags: lastTag ? [lastTag] : [],
          containerIds: r.force ? r.image.containers.map((c) => c.id) : [],
        },
      }),
    );
  }
}
