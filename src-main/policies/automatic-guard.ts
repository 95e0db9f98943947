// A policy that runs by its schedule runs with nobody looking, so before it runs
// (or says what it would free) Barnacle checks the plan itself, like the tray's
// quick prune (src-main/tray/quick-prune-guard.ts): only image removals, untags
// and the trash's own steps; nothing forced; nothing a running container uses.
// The planner already plans no more than this for a policy's prune (it never
// adds containers or volumes to one); this check is the schedule's guarantee.

import type { Plan, StepAction } from '../../src-shared/plan';
import { phrase, type Phrase } from '../../src-shared/phrase';

/** What an automatic run may do: remove images and tags, and keep (or age out) trash copies. */
const ALLOWED: ReadonlySet<StepAction> = new Set([
  'remove-image',
  'remove-child-image',
  'untag',
  'keep-copy',
  'remove-trash-entry',
]);

export type AutomaticProblem =
  | { kind: 'not-a-policy-prune' }
  | { kind: 'action'; step: string; action: StepAction }
  | { kind: 'forced'; step: string }
  | { kind: 'running-container'; step: string };

/** The problems that make this plan unfit to run by itself; empty when it is fit. */
export function automaticProblems(plan: Plan): AutomaticProblem[] {
  const problems: AutomaticProblem[] = [];
  const intent = plan.intent;
  if (intent.type !== 'prune-images' || intent.withStoppedContainers) problems.push({ kind: 'not-a-policy-prune' });
  for (const step of plan.steps) {
    if (!ALLOWED.has(step.action)) problems.push({ kind: 'action', step: step.label, action: step.action });
    if (step.force) problems.push({ kind: 'forced', step: step.label });
    if (step.risks.some((r) => r.kind === 'running-container')) {
      problems.push({ kind: 'running-container', step: step.label });
    }
  }
  return problems;
}

function problemPhrase(problem: AutomaticProblem): Phrase {
  switch (problem.kind) {
    case 'not-a-policy-prune':
      return phrase('policy.refused.notPrune');
    case 'action':
      // The tray's words for each action are the same here: one catalogue entry per action.
      return phrase('tray.refused.otherAction', {
        step: problem.step,
        action: phrase(`tray.refused.action.${problem.action}`),
      });
    case 'forced':
      return phrase('tray.refused.forced', { step: problem.step });
    case 'running-container':
      return phrase('policy.refused.running', { step: problem.step });
  }
}

/** Why the run was refused, every reason joined the locale's way, as the run's `reason`. */
export function automaticRefusal(problems: AutomaticProblem[]): Phrase {
  const reasons = problems.map(problemPhrase).reduce((first, second) => phrase('tray.refused.join', { first, second }));
  return phrase('policy.refused', { reasons });
}
