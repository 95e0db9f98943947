// The words around a plan, built from its data so both languages say the
// same: dialog titles, why each step exists, what Confirm will do, the
// summary after execution.

import type {
  CleanupIntent,
  ExecutionReport,
  Plan,
  PlanStep,
  RiskFlag,
  StepAction,
  StepOutcome,
} from '../../src-shared/plan';
import { stepReasonPhrase } from '../../src-shared/step-reason';
import { t, tp } from '../i18n/i18n.svelte';
import { list, size } from './plan-format';

/** Display order of step groups: the order things happen in, roughly. */
export const actionOrder: StepAction[] = [
  // Copies are saved and checked before anything else runs.
  'keep-copy',
  'stop-container',
  'remove-container',
  'remove-build-container',
  'untag',
  'remove-image',
  'remove-child-image',
  'remove-volume',
  'remove-build-cache',
  'remove-trash-entry',
];

export function intentTitle(intent: CleanupIntent | null): string {
  // A policy's plan is named for the policy: the person made it under that name.
  if (intent?.type === 'prune-images' && intent.policy) return t('plan.title.policy', { name: intent.policy });
  return t(`plan.title.${intent?.type ?? 'remove-images'}`);
}

export function stepReason(step: PlanStep, intent: CleanupIntent): string {
  return tp(stepReasonPhrase(step, intent));
}

export function riskLabel(risk: RiskFlag): string {
  switch (risk.kind) {
    case 'writable-layer':
      return t('plan.risk.writable-layer', { size: size(risk.bytes) });
    case 'compose-project':
      return t('plan.risk.compose-project', { project: risk.project });
    case 'not-pullable':
      return t(risk.state === 'unknown' ? 'plan.risk.not-pullable.unknown' : 'plan.risk.not-pullable');
    default:
      return t(`plan.risk.${risk.kind}`);
  }
}

export function riskTip(risk: RiskFlag): string {
  switch (risk.kind) {
    case 'anonymous-volumes':
      return t('plan.riskTip.anonymous-volumes', { count: risk.volumes.length });
    case 'writable-layer':
      return t('plan.riskTip.writable-layer', { size: size(risk.bytes) });
    case 'compose-project':
      return t('plan.riskTip.compose-project', { project: risk.project });
    case 'leaves-containers-without-image':
      return t('plan.riskTip.leaves-containers-without-image', { containers: list(risk.containers) });
    case 'removes-volume':
      return t('plan.riskTip.removes-volume', { volume: risk.volume });
    case 'not-pullable':
      return t(`plan.riskTip.not-pullable.${risk.evidence}`);
    default:
      return t(`plan.riskTip.${risk.kind}`);
  }
}

interface Counts {
  stops: number;
  containers: number;
  images: number;
  tags: number;
  volumes: number;
  caches: number;
  trashEntries: number;
}

function countSteps(plan: Plan): Counts {
  const n = (actions: StepAction[]) => plan.steps.filter((s) => actions.includes(s.action)).length;
  return {
    stops: n(['stop-container']),
    containers: n(['remove-container', 'remove-build-container']),
    images: n(['remove-image', 'remove-child-image']),
    tags: n(['untag']),
    volumes: n(['remove-volume']),
    caches: n(['remove-build-cache']),
    trashEntries: n(['remove-trash-entry']),
  };
}

/** "Stop 1 container and remove 3 images", or "Confirm" when the setting is off. */
export function confirmLabel(plan: Plan | null, spellOut: boolean): string {
  if (!plan || plan.steps.length === 0) return t('plan.confirm.nothing');
  if (!spellOut) return t('plan.confirm.plain');
  const c = countSteps(plan);
  // Every container that is stopped is also removed: "Stop and remove 1 container and 3 images".
  const stopsAll = c.stops > 0 && c.stops === c.containers;
  const things: string[] = [];
  if (c.containers) things.push(t('plan.count.containers', { count: c.containers }));
  if (c.images) things.push(t('plan.count.images', { count: c.images }));
  // Tags only count on their own when no image goes: then untagging is the whole plan.
  if (c.tags && !c.images) things.push(t('plan.count.tags', { count: c.tags }));
  if (c.volumes) things.push(t('plan.count.volumes', { count: c.volumes }));
  if (c.caches) things.push(t('plan.count.caches', { count: c.caches }));
  if (c.trashEntries) things.push(t('plan.count.trashEntries', { count: c.trashEntries }));
  const what = list(things);
  if (stopsAll) return t('plan.confirm.stopAndRemoveAll', { what });
  if (c.stops) return t('plan.confirm.stopAndRemove', { stops: t('plan.count.containers', { count: c.stops }), what });
  return t('plan.confirm.remove', { what });
}

export function outcomeLabel(outcome: StepOutcome): string {
  return t(`plan.status.${outcome.state}`);
}

export function actionVerb(action: StepAction): string {
  return t(`plan.action.${action}`);
}

/** "Freed 12 MB · removed 3 images and 1 container · skipped 2" */
export function summaryParts(plan: Plan, report: ExecutionReport, outcomes: Record<string, StepOutcome>): string[] {
  const done = (actions: StepAction[]) =>
    plan.steps.filter((s) => actions.includes(s.action) && outcomes[s.id]?.state === 'done').length;
  const removed: string[] = [];
  const images = done(['remove-image', 'remove-child-image']);
  const containers = done(['remove-container', 'remove-build-container']);
  const tags = done(['untag']);
  const volumes = done(['remove-volume']);
  const caches = done(['remove-build-cache']);
  const trashEntries = done(['remove-trash-entry']);
  if (images) removed.push(t('plan.count.images', { count: images }));
  if (containers) removed.push(t('plan.count.containers', { count: containers }));
  if (tags && !images) removed.push(t('plan.count.tags', { count: tags }));
  if (volumes) removed.push(t('plan.count.volumes', { count: volumes }));
  if (caches) removed.push(t('plan.count.caches', { count: caches }));
  if (trashEntries) removed.push(t('plan.count.trashEntries', { count: trashEntries }));
  const parts = [t('plan.summary.freed', { size: size(report.bytesFreed) })];
  // What the copies really took on disk (the preview showed "up to").
  const kept = plan.steps.reduce((sum, s) => {
    const o = outcomes[s.id];
    return sum + (s.action === 'keep-copy' && o?.state === 'done' ? (o.keptBytes ?? 0) : 0);
  }, 0);
  if (plan.steps.some((s) => s.action === 'keep-copy' && outcomes[s.id]?.state === 'done')) {
    parts.push(t('plan.trash.took', { size: size(kept) }));
  }
  parts.push(removed.length ? t('plan.summary.removed', { what: list(removed) }) : t('plan.summary.removedNothing'));
  return parts;
}
