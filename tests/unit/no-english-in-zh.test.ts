// Issue 13: main sends facts and catalogue keys, never sentences. Plans made
// by the real planner, covering every skip, conflict, inexact figure and step
// outcome main can produce, are shown in Chinese the way the window and the
// CLI show them; no English sentence may reach the text. What main sends as a
// string is shown as is (that is the leak this catches); names, IDs, tags,
// commands and the engine's own words are removed before looking.

import { describe, expect, it } from 'vitest';
import type { Phrase } from '../../src-shared/phrase';
import type { Plan, StepOutcome } from '../../src-shared/plan';
import { messages } from '../../src-shared/messages';
import { say } from '../../src-shared/messages/translate';
import { planCleanup } from '../../src-main/planning/planner';
import { runSteps } from '../../src-main/execution/schedule';
import { runStep } from '../../src-main/execution/step-runner';
import { renderPlan } from '../../src-main/cli/format/plan-text';
import { renderApplied, renderProgress } from '../../src-main/cli/format/apply-text';
import { renderError } from '../../src-main/cli/format/error-text';
import { describeFailure, type MessageFacts } from '../../src-main/conflicts/messages';
import { conflictKinds } from '../../src-shared/errors';
import { ConnectionFailure, healthFromFailure, hostKeyHealth } from '../../src-main/engine/connection';
import { hostKeyProblem, type HostKeyContext } from '../../src-main/engine/ssh/host-key-guide';
import { toCliError } from '../../src-main/cli/cli-error';
import type { HostKeyProblem } from '../../src-shared/model';
import { STEP_ACTIONS, STEP_REASONS } from '../../src-shared/plan';
import { refusalPhrase, type QuickPruneProblem } from '../../src-main/tray/quick-prune-guard';
import { trayLabels } from '../../src-main/tray/tray-labels';
import {
  dockerClassic,
  dockerContainerd,
  imageId,
  inventory,
  NOW_MS,
  planningInput,
  podman,
  type Inventory,
} from './support/inventory-builder';

/** What the zh UI shows for a value main sent: a phrase in Chinese, a string as it came. */
function shown(value: string | Phrase): string {
  if (typeof value === 'string') return value;
  // A key missing from the catalogue would come back as the key itself.
  expect(messages.zh[value.key], `catalogue key ${value.key}`).toBeDefined();
  return say('zh', value);
}

const ENGLISH = /[A-Za-z]{3,}[ ,:;.'’-]+[A-Za-z]{3,}/;

/** The text with everything that is a name, not a word, taken out. */
function wordsOnly(text: string, plan: Plan): string {
  const names = [
    plan.id, // a random UUID: its hex runs read as words now and then
    plan.engine.host,
    ...plan.steps.flatMap((s) => [s.label, s.target]),
    ...plan.skipped.flatMap((s) => [s.label, s.target]),
    ...plan.decisions.flatMap((d) => [
      d.imageLabel,
      d.engineMessage,
      ...d.references,
      ...d.containers.map((c) => c.name),
      ...d.children.map((c) => c.label),
      ...d.options.flatMap((o) => o.commands),
    ]),
    ...plan.commands,
  ]
    .filter((n) => n.length > 0)
    .sort((a, b) => b.length - a.length);
  let rest = text;
  for (const name of names) rest = rest.split(name).join(' ');
  return rest
    .replace(/"[^"\n]*"/g, ' ') // quoted names
    .replace(/\b[0-9a-f]{12,64}\b/g, ' ') // IDs
    .replace(/\b(docker|podman)( [a-z-]+)+/g, ' ') // commands named in a sentence
    .replace(/--[a-z-]+/g, ' ') // the CLI's flags
    .replace(/\S*\/\S*/g, ' ') // paths
    .replace(/\bbarnacle apply\b/g, ' ');
}

function expectChinese(text: string, plan: Plan, where: string): void {
  const rest = wordsOnly(text, plan);
  expect(rest.match(ENGLISH)?.[0] ?? null, `${where}: ${text}`).toBeNull();
}

/** Every string of a plan a person sees, as the zh window shows it. */
function windowText(plan: Plan): string[] {
  return [
    ...plan.skipped.map((s) => shown(s.reason)),
    ...plan.inexactReasons.map(shown),
    ...plan.decisions.flatMap((d) => [
      shown(d.explanation),
      ...d.options.flatMap((o) => [shown(o.label), shown(o.consequence)]),
    ]),
  ];
}

function outcomeText(outcome: StepOutcome): string[] {
  if (outcome.state === 'not-run') return [shown(outcome.reason)];
  return [];
}

const base = { name: 'base', tags: ['base:1'] };
const cases: [string, Inventory, Parameters<typeof planningInput>[1], typeof dockerClassic][] = [
  [
    'running, stopped, several tags, missing and ambiguous refs',
    inventory(
      [
        base,
        { name: 'run', tags: ['run:1'], parent: 'base' },
        { name: 'stop', tags: ['stop:1'], parent: 'base' },
        { name: 'two', tags: ['two:1', 'other/two:2'], parent: 'base' },
        { name: 'aa1', tags: [] },
        { name: 'aa2', tags: [] },
      ],
      [
        { name: 'web', image: 'run', state: 'running' },
        { name: 'old', image: 'stop', state: 'exited' },
      ],
    ),
    { type: 'remove-images', refs: ['run:1', 'stop:1', 'two:1', 'nope:1', 'sha256'] },
    dockerClassic,
  ],
  [
    'stopped containers on Podman',
    inventory(
      [base, { name: 'stop', tags: ['stop:1'], parent: 'base' }],
      [{ name: 'old', image: 'stop', state: 'exited' }],
    ),
    { type: 'remove-images', refs: ['stop:1'] },
    podman,
  ],
  [
    'stopped containers on the containerd store, every tag by ID',
    inventory([{ name: 'stop', tags: ['stop:1', 'stop:2'] }], [{ name: 'old', image: 'stop', state: 'exited' }]),
    { type: 'remove-images', refs: ['stop:1'] },
    dockerContainerd,
  ],
  [
    'children, one of them in use',
    inventory(
      [base, { name: 'kid', tags: ['kid:1'], parent: 'base' }, { name: 'kid2', tags: ['kid2:1'], parent: 'base' }],
      [{ name: 'user', image: 'kid', state: 'exited' }],
    ),
    { type: 'remove-images', refs: ['base:1'], choices: { dependentChildren: 'remove-children' } },
    dockerClassic,
  ],
  [
    'children, kept',
    inventory([base, { name: 'kid', tags: ['kid:1'], parent: 'base' }]),
    { type: 'remove-images', refs: ['base:1'] },
    dockerClassic,
  ],
  [
    'prune with a keep pattern',
    inventory([
      { name: 'keepme', tags: ['postgres:16'] },
      { name: 'go', tags: ['go:1'] },
    ]),
    { type: 'prune-images', all: true, keep: ['postgres:*'] },
    dockerClassic,
  ],
  [
    'stopped containers by name, one running, one unknown, one of unknown size',
    inventory(
      [base],
      [
        { name: 'up', image: 'base', state: 'running' },
        { name: 'down', image: 'base', state: 'exited', sizeRw: null },
      ],
    ),
    { type: 'remove-stopped-containers', ids: ['up', 'down', 'ghost'] },
    dockerClassic,
  ],
];

function planOf(inv: Inventory, intent: Parameters<typeof planningInput>[1], engine: typeof dockerClassic): Plan {
  // Layer sizes the engine only estimates, and containers the engine cannot size exactly: "about" figures.
  const layers = new Map([...inv.layers].map(([id, l]) => [id, { ...l, exact: false }]));
  return planCleanup({
    ...planningInput({ ...inv, layers }, intent, engine),
    containerAccounting: {
      exact: false,
      reason: { key: 'space.vfsContainer' },
    },
  });
}

describe('no English sentence from main reaches the Chinese UI', () => {
  for (const [name, inv, intent, engine] of cases) {
    it(`in the window: ${name}`, () => {
      const plan = planOf(inv, intent, engine);
      expect(plan.skipped.length + plan.decisions.length + plan.inexactReasons.length).toBeGreaterThan(0);
      for (const text of windowText(plan)) expectChinese(text, plan, name);
    });

    it(`in the CLI: ${name}`, () => {
      const plan = planOf(inv, intent, engine);
      expectChinese(renderPlan(plan, 'zh', '/tmp/plan.json'), plan, name);
    });
  }

  // Podman's builds' leftover containers: kept while a build may run, after `until`, under a
  // budget; taken with a size nobody reports; and the image one stands on.
  const app = inventory([base, { name: 'app', tags: ['app:1'], parent: 'base' }]);
  const leftover = (n: number, ageMs: number) => ({
    id: String(n).repeat(64),
    name: `app-working-container-${n}`,
    image: 'localhost/app:1',
    imageId: imageId('app'),
    createdAt: new Date(NOW_MS - ageMs).toISOString(),
  });
  const builds = [leftover(1, 60_000), leftover(2, 5 * 3_600_000), leftover(3, 50 * 3_600_000)];
  // The lists name them on the image they stand on (withBuildHolders), as plan-service reads them.
  const held = {
    ...app,
    images: app.images.map((i) => (i.id === imageId('app') ? { ...i, buildContainers: builds.map((b) => b.name) } : i)),
  };
  const buildCases: [string, Parameters<typeof planningInput>[1]][] = [
    ['build containers: recent, newer than until, taken', { type: 'prune-build-cache', until: '24h' }],
    ['build containers under a budget', { type: 'prune-build-cache', keepStorage: 0 }],
    ['an image a build container stands on', { type: 'remove-images', refs: ['app:1'] }],
  ];
  for (const [name, intent] of buildCases) {
    it(`in the window and the CLI: ${name}`, () => {
      const plan = planCleanup({ ...planningInput(held, intent, podman), buildContainers: builds });
      expect(plan.skipped.length).toBeGreaterThan(0);
      for (const text of windowText(plan)) expectChinese(text, plan, name);
      expectChinese(renderPlan(plan, 'zh', '/tmp/plan.json'), plan, name);
    });
  }

  // A step's reason is a code (its words are stepReasonPhrase's): free English there would reach
  // whatever shows it next, and --json readers would get prose instead of something to branch on.
  it('steps say why they exist as codes, never words', () => {
    const plans = [
      ...cases.map(([, inv, intent, engine]) => planOf(inv, intent, engine)),
      planOf(cases[0]![1], { type: 'start-fresh' }, dockerClassic),
      planOf(
        cases[1]![1],
        { type: 'remove-images', refs: ['stop:1'], choices: { stoppedContainer: 'untag-only' } },
        dockerClassic,
      ),
      planOf(cases[1]![1], { type: 'prune-images', all: true, withStoppedContainers: true }, dockerClassic),
    ];
    const reasons = new Set(plans.flatMap((p) => p.steps.map((s) => s.reason as string)));
    expect(reasons.size).toBeGreaterThan(4);
    for (const reason of reasons) expect(STEP_REASONS, reason).toContain(reason);
  });

  it('in step outcomes: blocked, cancelled and failed steps', async () => {
    const name = 'a removal that needs its container removed first';
    const [, inv] = cases[1]!;
    const plan = planOf(
      inv,
      { type: 'remove-images', refs: ['stop:1'], choices: { stoppedContainer: 'remove-containers' } },
      dockerClassic,
    );
    const first = plan.steps.find((s) => plan.steps.some((t) => t.after.includes(s.id)))!.id;
    // The first step fails (its message is the engine's, shown as such); the steps after it cannot run.
    const outcomes = await runSteps(
      plan.steps,
      (step) =>
        Promise.resolve(
          step.id === first
            ? { state: 'failed' as const, kind: 'unknown', message: 'boom' }
            : { state: 'done' as const },
        ),
      { concurrency: 1, stopReason: () => null },
    );
    expect([...outcomes.values()].some((o) => o.state === 'not-run')).toBe(true);
    for (const outcome of outcomes.values()) for (const text of outcomeText(outcome)) expectChinese(text, plan, name);
    const applied = {
      steps: plan.steps.map((s) => ({ ...s, outcome: outcomes.get(s.id)! })),
      bytesFreed: 0,
      bytesSource: 'plan' as const,
      finished: false,
    };
    expectChinese(renderApplied('zh', applied as never), plan, name);
    for (const step of plan.steps) {
      const progress = { planId: plan.id, stepId: step.id, outcome: outcomes.get(step.id)!, done: 1, total: 2 };
      expectChinese(renderProgress('zh', plan, progress), plan, name);
    }
  });
});

describe('no English sentence from a classified failure reaches the Chinese UI', () => {
  const web = { id: 'a'.repeat(64), name: 'web-1', state: 'running' };
  const ghost = { id: 'b'.repeat(64), name: null, state: null };
  const base: MessageFacts = {
    kind: 'unknown',
    operation: 'remove-image',
    engine: 'docker',
    image: 'tiny:latest',
    containers: [web],
    references: ['tiny:latest', 'tiny:v2'],
    engineMessage: 'conflict: unable to delete 308be65f43e5 (must be forced) - the engine says so',
  };
  const variants: Partial<MessageFacts>[] = [
    {},
    { image: undefined, containers: [] },
    { engine: 'podman', containers: [web, ghost] },
    { note: 'removal-in-progress' },
    { operation: 'stop-container', containerState: 'paused', code: 'EACCES', statusCode: 500 },
    { operation: 'start-container', statusCode: 304, engineMessage: '' },
    { operation: 'prune-build-cache', containers: [], image: undefined, statusCode: 500, engineMessage: '' },
  ];

  for (const kind of conflictKinds) {
    it(kind, () => {
      for (const variant of variants) {
        const facts = { ...base, ...variant, kind };
        const says = describeFailure(facts);
        const error = { kind, message: say('en', says), says, engineMessage: facts.engineMessage };
        for (const text of [shown(says), renderError(error, 'zh')]) {
          const rest = text
            .split(facts.engineMessage || '\u0000')
            .join(' ')
            .replace(/"[^"\n]*"/g, ' ')
            .replace(/`[^`]*`/g, ' ')
            .replace(/\b[0-9a-f]{12,64}\b/g, ' ')
            .replace(/tiny:(latest|v2)/g, ' ')
            .replace(`(${kind})`, ' ') // the error's code, for scripts
            .replace(/^barnacle:/, ' ') // the program's name
            .replace(/\b(Barnacle|Docker|Podman|Buildah)\b/g, ' ');
          expect(rest.match(ENGLISH)?.[0] ?? null, `${kind} ${JSON.stringify(variant)}: ${text}`).toBeNull();
        }
      }
    });
  }
});

describe('no English sentence from a failed connection reaches the Chinese health banner', () => {
  const failures = [
    { code: 'ENOENT', message: 'connect ENOENT /run/docker.sock' },
    { code: 'EACCES', message: 'connect EACCES /run/docker.sock' },
    { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED /run/docker.sock' },
    { statusCode: 400, message: 'client version 1.52 is too new. Maximum supported API version is 1.41' },
    { message: 'socket hang up somewhere' },
    // TLS (engine/tls-failure.ts): Node's codes, OpenSSL's words as seen against a TLS engine.
    { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', message: 'unable to verify the first certificate' },
    {
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      message: "Hostname/IP does not match certificate's altnames: IP: 10.0.0.2 is not in the cert's list: 127.0.0.1",
    },
    { code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' },
    { code: 'EPROTO', message: 'error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate' },
    { code: 'EPROTO', message: 'error:0A00010B:SSL routines:ssl3_get_record:wrong version number' },
    { statusCode: 400, message: 'Client sent an HTTP request to an HTTPS server.' },
  ];
  for (const host of ['unix:///run/docker.sock', 'tcp://10.0.0.2:2375']) {
    for (const failure of failures) {
      it(`${host}: ${failure.message}`, () => {
        const health = healthFromFailure({ host, label: 'Docker', source: 'default' }, failure);
        expect('says' in health && health.says).toBeTruthy();
        const text = shown((health as { says: Phrase }).says)
          .split(failure.message)
          .join(' ')
          .split(host)
          .join(' ')
          .replace(/sudo usermod[^）)]*/g, ' ') // the command to run
          .replace(/barnacle engines [^）)]*/g, ' ') // the command to run
          .replace(/\b[\w-]+\.pem\b/g, ' ') // file names
          .replace(/\b(Barnacle|Docker|Podman)\b/g, ' ');
        expect(text.match(ENGLISH)?.[0] ?? null, text).toBeNull();
      });
    }
  }
});

describe('no English sentence about a refused SSH host key reaches the Chinese UI', () => {
  const context: HostKeyContext = {
    alias: 'build-box',
    hostName: 'build.example.net',
    port: 2222,
    user: 'me',
    knownHostsName: '[build.example.net]:2222',
    userKnownHostsFile: '/home/me/.ssh/known_hosts',
  };
  const key = { keyType: 'ssh-ed25519', fingerprint: 'SHA256:/bNCvE92tcT2/Zp9Rvm13rbOI35zigzlAog0arRCf/Q' };
  const entry = {
    file: '/home/me/.ssh/known_hosts',
    line: 2,
    names: { hashed: false as const, patterns: ['x'] },
    keyType: key.keyType,
    key: Buffer.alloc(0),
  };
  const problems: [string, HostKeyProblem][] = [
    ['unknown', hostKeyProblem({ verdict: 'unknown', otherTypes: [] }, context, key)],
    [
      'unknown, behind a HostKeyAlias',
      hostKeyProblem({ verdict: 'unknown', otherTypes: [] }, { ...context, hostKeyAlias: 'box' }, key),
    ],
    ['changed', hostKeyProblem({ verdict: 'changed', entry }, context, key)],
    ['revoked', hostKeyProblem({ verdict: 'revoked', entry }, context, key)],
  ];
  const endpoint = { host: 'ssh://me@build-box:2222', label: 'build-box', source: 'default' as const };

  for (const [name, problem] of problems) {
    it(name, () => {
      const health = hostKeyHealth(endpoint, problem);
      expect('says' in health && health.says, 'the health carries a phrase').toBeTruthy();
      const banner = errorWordsIn('zh', health);
      const cli = renderError(toCliError(new ConnectionFailure(health)).error, 'zh');
      for (const text of [banner, cli]) {
        let rest = text;
        const names = [...problem.fixes.flatMap((f) => f.commands), problem.fingerprint, problem.knownHostsName];
        for (const n of names.sort((a, b) => b.length - a.length))
          rest = rest.split(n.replace(/\s+#.*$/, '')).join(' ');
        rest = rest
          .replace(/\S*\/\S*/g, ' ') // paths
          .replace(/\b(ssh-ed25519|known_hosts|@revoked|SSH|Barnacle|yes)\b/g, ' ')
          .replace(/\((engine-unreachable)\)/, ' ')
          .replace(/^barnacle:/, ' ');
        expect(rest.match(ENGLISH)?.[0] ?? null, `${name}: ${text}`).toBeNull();
      }
    });
  }
});

/** What the window shows for a failure main sent: errorWords, as src-renderer/i18n does it. */
function errorWordsIn(locale: 'en' | 'zh', error: { message: string; says?: Phrase }): string {
  return error.says ? say(locale, error.says) : error.message;
}

describe('no English reason for a refused quick prune reaches the Chinese tray', () => {
  const step = 'sha256:0123456789ab';
  const problems: QuickPruneProblem[] = [
    { kind: 'not-a-dangling-prune' },
    ...STEP_ACTIONS.map((action) => ({ kind: 'step-not-image-removal' as const, step, action })),
    { kind: 'forced', step },
    { kind: 'unknown-image', step },
    { kind: 'not-dangling', step },
    { kind: 'in-use', step, containers: ['c'.repeat(64)] },
  ];
  for (const problem of problems) {
    it(`${problem.kind} ${'action' in problem ? problem.action : ''}`, () => {
      const text = trayLabels('zh').quickPruneRefused(refusalPhrase([problem, problem]));
      const rest = text
        .split(step)
        .join(' ')
        .replace(/\b(Barnacle)\b/g, ' ');
      expect(rest.match(ENGLISH)?.[0] ?? null, text).toBeNull();
      expect(text, 'no catalogue key left untranslated').not.toMatch(/tray\.refused/);
    });
  }
});

describe('no English refusal of a step reaches the Chinese UI', () => {
  it('a forced untag on an engine where it would delete the image', async () => {
    const step = {
      id: 's1',
      action: 'untag' as const,
      target: 'app:1',
      label: 'app:1',
      reason: 'untag-only' as const,
      force: true,
      risks: [],
      after: [],
      bytes: 0,
      expect: {},
    };
    // Refused before anything is sent: the engine is never called.
    const outcome = await runStep(
      { docker: {} as never, engine: podman, resolve: () => null as never, planId: 'p', host: 'h' },
      step,
    );
    const final = 'outcome' in outcome ? outcome.outcome : outcome;
    expect(final.state).toBe('failed');
    const says = 'says' in final ? final.says : undefined;
    expect(says, JSON.stringify(final)).toBeDefined();
    const text = shown(says!).replace(/\b(podman|overlay|containerd|classic)\b/gi, ' ');
    expect(text.match(ENGLISH)?.[0] ?? null, text).toBeNull();
  });
});
