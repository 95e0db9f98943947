// The tray's quick prune runs without a preview window, so before it runs
// Barnacle checks the plan itself: every step must remove a dangling image
// that no container uses, without force (the trash's copies and housekeeping
// aside, which remove nothing of the engine's). Anything else (a stopped container
// to remove, a tag, a conflict decision) belongs in the window, where the user
// sees it first. The planner already plans exactly this for a dangling prune;
// this check is the tray's own guarantee, not a second planner.

import type { InventorySnapshot } from '../../src-shared/model';
import type { Plan, StepAction } from '../../src-shared/plan';
import { phrase, type Phrase } from '../../src-shared/phrase';

export type QuickPruneProblem =
  | { kind: 'not-a-dangling-prune' }
  | { kind: 'step-not-image-removal'; step: string; action: StepAction }
  | { kind: 'forced'; step: string }
  | { kind: 'unknown-image'; step: string }
  | { kind: 'not-dangling'; step: string }
  | { kind: 'in-use'; step: string; containers: string[] };

/** The problems that make this plan unfit for a quick prune; empty when it is fit. */
export function quickPruneProblems(plan: Plan, inventory: InventorySnapshot): QuickPruneProblem[] {
  const problems: QuickPruneProblem[] = [];
  const intent = plan.intent;
  if (intent.type !== 'prune-images' || intent.all || intent.withStoppedContainers) {
    problems.push({ kind: 'not-a-dangling-prune' });
  }
  const images = new Map(inventory.images.map((i) => [i.id, i]));
  // Containers by the image they were made from, even when the image list
  // no longer shows that image: the container list is the authority on use.
  const usersOf = new Map<string, string[]>();
  for (const c of inventory.containers) usersOf.set(c.imageId, [...(usersOf.get(c.imageId) ?? []), c.id]);

  for (const step of plan.steps) {
    // The trash's own steps: a copy removes nothing, and old copies go by the limits the
    // person set in Settings (its cap and age), after the new copy is safe.
    if (step.action === 'keep-copy' || step.action === 'remove-trash-entry') continue;
    if (step.action !== 'remove-image') {
      problems.push({ kind: 'step-not-image-removal', step: step.label, action: step.action });
      continue;
    }
    if (step.force) problems.push({ kind: 'forced', step: step.label });
    const image = images.get(step.target);
    if (!image) {
      problems.push({ kind: 'unknown-image', step: step.label });
      continue;
    }
    if (!image.dangling || image.tags.length > 0) problems.push({ kind: 'not-dangling', step: step.label });
    const users = [...new Set([...(usersOf.get(image.id) ?? []), ...image.containers.map((c) => c.id)])];
    if (users.length > 0 || !image.unused || (step.expect.containerIds?.length ?? 0) > 0) {
      problems.push({ kind: 'in-use', step: step.label, containers: users });
    }
  }
  return problems;
}

/** One reason for the notification, as a catalogue phrase: the tray says it in the system's language. */
export function problemPhrase(problem: QuickPruneProblem): Phrase {
  switch (problem.kind) {
    case 'not-a-dangling-prune':
      return phrase('tray.refused.notDanglingPrune');
    case 'step-not-image-removal':
      return phrase('tray.refused.otherAction', {
        step: problem.step,
        action: phrase(`tray.refused.action.${problem.action}`),
      });
    case 'forced':
      return phrase('tray.refused.forced', { step: problem.step });
    case 'unknown-image':
      return phrase('tray.refused.unknownImage', { step: problem.step });
    case 'not-dangling':
      return phrase('tray.refused.notDangling', { step: problem.step });
    case 'in-use':
      return phrase('tray.refused.inUse', { step: problem.step });
  }
}

/** Every reason, one after the other, joined the locale's way ("; " or "；"). */
export function refusalPhrase(problems: QuickPruneProblem[]): Phrase {
  return problems.map(problemPhrase).reduce((first, second) => phrase('tray.refused.join', { first, second }));
}
