// Malformed IPC payloads for every channel, from a small seeded generator (same
// seed, same payloads, every run). Each payload is invalid by construction: it
// is not a plain object, or carries a key the channel does not have, or lacks
// a required key, or puts a value in a field that the field's grammar refuses.
// Each case says which issue path the refusal must name.
//
// Used by tests/unit/schemas.test.ts (against the schemas, no engine) and
// tests/integration/ipc-fuzz.test.ts (against createHandlers on a live engine).

import type { ArgsOf, Channel } from '../../src-shared/contract';

export interface MalformedCase {
  payload: unknown;
  /** What is wrong, for failure messages. */
  why: string;
  /** The refusal must name one of these paths ('(payload)' for the top level, 'volumes.0' inside arrays). */
  paths: string[];
}

type Grammar =
  | 'containerRef'
  | 'imageRef'
  | 'volumeName'
  | 'until'
  | 'labelFilter'
  | 'keepPattern'
  | 'host'
  | 'planId'
  | 'digest'
  | 'trashEntry'
  | 'policyName'
  | 'contextName'
  | 'remoteHost'
  | 'absolutePath';

type Field =
  | { kind: 'boolean' }
  | { kind: 'string'; grammar: Grammar }
  | { kind: 'enum'; values: string[] }
  | { kind: 'array'; of: Field; max: number }
  /** A size or a number of days: a whole number, not negative, exact in a double. */
  | { kind: 'count' }
  | { kind: 'intent' }
  | { kind: 'policy' };

interface ChannelShape<C extends Channel> {
  /** A valid payload: mutations change one thing in it, so each case is a near miss. */
  valid: ArgsOf<C>;
  fields: Record<string, Field & { required?: true }>;
}

const bool: Field = { kind: 'boolean' };
const str = (grammar: Grammar): Field => ({ kind: 'string', grammar });
const required = <F extends Field>(field: F): F & { required: true } => ({ ...field, required: true });

const HEX64 = 'a'.repeat(64);

/** A policy main accepts: weekly, unused for 30 days, the newest 3 tags of each repository kept, notify only. */
const VALID_POLICY = {
  name: 'weekly',
  enabled: true,
  schedule: 'weekly',
  mode: 'notify',
  rules: { unusedFor: '720h', keepNewest: { count: 3, by: 'created' } },
} as const;

/** A remote engine and its TLS files, as testEngine and addEngine take them. */
const ENGINE_ADDRESS_FIELDS = {
  host: required(str('remoteHost')),
  caPath: str('absolutePath'),
  certPath: str('absolutePath'),
  keyPath: str('absolutePath'),
  skipTlsVerify: bool,
};

/** Every channel's payload: adding a channel to the contract without adding it here fails typecheck. */
export const channelShapes: { [C in Channel]: ChannelShape<C> } = {
  inventory: { valid: {}, fields: {} },
  diskUsage: { valid: { refresh: true }, fields: { refresh: bool } },
  diskLevels: { valid: {}, fields: {} },
  diskSettings: { valid: {}, fields: {} },
  setDiskSettings: {
    valid: { measureWithHelper: true, helperImage: 'busybox:latest' },
    fields: { measureWithHelper: bool, helperImage: str('imageRef') },
  },
  volumes: { valid: { sizes: true }, fields: { sizes: bool } },
  imageLayers: { valid: { id: `sha256:${HEX64}` }, fields: { id: required(str('imageRef')) } },
  engineHealth: { valid: {}, fields: {} },
  listEndpoints: { valid: {}, fields: {} },
  selectEngine: { valid: { host: 'unix:///var/run/docker.sock' }, fields: { host: required(str('host')) } },
  stopContainer: { valid: { id: 'fuzz-running' }, fields: { id: required(str('containerRef')) } },
  startContainer: { valid: { id: 'fuzz-stopped' }, fields: { id: required(str('containerRef')) } },
  buildCache: { valid: {}, fields: {} },
  previewPlan: {
    valid: { intent: { type: 'remove-images', refs: ['fuzz/target:1'] } },
    fields: { intent: required({ kind: 'intent' }) },
  },
  executePlan: {
    valid: { planId: '3b241101-e2bb-4255-8caf-4136c566a962', digest: `sha256:${HEX64}` },
    fields: { planId: required(str('planId')), digest: required(str('digest')) },
  },
  cancelPlan: {
    valid: { planId: '3b241101-e2bb-4255-8caf-4136c566a962' },
    fields: { planId: required(str('planId')) },
  },
  resumePlan: {
    valid: { planId: '3b241101-e2bb-4255-8caf-4136c566a962' },
    fields: { planId: required(str('planId')) },
  },
  history: { valid: {}, fields: {} },
  exportHistory: { valid: { format: 'json' }, fields: { format: required({ kind: 'enum', values: ['json', 'csv'] }) } },
  trash: { valid: {}, fields: {} },
  restoreFromTrash: {
    valid: { id: '3b241101-e2bb-4255-8caf-4136c566a962/s1' },
    fields: { id: required(str('trashEntry')) },
  },
  setTrashSettings: {
    valid: { keep: 'all', maxBytes: 1024 ** 3, maxAgeDays: 7 },
    fields: {
      keep: { kind: 'enum', values: ['not-pullable', 'all', 'none'] },
      maxBytes: { kind: 'count' },
      maxAgeDays: { kind: 'count' },
    },
  },
  policies: { valid: {}, fields: {} },
  savePolicy: {
    valid: { policy: VALID_POLICY, previousName: 'weekly' },
    fields: { policy: required({ kind: 'policy' }), previousName: str('policyName') },
  },
  removePolicy: { valid: { name: 'weekly' }, fields: { name: required(str('policyName')) } },
  fleet: { valid: {}, fields: {} },
  setFleet: {
    valid: { hosts: ['unix:///var/run/docker.sock', 'tcp://127.0.0.1:2375'] },
    fields: { hosts: required({ kind: 'array', of: str('host'), max: 16 }) },
  },
  previewFleetPlan: {
    valid: { hosts: ['unix:///var/run/docker.sock'], intent: { type: 'prune-images', all: false } },
    fields: { hosts: required({ kind: 'array', of: str('host'), max: 17 }), intent: required({ kind: 'intent' }) },
  },
  executeFleetPlan: {
    valid: { fleetPlanId: '3b241101-e2bb-4255-8caf-4136c566a962' },
    fields: { fleetPlanId: required(str('planId')) },
  },
  engineContexts: { valid: {}, fields: {} },
  testEngine: {
    valid: {
      host: 'tcp://10.0.0.5:2376',
      caPath: '/certs/ca.pem',
      certPath: '/certs/cert.pem',
      keyPath: '/certs/key.pem',
    },
    fields: ENGINE_ADDRESS_FIELDS,
  },
  testEngineContext: { valid: { name: 'remote' }, fields: { name: required(str('contextName')) } },
  addEngine: {
    valid: { name: 'remote', host: 'ssh://me@builder:2222', test: false },
    fields: { ...ENGINE_ADDRESS_FIELDS, name: required(str('contextName')), test: bool },
  },
  removeEngine: { valid: { name: 'remote' }, fields: { name: required(str('contextName')) } },
};

/** Whether a refusal's issue paths name one of the case's paths, or something inside one ("intent" covers "intent.refs.0"). */
export function refusalNames(issuePaths: readonly string[], expected: readonly string[]): boolean {
  return issuePaths.some((path) => expected.some((e) => path === e || (e !== '(payload)' && path.startsWith(`${e}.`))));
}

// ---- value pools ---------------------------------------------------------------

const MEGABYTE = 'a'.repeat(1024 * 1024);
const MEGABYTE_OF_DIGITS = '1'.repeat(1024 * 1024);

/** Not strings at all. */
const NOT_STRINGS: unknown[] = [
  0,
  -1,
  1.5,
  NaN,
  Infinity,
  -Infinity,
  null,
  true,
  false,
  {},
  [],
  ['x'],
  { value: 'x' },
  new Date(0),
];
/** Not booleans (undefined is absent, which optional booleans allow). */
const NOT_BOOLEANS: unknown[] = [
  'true',
  'false',
  '',
  'yes',
  1,
  0,
  -1,
  NaN,
  Infinity,
  null,
  [],
  [true],
  {},
  { value: true },
  new Date(0),
];
/** Never a valid name, reference, volume, ID or duration: path tricks, injections, control characters, homoglyphs. */
const HOSTILE_NAMES = [
  '',
  MEGABYTE,
  '../../etc/passwd',
  '..',
  '%2e%2e/',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/images/x/json',
  '/containers/x/json',
  'a?force=1',
  'x#y',
  '; rm -rf /',
  '$(reboot)',
  '`reboot`',
  'a && reboot',
  'a | cat',
  'name\nsecond-line',
  'name\r\nX-Injected: 1',
  'nul\u0000byte',
  'tab\there',
  'ubuntu:lаtest', // Cyrillic а
  'busуbox', // Cyrillic у
  'ｂｕｓｙｂｏｘ', // fullwidth
  'rtl\u202eoverride',
  ' leading-space',
  'trailing-space ',
  '-starts-with-dash',
];
const HOSTILE_IMAGE_REFS = [
  ...HOSTILE_NAMES,
  'Busybox',
  'team/App',
  'a:',
  ':tag',
  'a//b',
  'a/../b',
  'a@sha256:123',
  'busybox:-tag',
  `x:${'t'.repeat(129)}`,
];
const GRAMMAR_INVALID: Record<Grammar, unknown[]> = {
  containerRef: [...NOT_STRINGS, ...HOSTILE_NAMES, '.hidden', '_x', 'a/b', 'a:b', 'c'.repeat(129)],
  volumeName: [...NOT_STRINGS, ...HOSTILE_NAMES, '../x', '.hidden', '_x', 'a/b', 'a:b', 'v'.repeat(256)],
  imageRef: [...NOT_STRINGS, ...HOSTILE_IMAGE_REFS],
  until: [
    ...NOT_STRINGS,
    ...HOSTILE_NAMES,
    '24h; rm',
    '-1h',
    '1d',
    '24H',
    '24 h',
    '1e9',
    '0x10',
    'NaN',
    'Infinity',
    '1h\n',
    MEGABYTE_OF_DIGITS,
  ],
  // Docker takes any label text, so only what no label filter may be: empty, huge, control characters, no key.
  labelFilter: [...NOT_STRINGS, '', MEGABYTE, '=value', '=', 'a\nb', 'a\u0000b', 'a\rb', 'a\u007fb', 'a\tb'],
  // A keep pattern is only matched, never sent to the engine: path-like text is a valid pattern.
  keepPattern: [
    ...NOT_STRINGS,
    ...HOSTILE_NAMES.filter(
      (n) => !['../../etc/passwd', '..', '/images/x/json', '/containers/x/json', '-starts-with-dash'].includes(n),
    ),
    'a b',
    'a[b]',
    'a{1}',
    'a+b',
    '*'.repeat(257),
  ],
  host: [
    ...NOT_STRINGS,
    ...HOSTILE_NAMES,
    'http://localhost:2375',
    'https://localhost:2376',
    'file:///var/run/docker.sock',
    '/var/run/docker.sock',
    'unix://relative/docker.sock',
    'unix://',
    'tcp://',
    'tcp://host:99999',
    'tcp://-oProxyCommand=reboot:22',
    'ssh://-oProxyCommand=reboot',
    'ssh://user@',
    'npipe://x',
    'unіx:///var/run/docker.sock', // Cyrillic і
    'unix:///var/run/docker.sock\n',
    'tcp://a b:2375',
  ],
  planId: [...NOT_STRINGS, ...HOSTILE_NAMES],
  digest: [...NOT_STRINGS, ...HOSTILE_NAMES, 'sha256:xyz', `md5:${HEX64}`],
  // Only "<plan id>/<step id>": never a path out of the trash folder, nor a plan's whole folder.
  trashEntry: [
    ...NOT_STRINGS,
    ...HOSTILE_NAMES,
    '3b241101-e2bb-4255-8caf-4136c566a962',
    '3b241101-e2bb-4255-8caf-4136c566a962/',
    '3b241101-e2bb-4255-8caf-4136c566a962/s',
    '3b241101-e2bb-4255-8caf-4136c566a962/../s1',
    '3b241101-e2bb-4255-8caf-4136c566a962/s1.tar.gz',
    '3B241101-E2BB-4255-8CAF-4136C566A962/s1',
    '../3b241101-e2bb-4255-8caf-4136c566/s1',
    '3b241101-e2bb-4255-8caf-4136c566a962\\s1',
    '3b241101-e2bb-4255-8caf-4136c566a962/s1\n',
    `${'-'.repeat(36)}/s1`,
    '3b241101e2bb42558caf4136c566a962----/s1',
    '3b241101-e2bb-4255-8caf-4136c566a962/s1234567',
  ],
  // Letters (any script), digits, spaces, ".", "_" and "-", starting with a letter or digit: never a path or an option.
  policyName: [
    ...NOT_STRINGS,
    '',
    MEGABYTE,
    '../../etc/passwd',
    '..',
    '/images/x/json',
    'a/b',
    'a:b',
    'a?force=1',
    '; rm -rf /',
    '$(reboot)',
    ' leading-space',
    '-starts-with-dash',
    'name\nsecond-line',
    'nul\u0000byte',
    'tab\there',
    'rtl\u202eoverride',
    'p'.repeat(65),
  ],
  // The docker CLI's context names: never "default", a path, an option or one character.
  contextName: [
    ...NOT_STRINGS,
    ...HOSTILE_NAMES,
    'default',
    'a',
    'a/b',
    'a:b',
    'a b',
    '.hidden',
    '_x',
    'c'.repeat(129),
  ],
  // A new context's engine is remote: a local socket or pipe is not one to add here.
  remoteHost: [
    ...NOT_STRINGS,
    ...HOSTILE_NAMES,
    'unix:///var/run/docker.sock',
    'npipe:////./pipe/docker_engine',
    'http://localhost:2375',
    'tcp://',
    'tcp://host:99999',
    'tcp://-oProxyCommand=reboot:22',
    'ssh://-oProxyCommand=reboot',
    'ssh://user@',
    'tcp://a b:2375',
    'tcp://10.0.0.5:2376\n',
    `tcp://${'h'.repeat(510)}`,
  ],
  // A file the form names: absolute, one line, bounded.
  absolutePath: [
    ...NOT_STRINGS,
    '',
    'ca.pem',
    './ca.pem',
    '../../etc/passwd',
    '~/certs/ca.pem',
    '/certs/ca.pem\n',
    '/certs/nul\u0000.pem',
    `/${'p'.repeat(4096)}`,
  ],
};

/** Not a whole, non-negative, exactly representable number. */
const NOT_COUNTS: unknown[] = [
  -1,
  1.5,
  NaN,
  Infinity,
  -Infinity,
  Number.MAX_SAFE_INTEGER + 1,
  2 ** 64,
  '1',
  '',
  null,
  true,
  {},
  [],
  [1],
  new Date(0),
];

/**
 * The grammars an intent's fields use, each value in the field that holds it:
 * the only way in for references, volumes, durations, label filters and keep
 * patterns now that everything destructive goes through a plan.
 */
const INTENT_FIELD_INVALID: unknown[] = [
  ...GRAMMAR_INVALID.imageRef.map((ref) => ({ type: 'remove-images', refs: [ref] })),
  ...GRAMMAR_INVALID.imageRef.map((ancestor) => ({ type: 'remove-stopped-containers', ancestor })),
  ...GRAMMAR_INVALID.containerRef.map((id) => ({ type: 'remove-stopped-containers', ids: [id] })),
  ...GRAMMAR_INVALID.volumeName.map((volume) => ({ type: 'start-fresh', volumes: [volume] })),
  ...GRAMMAR_INVALID.until.map((until) => ({ type: 'prune-images', all: true, until })),
  ...GRAMMAR_INVALID.labelFilter.map((label) => ({ type: 'prune-images', all: true, labels: [label] })),
  ...GRAMMAR_INVALID.labelFilter.map((label) => ({ type: 'prune-images', all: false, notLabels: [label] })),
  ...GRAMMAR_INVALID.keepPattern.map((pattern) => ({ type: 'prune-images', all: true, keep: [pattern] })),
];

const INTENT_INVALID: unknown[] = [
  ...NOT_STRINGS.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
  'remove-images',
  {},
  { type: 'unknown' },
  { type: '__proto__' },
  { type: 'remove-images' },
  { type: 'remove-images', refs: 'fuzz/target:1' },
  { type: 'remove-images', refs: ['; rm -rf /'] },
  { type: 'remove-images', refs: ['../../etc/passwd'] },
  { type: 'remove-images', refs: [MEGABYTE] },
  { type: 'remove-images', refs: [{}] },
  { type: 'prune-images' },
  { type: 'prune-images', all: 'true' },
  { type: 'prune-images', all: true, until: '24h; rm' },
  { type: 'prune-images', all: true, labels: ['a\u0000b'] },
  { type: 'start-fresh', volumes: ['../x'] },
  { type: 'remove-stopped-containers', ancestor: '$(reboot)' },
  JSON.parse('{"type":"remove-images","refs":["fuzz/target:1"],"__proto__":{"force":true}}'),
  JSON.parse('{"type":"remove-images","refs":["fuzz/target:1"],"constructor":{"prototype":{"force":true}}}'),
  ...INTENT_FIELD_INVALID,
];

const rulesWith = (rules: Record<string, unknown>) => ({ ...VALID_POLICY, rules: { ...VALID_POLICY.rules, ...rules } });

/** Policies main refuses: each one field or rule away from VALID_POLICY. */
const POLICY_INVALID: unknown[] = [
  ...NOT_STRINGS.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
  'weekly',
  {},
  ...GRAMMAR_INVALID.policyName.map((name) => ({ ...VALID_POLICY, name })),
  { ...VALID_POLICY, enabled: 'true' },
  { ...VALID_POLICY, schedule: 'monthly' },
  { ...VALID_POLICY, schedule: 'WEEKLY' },
  { ...VALID_POLICY, mode: 'delete' },
  { ...VALID_POLICY, mode: 'force' },
  { ...VALID_POLICY, rules: undefined },
  { ...VALID_POLICY, rules: [] },
  // No rule that limits what goes: every unused image, every time.
  { ...VALID_POLICY, rules: {} },
  { ...VALID_POLICY, rules: { keep: ['postgres:*'] } },
  // Run "over the threshold" without one.
  { ...VALID_POLICY, schedule: 'over-threshold' },
  rulesWith({ force: true }),
  rulesWith({ containers: true }),
  rulesWith({ volumes: true }),
  rulesWith({ unusedFor: '30d' }),
  rulesWith({ olderThan: '-1h' }),
  rulesWith({ untilClock: 'wall' }),
  rulesWith({ keepNewest: { count: -1, by: 'created' } }),
  rulesWith({ keepNewest: { count: 1.5, by: 'created' } }),
  rulesWith({ keepNewest: { count: 3, by: 'size' } }),
  rulesWith({ keep: 'postgres:*' }),
  rulesWith({ threshold: { measure: 'images-bytes', trigger: -1, target: 0 } }),
  rulesWith({ threshold: { measure: 'inodes', trigger: 10, target: 5 } }),
  ...GRAMMAR_INVALID.until.map((unusedFor) => rulesWith({ unusedFor })),
  ...GRAMMAR_INVALID.keepPattern.map((pattern) => rulesWith({ keep: [pattern] })),
  ...GRAMMAR_INVALID.labelFilter.map((label) => rulesWith({ keepLabels: [label] })),
  JSON.parse(
    `{"name":"weekly","enabled":true,"schedule":"weekly","mode":"notify","rules":{"unusedFor":"720h"},"__proto__":{"mode":"apply"}}`,
  ),
  JSON.parse(
    `{"name":"weekly","enabled":true,"schedule":"weekly","mode":"notify","rules":{"unusedFor":"720h","__proto__":{"force":true}}}`,
  ),
];

/** Things that are not a plain object at all (all survive structured clone, except undefined which IPC sends as-is). */
const NOT_OBJECTS: unknown[] = [
  undefined,
  null,
  0,
  -1,
  NaN,
  Infinity,
  -Infinity,
  '',
  'true',
  '{}',
  MEGABYTE,
  true,
  false,
  [],
  [{}],
  [[]],
  new Date(0),
  new Map([['all', true]]),
  new Set(['x']),
  new Uint8Array(4),
  /x/,
  new Error('x'),
];

/** Keys no channel has; the prototype keys are made own properties with JSON.parse. */
const FOREIGN_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'force',
  'filters',
  'Id',
  'toString',
  'hasOwnProperty',
  '',
  ' ',
  'REF',
  'rеf', // Cyrillic е
  'id\u0000',
  '../',
  'a?b',
];
const FOREIGN_VALUES: unknown[] = [
  true,
  1,
  'x',
  null,
  {},
  [],
  { force: true },
  { polluted: true },
  { prototype: { polluted: true } },
];

// ---- generator -------------------------------------------------------------------

/** mulberry32: tiny, seedable, good enough to pick from pools. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const show = (v: unknown): string => {
  if (typeof v === 'string') return v.length > 40 ? `"${v.slice(0, 12)}…" (${v.length} chars)` : JSON.stringify(v);
  if (typeof v === 'number' || v === undefined) return String(v);
  if (
    v instanceof Date ||
    v instanceof Map ||
    v instanceof Set ||
    v instanceof RegExp ||
    v instanceof Error ||
    ArrayBuffer.isView(v)
  ) {
    return (v as object).constructor.name;
  }
  const json = JSON.stringify(v);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
};

/** `base` plus one own property `key`, built through JSON text so "__proto__" is a real own key. */
function withForeignKey(base: object, key: string, value: unknown): Record<string, unknown> {
  const text = JSON.stringify(base);
  const extra = `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  return JSON.parse(text === '{}' ? `{${extra}}` : `${text.slice(0, -1)},${extra}}`) as Record<string, unknown>;
}

/** Invalid values for one field, each with the path its refusal names. */
function invalidValues(name: string, field: Field): { value: unknown; path: string }[] {
  switch (field.kind) {
    case 'boolean':
      return NOT_BOOLEANS.map((value) => ({ value, path: name }));
    case 'string':
      return GRAMMAR_INVALID[field.grammar].map((value) => ({ value, path: name }));
    case 'enum':
      return [
        ...NOT_STRINGS,
        '',
        MEGABYTE,
        ...field.values.map((v) => v.toUpperCase()),
        ...field.values.map((v) => `${v} `),
        'xml',
        '../x',
      ]
        .filter((v) => !field.values.includes(v as string))
        .map((value) => ({ value, path: name }));
    case 'intent':
      return INTENT_INVALID.map((value) => ({ value, path: name }));
    case 'policy':
      return POLICY_INVALID.map((value) => ({ value, path: name }));
    case 'count':
      return NOT_COUNTS.map((value) => ({ value, path: name }));
    case 'array': {
      const valid = validExample(field.of);
      return [
        ...[...NOT_STRINGS.filter((v) => !Array.isArray(v)), 'x'].map((value) => ({ value, path: name })),
        { value: Array.from({ length: field.max + 1 }, () => valid), path: name },
        { value: [[valid]], path: `${name}.0` },
        ...invalidValues(`${name}.0`, field.of).map(({ value, path }) => ({ value: [value], path })),
        ...invalidValues(`${name}.1`, field.of).map(({ value, path }) => ({ value: [valid, value], path })),
      ];
    }
  }
}

function validExample(field: Field): unknown {
  if (field.kind === 'string' && field.grammar === 'host') return 'unix:///var/run/docker.sock';
  if (field.kind === 'string') return field.grammar === 'labelFilter' ? 'fuzz=1' : 'fuzz-volume';
  if (field.kind === 'boolean') return true;
  if (field.kind === 'enum') return field.values[0];
  throw new Error(`no example for ${field.kind}`);
}

/** Wraps a value so its type is wrong: [v], { value: v }, or deeply nested. */
function wrappings(value: unknown): unknown[] {
  let deep: unknown = value;
  for (let i = 0; i < 64; i++) deep = { nested: deep };
  return [[value], { value }, deep];
}

/**
 * Every systematic case for `channel` (each non-object, each foreign key, each
 * invalid value per field, each missing required field), then seeded random
 * combinations until there are at least `count`.
 */
export function malformedPayloads(channel: Channel, count = 300, seed = 20240611): MalformedCase[] {
  const shape = channelShapes[channel] as ChannelShape<Channel>;
  const valid = shape.valid as Record<string, unknown>;
  const fields = Object.entries(shape.fields);
  // A "foreign" key that is one of the channel's own fields would just be a field.
  const foreignKeys = FOREIGN_KEYS.filter((key) => !Object.hasOwn(shape.fields, key));
  const cases: MalformedCase[] = [];

  for (const payload of NOT_OBJECTS) cases.push({ payload, why: `payload is ${show(payload)}`, paths: ['(payload)'] });
  foreignKeys.forEach((key, i) => {
    const value = FOREIGN_VALUES[i % FOREIGN_VALUES.length];
    cases.push({
      payload: withForeignKey(valid, key, value),
      why: `extra key ${JSON.stringify(key)}`,
      paths: ['(payload)'],
    });
  });
  for (const [name, field] of fields) {
    for (const { value, path } of invalidValues(name, field)) {
      cases.push({ payload: { ...valid, [name]: value }, why: `${name} = ${show(value)}`, paths: [path] });
    }
    if (field.kind !== 'intent' && field.kind !== 'policy') {
      for (const value of wrappings(valid[name] ?? validExample(field.kind === 'array' ? field.of : field))) {
        cases.push({
          payload: { ...valid, [name]: value },
          why: `${name} wrapped: ${show(value)}`,
          paths: [name, `${name}.0`],
        });
      }
    }
    if (field.required) {
      const { [name]: _missing, ...rest } = valid;
      cases.push({ payload: rest, why: `${name} missing`, paths: [name] });
    }
  }

  // Seeded combinations: two faults at once, so one refusal cannot mask a second hole.
  const random = prng(seed ^ hashString(channel));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const singles = cases.slice();
  while (cases.length < count) {
    const key = pick(foreignKeys);
    if (fields.length > 0 && random() < 0.7) {
      const [name, field] = pick(fields);
      const bad = pick(invalidValues(name, field));
      const payload = withForeignKey({}, key, pick(FOREIGN_VALUES));
      for (const [k, v] of Object.entries(valid)) payload[k] = v;
      payload[name] = bad.value; // plain assignment: name is never "__proto__"
      cases.push({
        payload,
        why: `${name} = ${show(bad.value)} and extra key ${JSON.stringify(key)}`,
        paths: [bad.path, '(payload)'],
      });
    } else {
      const base = pick(singles);
      const payload = pick([[base.payload], { payload: base.payload }, { [key]: base.payload }]);
      cases.push({ payload, why: `wrapped (${base.why})`, paths: ['(payload)', key] });
    }
  }
  return cases;
}
