// Saved fleet plans (`barnacle fleet plan … --out FILE`, `barnacle fleet apply
// FILE`): the grouped plan as shown, each engine's part an ordinary saved plan.
// Reading checks every part as `barnacle apply` checks a plan file (shape and
// digest); applying then holds each part against a plan made now, as apply does.

import type { FleetPlan, FleetPlanPart } from '../../src-shared/fleet';
import { phrase } from '../../src-shared/phrase';
import { CliError, EXIT_USAGE, saying } from './cli-error';
import { checkedPlan, readJsonFile } from './plan-file';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function notFleetPlan(file: string, problem: string): CliError {
  return new CliError(saying('validation', phrase('fleetCli.file.notFleetPlan', { file, problem })), EXIT_USAGE);
}

export async function readFleetPlanFile(file: string): Promise<FleetPlan> {
  const parsed = await readJsonFile(file);
  if (!isObject(parsed)) throw notFleetPlan(file, 'not an object');
  if (typeof parsed.id !== 'string' || typeof parsed.createdAt !== 'number' || !isObject(parsed.intent)) {
    throw notFleetPlan(file, 'no id, createdAt or intent');
  }
  if (!Array.isArray(parsed.parts) || parsed.parts.length === 0) throw notFleetPlan(file, 'no parts');
  const parts = parsed.parts.map((part: unknown, i: number): FleetPlanPart => {
    if (!isObject(part) || !isObject(part.endpoint) || typeof part.endpoint.host !== 'string') {
      throw notFleetPlan(file, `part ${i + 1} names no engine`);
    }
    const endpoint = part.endpoint as unknown as FleetPlanPart['endpoint'];
    if ('plan' in part) {
      const plan = checkedPlan(part.plan, `${file} (${endpoint.host})`);
      if (plan.engine.host !== endpoint.host) throw notFleetPlan(file, `part ${i + 1}'s plan is for another engine`);
      return { endpoint, plan, commands: [] };
    }
    if (!isObject(part.error)) throw notFleetPlan(file, `part ${i + 1} has neither a plan nor an error`);
    return { endpoint, error: part.error as unknown as Extract<FleetPlanPart, { error: unknown }>['error'] };
  });
  // Two parts for one engine would run two plans on it at once: no fleet plan Barnacle writes has that.
  const hosts = parts.map((p) => p.endpoint.host);
  const twice = hosts.find((h, i) => hosts.indexOf(h) !== i);
  if (twice !== undefined) throw notFleetPlan(file, `two parts for ${twice}`);
  return { ...(parsed as unknown as FleetPlan), parts };
}
