// The tray's plan service and executor are the app's own: BarnacleCore's plan
// runner previews (and remembers) the plan and executes it by id and digest,
// so a quick prune is recorded in the history and its progress reaches the
// window like any other plan. Used by the shell and the live-engine test.

import type { CleanupIntent, ExecutionReport, Plan, PlanProgress } from '../../src-shared/plan';
import type { BarnacleCore } from '../core/barnacle-core';
import type { EngineConnection } from '../engine/connection';
import { buildPlan } from '../planning/plan-service';
import type { TrayControllerDeps } from './tray-controller';
import { PhraseError } from '../../src-shared/phrase-error';
import { phrase } from '../../src-shared/phrase';

export type TrayCorePorts = Pick<
  TrayControllerDeps,
  'session' | 'inventory' | 'previewPlan' | 'estimatePlan' | 'executePlan' | 'policies'
>;

export function trayPortsFor(core: BarnacleCore): TrayCorePorts {
  const connection = (): EngineConnection => {
    const current = core.session.current();
    if (!current) throw new PhraseError(phrase('request.notConnected'));
    return current;
  };
  return {
    session: core.session,
    inventory: core.inventory,
    policies: core.policies,
    previewPlan: (intent: CleanupIntent) => core.plans.preview(connection(), intent),
    estimatePlan: async (intent: CleanupIntent) => {
      const c = connection();
      const lists = await core.inventory.followedLists(c);
      return buildPlan(c, intent, { layerCache: await core.layerFacts.for(c), ...(lists ? { lists } : {}) });
    },
    async executePlan(plan: Plan, onProgress: (progress: PlanProgress) => void): Promise<ExecutionReport> {
      const off = core.onPlanProgress((p) => {
        if (p.planId === plan.id) onProgress(p);
      });
      try {
        return await core.plans.execute(connection(), plan.id, plan.digest);
      } finally {
        off();
      }
    },
  };
}
