// The plan being built: steps (each container stopped and removed once, however
// many images need it gone), decisions, skipped items, and the final order
// the engine accepts and a person reads top to bottom.

import type { ContainerSummary } from '../../src-shared/model';
import type { ConflictDecision, PlanStep, RiskFlag, SkippedItem, StepReason } from '../../src-shared/plan';
import { isActiveState } from '../../src-shared/container-state';
import { containerName } from '../../src-shared/display-names';

/**
 * Where a step sits in the plan, lowest first: stop → rm containers → untag
 * (tags the user chose) → images (each image's extra tags just before it,
 * children before parents) → volumes.
 */
export const Phase = { Stop: 0, RemoveContainer: 1, Untag: 2, Image: 3, Volume: 4 } as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

/** Bytes are attributed after ordering (step-bytes.ts), except where the step knows them itself (a volume's size). */
export type NewStep = Omit<PlanStep, 'id' | 'bytes' | 'risks' | 'after'> &
  Partial<Pick<PlanStep, 'risks' | 'after' | 'bytes'>>;

export class PlanDraft {
  readonly steps: PlanStep[] = [];
  readonly decisions: ConflictDecision[] = [];
  readonly skipped: SkippedItem[] = [];
  private readonly phases = new Map<string, Phase>();
  private readonly containerSteps = new Map<string, string>();

  decisionId(): string {
    return `d${this.decisions.length + 1}`;
  }

  add(phase: Phase, step: NewStep): string {
    const id = `s${this.steps.length + 1}`;
    this.steps.push({ risks: [], after: [], bytes: 0, ...step, id });
    this.phases.set(id, phase);
    return id;
  }

  skip(item: SkippedItem): void {
    if (!this.skipped.some((s) => s.target === item.target && s.conflict === item.conflict)) this.skipped.push(item);
  }

  /** The step removing this container, if the plan has one. */
  containerStep(containerId: string): string | undefined {
    return this.containerSteps.get(containerId);
  }

  /** Stop (if running) and remove a container once; later callers get the first removal step. */
  removeContainer(c: ContainerSummary, reason: StepReason, fix: Pick<PlanStep, 'resolves' | 'choice'> = {}): string {
    const known = this.containerSteps.get(c.id);
    if (known) return known;
    const name = containerName(c);
    const compose: RiskFlag[] = c.composeProject ? [{ kind: 'compose-project', project: c.composeProject }] : [];
    const cause = definedOnly(fix);
    let stop: string | undefined;
    if (isActiveState(c.state)) {
      stop = this.add(Phase.Stop, {
        action: 'stop-container',
        target: c.id,
        label: name,
        reason,
        risks: [{ kind: 'running-container' }, ...compose],
        expect: { imageId: c.imageId },
        ...cause,
      });
    }
    const anonymous = c.mounts.filter((m) => m.anonymous).map((m) => m.name);
    const risks: RiskFlag[] = [...compose];
    if (anonymous.length) risks.push({ kind: 'anonymous-volumes', volumes: anonymous });
    if ((c.sizeRw ?? 0) > 0) risks.push({ kind: 'writable-layer', bytes: c.sizeRw ?? 0 });
    const remove = this.add(Phase.RemoveContainer, {
      action: 'remove-container',
      target: c.id,
      label: name,
      reason,
      risks,
      after: stop ? [stop] : [],
      expect: { imageId: c.imageId },
      ...cause,
    });
    this.containerSteps.set(c.id, remove);
    return remove;
  }

  /**
   * Resuming: keeps the steps on these targets and every step they wait for;
   * decisions and skipped items about anything else go too.
   */
  retainOnly(targets: ReadonlySet<string>): void {
    const byId = new Map(this.steps.map((s) => [s.id, s]));
    const keep = new Set<string>();
    const stack = this.steps.filter((s) => targets.has(s.target)).map((s) => s.id);
    while (stack.length) {
      const id = stack.pop()!;
      if (keep.has(id)) continue;
      keep.add(id);
      stack.push(...(byId.get(id)?.after ?? []));
    }
    const kept = this.steps.filter((s) => keep.has(s.id));
    this.steps.splice(0, this.steps.length, ...kept);
    const keptTargets = new Set(kept.map((s) => s.target));
    const aboutKept = (id: string) => targets.has(id) || keptTargets.has(id);
    this.decisions.splice(0, this.decisions.length, ...this.decisions.filter((d) => aboutKept(d.imageId)));
    this.skipped.splice(0, this.skipped.length, ...this.skipped.filter((s) => aboutKept(s.target)));
  }

  /**
   * Steps sorted by phase (stable, so the emit order stays inside a phase) and
   * renumbered s1…sN in that order, so ids read top to bottom.
   */
  ordered(): PlanStep[] {
    const sorted = this.steps
      .map((step, index) => ({ step, index, phase: this.phases.get(step.id) ?? Phase.Image }))
      .sort((a, b) => a.phase - b.phase || a.index - b.index)
      .map((e) => e.step);
    const renamed = new Map(sorted.map((s, i) => [s.id, `s${i + 1}`]));
    return sorted.map((s) => ({ ...s, id: renamed.get(s.id)!, after: s.after.map((a) => renamed.get(a)!) }));
  }
}

function definedOnly(fix: Pick<PlanStep, 'resolves' | 'choice'>): Pick<PlanStep, 'resolves' | 'choice'> {
  const out: Pick<PlanStep, 'resolves' | 'choice'> = {};
  if (fix.resolves !== undefined) out.resolves = fix.resolves;
  if (fix.choice !== undefined) out.choice = fix.choice;
  return out;
}
