// Saved plans (`barnacle plan … --out FILE`, `barnacle apply FILE`). The file is
// the plan exactly as shown, written whole with mode 0600 (a plan names what is
// on the engine). Reading checks it is still that plan: readable, the shape the
// executor needs, and its digest unchanged. The digest is a plain hash anyone can
// recompute, so apply trusts the file no further: plan-file-check.ts holds it
// against a plan made now.

import { readFile } from 'node:fs/promises';
import { writeAtomically } from '../files/atomic-file';
import { STEP_ACTIONS, type Plan, type StepAction } from '../../src-shared/plan';
import { planDigest } from '../planning/planner';
import { phrase, type Phrase } from '../../src-shared/phrase';
import { CliError, EXIT_USAGE, saying } from './cli-error';

/** A saved plan (or fleet plan) as shown, written whole, mode 0600; a refusal names the file. */
export async function writeSavedJson(path: string, value: unknown): Promise<void> {
  try {
    await writeAtomically(path, `${JSON.stringify(value, null, 2)}\n`, { makeFolder: false });
  } catch (err) {
    throw new CliError(
      saying('validation', phrase('cli.planFile.notSaved', { file: path, said: (err as Error).message })),
    );
  }
}

export function writePlanFile(path: string, plan: Plan): Promise<void> {
  return writeSavedJson(path, plan);
}

/** A saved plan made longer ago than --max-age is refused: the engine has moved on since. */
export function refuseTooOld(createdAt: number, maxAgeMs: number, file: string, now: number): void {
  const age = now - createdAt;
  if (age <= maxAgeMs) return;
  const hours = Math.round(age / 3_600_000);
  throw new CliError(saying('plan-stale', phrase('cli.apply.tooOld', { file, hours })));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

const shape = (key: string, params?: Record<string, string | number>): Phrase =>
  phrase(`cli.planFile.shape.${key}`, params);

/** What is wrong with the parsed file as a plan the executor can run (in the CLI's words), or null. */
export function planShapeProblem(value: unknown): Phrase | null {
  if (!isObject(value)) return shape('notObject');
  for (const key of ['id', 'digest'] as const) {
    if (typeof value[key] !== 'string') return shape('missing', { key });
  }
  if (!isObject(value.engine) || typeof value.engine.host !== 'string') return shape('missing', { key: 'engine.host' });
  if (!isObject(value.intent)) return shape('missing', { key: 'intent' });
  if (!Array.isArray(value.steps)) return shape('notList', { key: 'steps' });
  for (const [i, step] of value.steps.entries()) {
    if (!isObject(step)) return shape('stepNotObject', { n: i + 1 });
    if (typeof step.id !== 'string' || typeof step.target !== 'string' || typeof step.label !== 'string') {
      return shape('stepLacksId', { n: i + 1 });
    }
    if (!STEP_ACTIONS.includes(step.action as StepAction)) return shape('unknownAction', { id: step.id });
    // A step's reason is not checked: nothing runs or is shown from it (apply runs the fresh plan's
    // steps), and files saved before it became a code hold English words there.
    if (!isStringArray(step.after) || !isObject(step.expect) || !Array.isArray(step.risks)) {
      return shape('stepLacksChecks', { id: step.id });
    }
  }
  for (const key of ['decisions', 'skipped', 'commands'] as const) {
    if (!Array.isArray(value[key])) return shape('notList', { key });
  }
  return null;
}

/** A file's text as JSON, or a usage error naming the file. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new CliError(
      saying('validation', phrase('cli.planFile.unreadable', { file: path, said: (err as Error).message })),
      EXIT_USAGE,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CliError(saying('validation', phrase('cli.planFile.notJson', { file: path })), EXIT_USAGE);
  }
}

/** A parsed value as a plan the executor can run, its digest unchanged; `file` names it in refusals. */
export function checkedPlan(parsed: unknown, file: string): Plan {
  const problem = planShapeProblem(parsed);
  if (problem) {
    throw new CliError(saying('validation', phrase('cli.planFile.notAPlan', { file, problem })), EXIT_USAGE);
  }
  const { digest, ...rest } = parsed as Plan;
  if (planDigest(rest) !== digest) {
    throw new CliError(saying('plan-stale', phrase('cli.planFile.edited', { file })));
  }
  return parsed as Plan;
}

export async function readPlanFile(path: string): Promise<Plan> {
  return checkedPlan(await readJsonFile(path), path);
}
