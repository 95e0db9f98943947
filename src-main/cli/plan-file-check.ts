// What `barnacle apply` may run from a saved plan: only what a plan made now,
// from the file's recorded intent on the live engine, also gives. The file is
// a record of what the person saw; nothing in it beyond the intent is trusted.
// Its digest is a plain hash anyone can recompute, so a file edited to add a
// `remove-volume` step, to weaken a step's expectations, or to aim a step at
// another target must not run: each of its steps must be a step of the fresh
// plan (same action, target and force), together with every step the fresh plan
// runs first. The steps run are the fresh plan's own, expectations included.

import { phrase, type Phrase } from '../../src-shared/phrase';
import type { CleanupIntent, Plan, PlanStep } from '../../src-shared/plan';
import { cleanupIntentSchema } from '../planning/intent-schema';
import { shortId } from '../../src-shared/ids';
import { cliCommands } from '../planning/commands';
import { planDigest } from '../planning/planner';
import { dirname, join } from 'node:path';

/**
 * A step's identity across two plans. A keep-copy step's file is named for its plan, so
 * it is known by what it keeps: the same images and containers, in one archive.
 */
const keyOf = (s: Pick<PlanStep, 'action' | 'target' | 'force' | 'copy'>) =>
  s.action === 'keep-copy' && s.copy
    ? `keep-copy ${[...s.copy.images.map((i) => i.id), ...s.copy.containers.map((c) => c.id)].sort().join(',')}`
    : `${s.action} ${s.target}${s.force ? ' (forced)' : ''}`;

/**
 * The run is recorded under the file's plan id, so its copies go where the file's
 * commands said: <trash>/<file's plan id>/<step>.tar.gz, not the fresh plan's folder.
 */
function copiesUnder(planId: string, fresh: Plan): { steps: PlanStep[]; rename: (text: string) => string } {
  const folders = new Set(fresh.steps.flatMap((s) => (s.copy ? [dirname(s.copy.file)] : [])));
  const rename = (text: string) => {
    let out = text;
    for (const folder of folders) out = out.split(folder).join(join(dirname(folder), planId));
    return out;
  };
  const steps = fresh.steps.map((s) =>
    s.copy ? { ...s, target: rename(s.target), copy: { ...s.copy, file: rename(s.copy.file) } } : s,
  );
  return { steps, rename };
}

/** The file's intent, validated as the app validates one from the window; why not, when it is not one. */
export function recordedIntent(plan: Plan): { intent: CleanupIntent } | { problem: Phrase } {
  const parsed = cleanupIntentSchema.safeParse(plan.intent);
  if (!parsed.success) {
    // The schema library's own words, passed as a fact.
    const said = parsed.error.issues[0]?.message ?? 'invalid';
    return { problem: phrase('cli.planFile.foreignIntent', { said }) };
  }
  return { intent: parsed.data as CleanupIntent };
}

export type Reconciled = { plan: Plan } | { problems: Phrase[] };

/**
 * The fresh plan narrowed to the file's steps, or why the file cannot run. The
 * narrowed plan keeps the file's id (its history entry and "applied once" check)
 * and the fresh plan's steps, bytes and commands for them.
 */
export function reconcile(saved: Plan, made: Plan): Reconciled {
  const moved = copiesUnder(saved.id, made);
  const fresh: Plan = { ...made, steps: moved.steps, commands: made.commands.map(moved.rename) };
  const freshByKey = new Map(fresh.steps.map((s) => [keyOf(s), s]));
  const problems: Phrase[] = [];
  const chosen = new Set<string>();
  for (const step of saved.steps) {
    const match = freshByKey.get(keyOf(step));
    if (!match) problems.push(phrase('cli.planFile.stepNotNow', { label: step.label, step: keyOf(step) }));
    else chosen.add(match.id);
  }
  const byId = new Map(fresh.steps.map((s) => [s.id, s]));
  for (const id of chosen) {
    for (const before of byId.get(id)?.after ?? []) {
      const needed = byId.get(before);
      if (needed && !chosen.has(before)) {
        problems.push(phrase('cli.planFile.needsFirst', { label: byId.get(id)!.label, first: needed.label }));
      }
    }
  }
  if (problems.length) return { problems };
  const steps = fresh.steps.filter((s) => chosen.has(s.id));
  // The run is recorded under the file's id (the record names the plan the person saw), with
  // the digest of what runs: the steps read now, which the executor pins by that digest.
  const pinned = (plan: Omit<Plan, 'digest'>): Plan => ({ ...plan, digest: planDigest(plan) });
  const freshRest: Omit<Plan, 'digest'> & { digest?: string } = { ...fresh };
  delete freshRest.digest;
  if (steps.length === fresh.steps.length) return { plan: pinned({ ...freshRest, id: saved.id }) };
  // Part of the plan: each step brings the bytes credited to it, which a layer two
  // removed images share is credited to only one of; said as "about".
  const reason = phrase('space.partOfSavedPlan');
  return {
    plan: pinned({
      ...freshRest,
      id: saved.id,
      steps,
      bytesFreed: steps.reduce((sum, s) => sum + s.bytes, 0),
      exact: false,
      inexactReasons: [...fresh.inexactReasons, reason],
      // Without the engine's tag list here, every image is named by its full ID: never ambiguous.
      commands: cliCommands(steps, { tags: steps.map((s) => `${shortId(s.target)}:latest`) }),
    }),
  };
}
