// Podman's leftover build containers (inventory/read-build-containers.ts): what a
// build cache plan removes on Podman, and what keeps an image in place.
//
// Podman cannot say whether a build is using one now, so one made within the
// last hour is never taken (src-shared/build-cache.ts), and the plan says so.

import { phrase } from '../../src-shared/phrase';
import { mayBeRunningBuild } from '../../src-shared/build-cache';
import type { BuildContainer } from '../../src-shared/model';
import type { CleanupIntent } from '../../src-shared/plan';
import { Phase, type PlanDraft } from './plan-draft';
import { untilCutoff } from './selection';

type CacheIntent = Extract<CleanupIntent, { type: 'prune-build-cache' }>;

/** The containers a build cache plan removes; the others are listed as kept, with why. */
export function emitBuildContainerSteps(
  intent: CacheIntent,
  containers: readonly BuildContainer[],
  nowMs: number,
  draft: PlanDraft,
): string[] {
  const cutoff = intent.until ? untilCutoff(intent.until, nowMs) : null;
  const taken: string[] = [];
  for (const c of containers) {
    const made = Date.parse(c.createdAt);
    const skip = (reason: ReturnType<typeof phrase>, conflict: 'in-use' | 'kept-by-choice') =>
      draft.skip({ target: c.id, label: c.name, conflict, reason });
    if (mayBeRunningBuild(c, nowMs)) {
      skip(phrase('skip.buildContainerRecent', { container: c.name }), 'in-use');
      continue;
    }
    if (cutoff !== null && made >= cutoff * 1000) {
      skip(phrase('skip.buildContainerNewer', { container: c.name }), 'kept-by-choice');
      continue;
    }
    // A budget counts bytes, and Podman does not report these containers' size.
    if (intent.keepStorage !== undefined || intent.minFreeSpace !== undefined) {
      skip(phrase('skip.buildContainerBudget', { container: c.name }), 'kept-by-choice');
      continue;
    }
    draft.add(Phase.RemoveContainer, {
      action: 'remove-build-container',
      target: c.id,
      label: c.name,
      reason: 'leftover-build-container',
      expect: { createdAt: c.createdAt },
    });
    taken.push(c.name);
  }
  return taken;
}
