// Why a plan step exists, as a catalogue phrase built from the plan's data: the
// renderer and the CLI say the same thing in either language.

import { phrase, type Phrase } from './phrase';
import type { CleanupIntent, PlanStep } from './plan';

export function stepReasonPhrase(step: PlanStep, intent: CleanupIntent): Phrase {
  if (step.choice) return phrase('plan.reason.choice', { fix: phrase(`plan.choice.${step.choice}`) });
  switch (step.action) {
    case 'keep-copy':
      return phrase('plan.reason.trashCopy');
    case 'remove-trash-entry':
      return phrase(
        step.reason === 'trash-expired'
          ? 'plan.reason.trashExpired'
          : step.reason === 'trash-over-cap'
            ? 'plan.reason.trashOverCap'
            : 'plan.reason.trashEmptied',
      );
    case 'remove-build-cache':
      return phrase('plan.reason.unusedCache');
    case 'remove-build-container':
      return phrase('plan.reason.leftoverBuild');
    case 'remove-volume':
      if (intent.type === 'prune-volumes') return phrase('plan.reason.unusedVolume');
      if (intent.type === 'remove-volumes') return phrase('plan.reason.selected');
      return phrase('plan.reason.volume');
    case 'remove-child-image':
      return phrase('plan.reason.child');
    case 'stop-container':
    case 'remove-container':
      if (intent.type === 'prune-images') return phrase('plan.reason.pruneContainer');
      if (intent.type === 'start-fresh') return phrase('plan.reason.startFresh');
      return phrase('plan.reason.stoppedContainer');
    case 'untag':
      // Tags the person picked carry their choice (handled above); these go with their image.
      return phrase('plan.reason.otherTag');
    case 'remove-image':
      if (intent.type === 'prune-images') {
        // A policy's rules say more than "unused": the one that chose the image.
        if (intent.threshold) return phrase('plan.reason.leastRecentlyUsed');
        if (intent.unusedFor) return phrase('plan.reason.notUsedFor');
        return phrase(intent.all ? 'plan.reason.unused' : 'plan.reason.dangling');
      }
      if (intent.type === 'start-fresh') return phrase('plan.reason.startFresh');
      return phrase('plan.reason.selected');
  }
}
