// What `barnacle apply` checks before it touches an engine: the file is a plan,
// unchanged since it was made, recent enough, with an intent Barnacle makes, for
// the engine chosen now, and a way to say yes (a terminal or --yes). All of it
// happens before any connection, so no engine is needed here. What it checks
// against the engine (the file's steps against a plan made now, the question with
// the steps read now) is in tests/integration/cli-plan.test.ts.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../src-shared/plan';
import type { CliIo } from '../../src-main/cli/io';
import { run } from '../../src-main/cli/main';
import { planDigest } from '../../src-main/planning/planner';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bn-apply-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An engine address where nothing listens: reaching it proves the command went on to connect. */
const host = () => `unix://${join(dir, 'engine.sock')}`;

function savedPlan(): string {
  const plan: Omit<Plan, 'digest'> = {
    id: 'plan-1',
    createdAt: 0,
    engine: { host: host(), kind: 'docker', version: '20.10' },
    intent: { type: 'remove-images', refs: ['old:1'] },
    steps: [
      {
        id: 's1',
        action: 'remove-image',
        target: `sha256:${'a'.repeat(64)}`,
        label: 'old:1',
        reason: 'selected',
        risks: [],
        after: [],
        bytes: 10,
        expect: { tags: ['old:1'], containerIds: [] },
      },
    ],
    decisions: [],
    bytesFreed: 10,
    exact: true,
    inexactReasons: [],
    commands: ['docker rmi aaaaaaaaaaaa'],
    skipped: [],
  };
  const file = join(dir, 'plan.json');
  writeFileSync(file, JSON.stringify({ ...plan, digest: planDigest(plan) }));
  return file;
}

function io(options: { interactive: boolean; answer?: boolean; env?: Record<string, string> }) {
  const asked: string[] = [];
  const captured = {
    stdout: '',
    stderr: '',
    asked,
    io: {
      out: (t: string) => void (captured.stdout += t),
      err: (t: string) => void (captured.stderr += t),
      interactive: options.interactive,
      confirm: async (q: string) => {
        asked.push(q);
        return options.answer ?? false;
      },
      env: { DOCKER_HOST: host(), XDG_DATA_HOME: join(dir, 'data'), ...options.env },
      homeDir: join(dir, 'home'),
      platform: 'linux',
      now: () => 0,
    } satisfies CliIo,
  };
  return captured;
}

const errorOf = (stderr: string) => JSON.parse(stderr) as { kind: string; message: string };

describe('barnacle apply, before it connects', () => {
  it('with no terminal and no --yes: refuses, exit 2', async () => {
    const c = io({ interactive: false });
    expect(await run(['apply', savedPlan(), '--json'], c.io)).toBe(2);
    expect(errorOf(c.stderr)).toMatchObject({ kind: 'validation', message: expect.stringMatching(/--yes/) });
    expect(c.asked).toEqual([]);
  });

  it('on a terminal, the engine is read before anything is asked: none listening, so engine-unreachable', async () => {
    const c = io({ interactive: true, answer: true });
    expect(await run(['apply', savedPlan(), '--json'], c.io)).toBe(1);
    expect(c.asked).toEqual([]);
    expect(errorOf(c.stderr)).toMatchObject({ kind: 'engine-unreachable' });
  });

  it('refuses a plan older than --max-age (24 h unless told), before connecting', async () => {
    const day = 24 * 3_600_000;
    const old = io({ interactive: false, env: {} });
    old.io.now = () => 2 * day;
    expect(await run(['apply', savedPlan(), '--yes', '--json'], old.io)).toBe(1);
    expect(errorOf(old.stderr)).toMatchObject({ kind: 'plan-stale', message: expect.stringMatching(/48 h ago/) });

    const allowed = io({ interactive: false });
    allowed.io.now = () => 2 * day;
    expect(await run(['apply', savedPlan(), '--yes', '--max-age', '72h', '--json'], allowed.io)).toBe(1);
    expect(errorOf(allowed.stderr)).toMatchObject({ kind: 'engine-unreachable' });

    const bad = io({ interactive: false });
    expect(await run(['apply', savedPlan(), '--max-age', 'soon'], bad.io)).toBe(2);
  });

  it('refuses a file whose intent Barnacle would not make, even with its digest recomputed', async () => {
    const file = savedPlan();
    const { digest: _old, ...plan } = JSON.parse(readFileSync(file, 'utf8')) as Plan;
    const forged = { ...plan, intent: { type: 'remove-images', refs: ['x:1?force=1'] } };
    writeFileSync(file, JSON.stringify({ ...forged, digest: planDigest(forged as Omit<Plan, 'digest'>) }));
    const c = io({ interactive: false });
    expect(await run(['apply', file, '--yes', '--json'], c.io)).toBe(2);
    expect(errorOf(c.stderr)).toMatchObject({ kind: 'validation', message: expect.stringMatching(/intent/) });
  });

  it('refuses a plan made for another engine than the one chosen now', async () => {
    const c = io({ interactive: false, env: { DOCKER_HOST: 'unix:///elsewhere.sock' } });
    expect(await run(['apply', savedPlan(), '--yes', '--json'], c.io)).toBe(1);
    expect(errorOf(c.stderr)).toMatchObject({ kind: 'plan-stale', message: expect.stringMatching(/--host unix:\/\//) });
  });

  it('refuses a file that is not a plan (exit 2) and an edited plan (exit 1)', async () => {
    const notPlan = join(dir, 'not-plan.json');
    writeFileSync(notPlan, JSON.stringify({ hello: 'world' }));
    const c1 = io({ interactive: false });
    expect(await run(['apply', notPlan, '--yes', '--json'], c1.io)).toBe(2);
    expect(errorOf(c1.stderr).message).toMatch(/is not a Barnacle plan: "id" is missing/);

    const file = savedPlan();
    const plan = JSON.parse(readFileSync(file, 'utf8')) as Plan;
    writeFileSync(
      file,
      JSON.stringify({ ...plan, steps: [{ ...plan.steps[0]!, target: `sha256:${'b'.repeat(64)}` }] }),
    );
    const c2 = io({ interactive: false });
    expect(await run(['apply', file, '--yes', '--json'], c2.io)).toBe(1);
    expect(errorOf(c2.stderr)).toMatchObject({ kind: 'plan-stale', message: expect.stringMatching(/digest/) });
  });
});

// Issue 13 in the CLI: a file refused before any engine is asked is refused in the terminal's language.
describe('barnacle apply refuses a file in Chinese on a Chinese terminal', () => {
  const ENGLISH = /[A-Za-z]{3,}[ ,:;.'’-]+[A-Za-z]{3,}/;
  const zh = { LANG: 'zh_CN.UTF-8' };

  function files(): Record<string, string> {
    const notJson = join(dir, 'not-json.json');
    writeFileSync(notJson, '{');
    const notPlan = join(dir, 'not-plan.json');
    writeFileSync(notPlan, JSON.stringify({ id: 'x', digest: 'y', engine: { host: 'h' }, intent: {}, steps: [1] }));
    const edited = savedPlan().replace('plan.json', 'edited.json');
    const plan = JSON.parse(readFileSync(savedPlan(), 'utf8')) as Plan;
    writeFileSync(edited, JSON.stringify({ ...plan, bytesFreed: 1, steps: [{ ...plan.steps[0]!, target: 'other' }] }));
    const foreign = join(dir, 'foreign.json');
    const { digest: _d, ...rest } = plan;
    const forged = { ...rest, intent: { type: 'remove-images', refs: ['x:1?force=1'] } };
    writeFileSync(foreign, JSON.stringify({ ...forged, digest: planDigest(forged as Omit<Plan, 'digest'>) }));
    return { notJson, notPlan, edited, foreign, missing: join(dir, 'missing.json') };
  }

  for (const name of ['notJson', 'notPlan', 'edited', 'foreign', 'missing']) {
    it(name, async () => {
      const file = files()[name]!;
      const c = io({ interactive: false, env: zh });
      expect(await run(['apply', file, '--yes'], c.io)).toBeGreaterThan(0);
      const first = c.stderr.split('\n')[0]!;
      const rest = first
        .split(file)
        .join(' ')
        .replace(/^barnacle:/, ' ')
        .replace(/\bBarnacle\b|\bJSON\b/g, ' ')
        .replace(/ENOENT: no such file or directory, open '[^']*'/, ' ') // the system's own words
        .replace(/（[^）]*）$/, ' '); // the schema library's words about the intent
      expect(rest.match(ENGLISH)?.[0] ?? null, first).toBeNull();
    });
  }
});
