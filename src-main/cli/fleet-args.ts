// `barnacle fleet df | plan KIND … | apply FILE`: the fleet's command line, read
// into a typed command. Which engines: `--contexts a,b,c` (docker context names,
// repeatable or comma-separated), or every usable context when not given. The
// plan kinds are those that make sense on every engine at once; naming images
// (`rmi`) or volumes does not.

import { phrase } from '../../src-shared/phrase';
import type { CleanupIntent } from '../../src-shared/plan';
import { usageError } from './cli-error';
import { planIntent, type PlanFlags } from './plan-args';
import { policyNameArg } from './policy-args';

export type FleetCommand =
  | { name: 'fleet'; verb: 'df'; contexts?: string[] }
  | {
      name: 'fleet';
      verb: 'plan';
      /** The intent, or the stored policy whose intent each engine plans. */
      plan: { intent: CleanupIntent } | { policy: string };
      contexts?: string[];
      out?: string;
    }
  | { name: 'fleet'; verb: 'apply'; file: string; yes: boolean; maxAgeMs: number };

export const fleetPlanKinds = ['prune', 'rm-stopped', 'prune-cache', 'prune-volumes', 'policy'] as const;

/** `fleet df`, `fleet plan KIND`, `fleet apply`: the key the options are admitted by. */
export function fleetKey(second: string | undefined, rest: string[]): { key: string; rest: string[] } {
  if (second === 'df' || second === 'apply') return { key: `fleet ${second}`, rest };
  if (second === 'plan') {
    const [kind, ...more] = rest;
    if (kind !== undefined && (fleetPlanKinds as readonly string[]).includes(kind)) {
      return { key: `fleet plan ${kind}`, rest: more };
    }
    throw usageError(phrase('fleetCli.usage.planKind', { kinds: fleetPlanKinds.join(', ') }));
  }
  throw usageError(phrase('fleetCli.usage.verb'));
}

/** Context names from `--contexts a,b --contexts c`; undefined when not given (every usable context). */
export function contextNames(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  const names = values.flatMap((v) => v.split(',')).map((n) => n.trim());
  if (names.length === 0 || names.some((n) => n === '')) throw usageError(phrase('fleetCli.usage.contextsEmpty'));
  return [...new Set(names)];
}

export interface FleetValues {
  contexts?: string[];
  out?: string;
  yes?: boolean;
  maxAgeMs: number;
}

export function fleetCommand(
  key: string,
  rest: string[],
  values: FleetValues,
  flags: Omit<PlanFlags, 'kind' | 'refs'>,
): FleetCommand {
  const contexts = contextNames(values.contexts);
  const which = contexts ? { contexts } : {};
  if (key === 'fleet df') {
    if (rest.length > 0) throw usageError(phrase('cli.usage.noArguments', { command: key, got: rest.join(' ') }));
    return { name: 'fleet', verb: 'df', ...which };
  }
  if (key === 'fleet apply') {
    if (rest.length !== 1) throw usageError(phrase('fleetCli.usage.applyOneFile'));
    return { name: 'fleet', verb: 'apply', file: rest[0]!, yes: values.yes ?? false, maxAgeMs: values.maxAgeMs };
  }
  const kind = key.slice('fleet plan '.length);
  let plan: Extract<FleetCommand, { verb: 'plan' }>['plan'];
  if (kind === 'policy') {
    if (rest.length !== 1) throw usageError(phrase('fleetCli.usage.policyName'));
    plan = { policy: policyNameArg(rest[0]) };
  } else {
    plan = { intent: planIntent({ ...flags, kind: kind as PlanFlags['kind'], refs: rest }) };
  }
  if (values.out !== undefined && values.out.trim() === '') throw usageError(phrase('cli.usage.outEmpty'));
  return { name: 'fleet', verb: 'plan', plan, ...which, ...(values.out !== undefined ? { out: values.out } : {}) };
}
