// Main's side of previewPlan for unit tests: the intent validated by the IPC
// schema, then planned by the real planner against a test inventory.

import type { EngineInfo } from '../../../src-shared/model';
import { fail, ok } from '../../../src-shared/errors';
import type { PlanPreview } from '../../../src-renderer/plan/fixes/live-fix';
import { schemas } from '../../../src-main/ipc/schemas';
import { planCleanup } from '../../../src-main/planning/planner';
import { dockerClassic, planningInput, type Inventory } from './inventory-builder';

export function planningMain(inv: Inventory, engine: EngineInfo = dockerClassic): PlanPreview {
  return async (intent) => {
    if (!schemas.previewPlan.safeParse({ intent }).success) return fail({ kind: 'validation', message: 'bad intent' });
    return ok(planCleanup(planningInput(inv, intent, engine)));
  };
}
