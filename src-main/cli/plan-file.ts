// Saved plans (`barnacle plan … --out FILE`, `barnacle apply FILE`). The file is
// the plan exactly as shown; applying checks it is still that plan: readable, the
// shape the executor needs, and its digest — the planner's sha256 over every
// step's action, target, order and expectations — unchanged. An edited step
// therefore cannot run; a person wanting something else makes a new plan.

import { readFile, writeFile } from 'node:fs/promises';
import type { Plan, StepAction } from '../../src-shared/plan';
import { planDigest } from '../planning/planner';
import { CliError, EXIT_USAGE } from './cli-error';

const actions: readonly StepAction[] = [
  'stop-container',
  'remove-container',
  'remove-volume',
  'untag',
  'remove-image',
  'remove-child-image',
];

export async function writePlanFile(path: string, plan: Plan): Promise<void> {
  try {
    await writeFile(path, `${JSON.stringify(plan, null, 2)}\n`, 'utf8');
  } catch (err) {
    throw new CliError({
      kind: 'validation',
      message: `could not save the plan to ${path}: ${(err as Error).message}`,
    });
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** What is wrong with the parsed file as a plan the executor can run, or null. */
export function planShapeProblem(value: unknown): string | null {
  if (!isObject(value)) return 'it is not a JSON object';
  for (const key of ['id', 'digest'] as const) {
    if (typeof value[key] !== 'string') return `"${key}" is missing`;
  }
  if (!isObject(value.engine) || typeof value.engine.host !== 'string') return '"engine.host" is missing';
  if (!isObject(value.intent)) return '"intent" is missing';
  if (!Array.isArray(value.steps)) return '"steps" is not a list';
  for (const [i, step] of value.steps.entries()) {
    if (!isObject(step)) return `step ${i + 1} is not an object`;
    if (typeof step.id !== 'string' || typeof step.target !== 'string' || typeof step.label !== 'string') {
      return `step ${i + 1} lacks its id, target or label`;
    }
    if (!actions.includes(step.action as StepAction)) return `step ${step.id} has an unknown action`;
    if (!isStringArray(step.after) || !isObject(step.expect) || !Array.isArray(step.risks)) {
      return `step ${step.id} lacks its order or expectations`;
    }
  }
  for (const key of ['decisions', 'skipped', 'commands'] as const) {
    if (!Array.isArray(value[key])) return `"${key}" is not a list`;
  }
  return null;
}

export async function readPlanFile(path: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new CliError({ kind: 'validation', message: `cannot read ${path}: ${(err as Error).message}` }, EXIT_USAGE);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError({ kind: 'validation', message: `${path} is not JSON: not a saved Barnacle plan` }, EXIT_USAGE);
  }
  const problem = planShapeProblem(parsed);
  if (problem) {
    throw new CliError({ kind: 'validation', message: `${path} is not a Barnacle plan: ${problem}` }, EXIT_USAGE);
  }
  const { digest, ...rest } = parsed as Plan;
  if (planDigest(rest) !== digest) {
    throw new CliError({
      kind: 'plan-stale',
      message: `${path} was changed after it was planned (its digest no longer matches its steps). Make a new plan.`,
    });
  }
  return parsed as Plan;
}
