// The command line, read into a typed invocation. Pure: no engine, no files.
// Options may stand before or after the command words (`barnacle --json ls` and
// `barnacle ls --json` mean the same); an option the command does not take is a
// usage error, not something silently ignored.

import { parseGoDuration } from '../planning/selection';
import { parseArgs } from 'node:util';
import type { CleanupIntent } from '../../src-shared/plan';
import { normalizeDockerHost } from '../engine/host-address';
import { usageError } from './cli-error';
import { parseArgsPhrase } from './parse-args-error';
import { phrase } from '../../src-shared/phrase';
import { saysOf } from '../../src-shared/phrase-error';
import { fixFlagNames, planIntent, type PlanFlags } from './plan-args';
import {
  enginesAdd,
  enginesAddOptions,
  enginesRm,
  type EnginesAddCommand,
  type EnginesRmCommand,
} from './engines-args';
import { policyFrom, policyNameArg } from './policy-args';
import { fleetCommand, fleetKey, type FleetCommand } from './fleet-args';
import type { Policy } from '../../src-shared/policy';

export interface GlobalOptions {
  json: boolean;
  /** `--host` / `-H`, normalised as the docker CLI would. */
  host?: string;
  /** `--context` / `-c`. */
  context?: string;
}

export type Command =
  | { name: 'help' }
  | { name: 'engines' }
  /** Writes a docker context (engines-args.ts). */
  | EnginesAddCommand
  | EnginesRmCommand
  | { name: 'ls'; all: boolean }
  | { name: 'ps' }
  | {
      name: 'df';
      /** --helper: a helper container may measure an engine whose data root is not here (this run). */
      helper: boolean;
      /** --no-walk: measure no storage; level 2 is unknown ('walk-skipped'). */
      walk: boolean;
    }
  | { name: 'volumes' }
  | { name: 'cache' }
  /** The trash: list it, or load an entry back (`trash restore PLAN/STEP`); removing from it is a plan. */
  | { name: 'trash'; restore?: string }
  | { name: 'plan'; intent: CleanupIntent; out?: string }
  /** `barnacle policy …`: the policies the app runs, in the same file (src-main/policies). */
  | { name: 'policy'; verb: 'ls' }
  | { name: 'policy'; verb: 'plan'; policy: string; out?: string }
  | { name: 'policy'; verb: 'apply'; policy: string; yes: boolean }
  | { name: 'policy'; verb: 'add'; policy: Policy }
  | { name: 'policy'; verb: 'rm'; policy: string }
  /** `barnacle fleet …`: several engines at once (fleet-args.ts). */
  | FleetCommand
  | {
      name: 'apply';
      file: string;
      yes: boolean;
      /** Refuse a saved plan made longer ago than this (ms); --max-age, default 24 h. */
      maxAgeMs: number;
    };

export interface Invocation {
  global: GlobalOptions;
  command: Command;
}

/** Every option any command takes; each command then admits its own subset. */
const options = {
  json: { type: 'boolean' },
  host: { type: 'string', short: 'H' },
  context: { type: 'string', short: 'c' },
  help: { type: 'boolean', short: 'h' },
  all: { type: 'boolean', short: 'a' },
  until: { type: 'string' },
  'until-clock': { type: 'string' },
  filter: { type: 'string', short: 'f', multiple: true },
  keep: { type: 'string', multiple: true },
  out: { type: 'string', short: 'o' },
  yes: { type: 'boolean', short: 'y' },
  'max-age': { type: 'string' },
  'keep-storage': { type: 'string' },
  'min-free-space': { type: 'string' },
  'stop-running': { type: 'boolean' },
  'remove-containers': { type: 'boolean' },
  'force-delete': { type: 'boolean' },
  'all-tags': { type: 'boolean' },
  'with-children': { type: 'boolean' },
  helper: { type: 'boolean' },
  'no-walk': { type: 'boolean' },
  trash: { type: 'boolean' },
  'no-trash': { type: 'boolean' },
  expired: { type: 'boolean' },
  'tls-ca': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'tls-skip-verify': { type: 'boolean' },
  'no-test': { type: 'boolean' },
  'unused-for': { type: 'string' },
  'older-than': { type: 'string' },
  'keep-newest': { type: 'string' },
  'keep-label': { type: 'string', multiple: true },
  over: { type: 'string' },
  'down-to': { type: 'string' },
  'free-below': { type: 'string' },
  'free-target': { type: 'string' },
  schedule: { type: 'string' },
  mode: { type: 'string' },
  disabled: { type: 'boolean' },
  contexts: { type: 'string', multiple: true },
} as const;

type OptionName = keyof typeof options;
type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

const globalNames: OptionName[] = ['json', 'host', 'context', 'help'];

/** Options each command admits besides the global ones. */
const commandOptions: Record<string, OptionName[]> = {
  engines: [],
  'engines add': [...enginesAddOptions],
  'engines rm': [],
  ls: ['all'],
  ps: [],
  df: ['helper', 'no-walk'],
  'plan rmi': ['out', 'trash', 'no-trash', ...fixFlagNames],
  'plan prune': [
    'out',
    'all',
    'until',
    'until-clock',
    'filter',
    'keep',
    'remove-containers',
    'trash',
    'no-trash',
    'unused-for',
    'keep-newest',
  ],
  'plan empty-trash': ['out', 'expired'],
  'plan rm-stopped': ['out', 'filter'],
  'plan rm-volumes': ['out'],
  'plan prune-volumes': ['out'],
  'plan prune-cache': ['out', 'until', 'keep-storage', 'min-free-space'],
  cache: [],
  volumes: [],
  trash: ['out', 'expired'],
  apply: ['yes', 'max-age'],
  'policy ls': [],
  'policy plan': ['out'],
  'policy apply': ['yes'],
  'policy add': [
    'unused-for',
    'older-than',
    'until-clock',
    'keep-newest',
    'keep',
    'keep-label',
    'over',
    'down-to',
    'free-below',
    'free-target',
    'schedule',
    'mode',
    'disabled',
  ],
  'policy rm': [],
  'fleet df': ['contexts'],
  'fleet apply': ['yes', 'max-age'],
  'fleet plan policy': ['out', 'contexts'],
};
// The fleet plans take their single-engine options, and which engines.
for (const kind of ['prune', 'rm-stopped', 'prune-cache', 'prune-volumes']) {
  commandOptions[`fleet plan ${kind}`] = [...(commandOptions[`plan ${kind}`] ?? []), 'contexts'];
}

const policyVerbs = ['ls', 'plan', 'apply', 'add', 'rm'];

const planKinds = ['rmi', 'prune', 'rm-stopped', 'rm-volumes', 'prune-volumes', 'prune-cache', 'empty-trash'];

function readValues(argv: string[]): { values: Values; positionals: string[] } {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    // node:util's messages name the option ("Unknown option '--nope'"): said in the CLI's language.
    throw usageError(parseArgsPhrase(err));
  }
}

function commandKey(positionals: string[]): { key: string; rest: string[] } {
  const [first, second, ...rest] = positionals;
  if (first === undefined) throw usageError(phrase('cli.usage.noCommand'));
  if (first === 'plan') {
    if (second === undefined || !planKinds.includes(second)) {
      throw usageError(phrase('cli.usage.planKind', { kinds: planKinds.join(', ') }));
    }
    return { key: `plan ${second}`, rest };
  }
  if (first === 'engines' && (second === 'add' || second === 'rm')) return { key: `engines ${second}`, rest };
  if (first === 'fleet') return fleetKey(second, rest);
  if (first === 'policy') {
    // `barnacle policy` alone lists them, as `barnacle trash` does.
    const verb = second ?? 'ls';
    if (!policyVerbs.includes(verb)) throw usageError(phrase('cli.usage.policyVerb'));
    return { key: `policy ${verb}`, rest };
  }
  if (!(first in commandOptions)) {
    throw usageError(phrase('cli.usage.unknownCommand', { command: first }));
  }
  return { key: first, rest: second === undefined ? rest : [second, ...rest] };
}

function checkAdmitted(key: string, values: Values): void {
  const admitted = new Set<string>([...globalNames, ...(commandOptions[key] ?? [])]);
  for (const name of Object.keys(values)) {
    if (values[name as OptionName] !== undefined && !admitted.has(name)) {
      throw usageError(phrase('cli.usage.notForCommand', { command: key, option: name }));
    }
  }
}

function globalOptions(values: Values, platform: NodeJS.Platform): GlobalOptions {
  const global: GlobalOptions = { json: values.json ?? false };
  if (values.host !== undefined && values.context !== undefined) {
    // The docker CLI's own words for the same mistake.
    throw usageError(phrase('cli.usage.hostAndContext'));
  }
  if (values.host !== undefined) {
    try {
      global.host = normalizeDockerHost(values.host, platform);
    } catch (err) {
      // The address's own phrase when it has one (host-address.ts), else its English.
      const { message, says } = saysOf(err);
      throw usageError(phrase('cli.usage.hostFlag', { problem: says ?? message }));
    }
  }
  if (values.context !== undefined) {
    if (values.context.trim() === '') throw usageError(phrase('cli.usage.contextEmpty'));
    global.context = values.context;
  }
  return global;
}

function noPositionals(key: string, rest: string[]): void {
  if (rest.length > 0) throw usageError(phrase('cli.usage.noArguments', { command: key, got: rest.join(' ') }));
}

export function parseCommandLine(argv: string[], platform: NodeJS.Platform = process.platform): Invocation {
  const { values, positionals } = readValues(argv);
  if (values.help || positionals[0] === 'help') {
    return { global: { json: values.json ?? false }, command: { name: 'help' } };
  }
  const { key, rest } = commandKey(positionals);
  checkAdmitted(key, values);
  const global = globalOptions(values, platform);
  switch (key) {
    case 'engines add':
      return { global: { json: global.json }, command: enginesAdd(rest, { ...values, ...global }) };
    case 'engines rm':
      return { global: { json: global.json }, command: enginesRm(rest, { ...values, ...global }) };
    case 'df':
      noPositionals(key, rest);
      return { global, command: { name: 'df', helper: values.helper ?? false, walk: !(values['no-walk'] ?? false) } };
    case 'engines':
    case 'ps':
    case 'volumes':
    case 'cache':
      noPositionals(key, rest);
      return { global, command: { name: key } };
    case 'trash': {
      const [verb = 'ls', ...ids] = rest;
      // `trash rm ID…` and `trash empty [--expired]` are `plan empty-trash`: previewed, then applied.
      if (verb === 'rm' || verb === 'empty') {
        if ((verb === 'rm') !== ids.length > 0) throw usageError(phrase('cli.usage.trash'));
        return planCommand(global, values, { ...values, kind: 'empty-trash', refs: ids });
      }
      if (values.out !== undefined || values.expired !== undefined) {
        throw usageError(
          phrase('cli.usage.notForCommand', {
            command: `trash ${verb}`,
            option: values.out !== undefined ? 'out' : 'expired',
          }),
        );
      }
      if (verb === 'ls' && ids.length === 0) return { global, command: { name: 'trash' } };
      if (verb !== 'restore' || ids.length !== 1) throw usageError(phrase('cli.usage.trash'));
      return { global, command: { name: 'trash', restore: ids[0]! } };
    }
    case 'ls':
      noPositionals(key, rest);
      return { global, command: { name: 'ls', all: values.all ?? false } };
    case 'apply': {
      if (rest.length !== 1) throw usageError(phrase('cli.usage.applyOneFile'));
      return {
        global,
        command: { name: 'apply', file: rest[0]!, yes: values.yes ?? false, maxAgeMs: maxAgeMs(values) },
      };
    }
    case 'policy ls':
    case 'policy plan':
    case 'policy apply':
    case 'policy add':
    case 'policy rm':
      return { global, command: policyCommand(key, rest, values) };
    default:
      if (key.startsWith('fleet ')) return fleetInvocation(key, rest, values, global);
      return planCommand(global, values, {
        ...values,
        kind: key.slice('plan '.length) as PlanFlags['kind'],
        refs: rest,
      });
  }
}

/** --max-age: how old a saved plan may be when applied (24 h unless given). */
function maxAgeMs(values: Values): number {
  const maxAge = values['max-age'] ?? '24h';
  const seconds = parseGoDuration(maxAge);
  if (seconds === null || seconds <= 0) {
    throw usageError(phrase('cli.usage.maxAge', { value: maxAge }));
  }
  return seconds * 1000;
}

/** The fleet names its engines with --contexts: one --host or --context would say which single engine. */
function fleetInvocation(key: string, rest: string[], values: Values, global: GlobalOptions): Invocation {
  if (global.host !== undefined || global.context !== undefined) throw usageError(phrase('fleetCli.usage.oneEngine'));
  const { contexts, out, yes, ...flags } = values;
  const fleetValues = {
    maxAgeMs: maxAgeMs(values),
    ...(contexts !== undefined ? { contexts } : {}),
    ...(out !== undefined ? { out } : {}),
    ...(yes !== undefined ? { yes } : {}),
  };
  return { global: { json: global.json }, command: fleetCommand(key, rest, fleetValues, flags) };
}

function planCommand(global: GlobalOptions, values: Values, flags: PlanFlags): Invocation {
  const command: Command = { name: 'plan', intent: planIntent(flags) };
  if (values.out !== undefined) {
    if (values.out.trim() === '') throw usageError(phrase('cli.usage.outEmpty'));
    command.out = values.out;
  }
  return { global, command };
}

function policyCommand(key: string, rest: string[], values: Values): Command {
  if (key === 'policy ls') {
    noPositionals(key, rest);
    return { name: 'policy', verb: 'ls' };
  }
  if (rest.length !== 1) throw usageError(phrase('cli.usage.policyVerb'));
  const name = policyNameArg(rest[0]);
  switch (key) {
    case 'policy plan': {
      if (values.out !== undefined && values.out.trim() === '') throw usageError(phrase('cli.usage.outEmpty'));
      return { name: 'policy', verb: 'plan', policy: name, ...(values.out !== undefined ? { out: values.out } : {}) };
    }
    case 'policy apply':
      return { name: 'policy', verb: 'apply', policy: name, yes: values.yes ?? false };
    case 'policy add':
      return { name: 'policy', verb: 'add', policy: policyFrom(name, values) };
    default:
      return { name: 'policy', verb: 'rm', policy: name };
  }
}
