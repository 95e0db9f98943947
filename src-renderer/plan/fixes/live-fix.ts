// A conflict met live (the engine refused a step, or the re-check before it found
// one) gets its fixes from main's planner, exactly as a predicted one does: the
// renderer previews removing the same reference again, and the decision main's
// plan makes for it is the guided flow. No fix is invented here; if main's fresh
// plan no longer predicts that conflict, the flow says the situation changed.

import type { BarnacleError, Result } from '../../../src-shared/errors';
import type { CleanupIntent, ConflictDecision, FixChoice, Plan, PredictedConflict } from '../../../src-shared/plan';
import { withChoice } from '../../../src-shared/fix-choices';
import { fromLiveDecision, liveConflictOf, type FixConflict, type FixModel } from './fix-model';

/** Where a live error came from: what the person (or the plan's step) asked to remove. */
export interface LiveErrorContext {
  /** A tag or an image ID. */
  ref?: string;
}

export type LiveFix =
  /** Main's plan predicts the conflict: its decision, and the intent it was planned for. */
  | { state: 'fix'; model: FixModel; intent: CleanupIntent }
  /** Main's plan predicts it no more: nothing to fix here; preview the intent again. */
  | { state: 'changed'; intent: CleanupIntent }
  /** Main could not plan (engine gone, image gone, …): its typed error. */
  | { state: 'failed'; error: BarnacleError; intent: CleanupIntent };

/** Asks main to plan an intent: previewPlan in the app, the planner itself in tests. */
export type PlanPreview = (intent: CleanupIntent) => Promise<Result<Plan>>;

/** The intent that meets the conflict again: removing what the failed step removed. Null when nothing is named. */
export function liveIntent(error: BarnacleError, context: LiveErrorContext): CleanupIntent | null {
  const ref = context.ref || error.image;
  return ref ? { type: 'remove-images', refs: [ref] } : null;
}

/**
 * Whether a decision answers the live conflict. The planner has no "last tag in use"
 * decision: removing an image's last tag removes the image, so it plans the containers
 * using it as a running- or stopped-container conflict, whose fixes are the way out.
 */
function answers(live: FixConflict, decided: PredictedConflict): boolean {
  if (live === 'reference-in-use') return decided === 'running-container' || decided === 'stopped-container';
  return live === decided;
}

/** The guided flow for a live conflict from main's fresh plan of the same removal. */
export function liveFixFromPlan(error: BarnacleError, intent: CleanupIntent, plan: Plan): LiveFix {
  const conflict = liveConflictOf(error);
  const decision: ConflictDecision | undefined = conflict
    ? plan.decisions.find((d) => answers(conflict, d.conflict))
    : undefined;
  if (!decision) return { state: 'changed', intent };
  return { state: 'fix', model: fromLiveDecision(decision, plan.engine.kind, intent, error), intent };
}

/** Null when the error is not one of the five conflicts, or names nothing to plan again. */
export async function askMainForFix(
  error: BarnacleError,
  context: LiveErrorContext,
  preview: PlanPreview,
): Promise<LiveFix | null> {
  if (!liveConflictOf(error)) return null;
  const intent = liveIntent(error, context);
  if (!intent) return null;
  const result = await preview(intent);
  if (!result.ok) return { state: 'failed', error: result.error, intent };
  return liveFixFromPlan(error, intent, result.value);
}

/** The intent that carries out `choice`: main's intent with that image's fix set, as in a preview. */
export function intentForLiveFix(fix: { model: FixModel; intent: CleanupIntent }, choice: FixChoice): CleanupIntent {
  return withChoice(fix.intent, fix.model.imageId, fix.model.conflict, choice);
}
