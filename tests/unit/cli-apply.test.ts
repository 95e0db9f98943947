// What `barnacle apply` checks before it touches an engine: the file is a plan,
// unchanged since it was made, for the engine chosen now, and a person (or --yes)
// said yes. All of it happens before any connection, so no engine is needed here.

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
        reason: 'you selected it',
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

  it('on a terminal: shows the plan, asks, and a "no" changes nothing (exit 1, cancelled)', async () => {
    const c = io({ interactive: true, answer: false });
    expect(await run(['apply', savedPlan(), '--json'], c.io)).toBe(1);
    expect(c.asked).toEqual([`Apply 1 step to ${host()}?`]);
    expect(c.stderr).toMatch(/remove image\s+old:1/);
    expect(errorOf(c.stderr.slice(c.stderr.indexOf('{')))).toMatchObject({ kind: 'cancelled' });
  });

  it('a "yes" goes on to the engine (here: none listening, so engine-unreachable)', async () => {
    const c = io({ interactive: true, answer: true });
    expect(await run(['apply', savedPlan(), '--json'], c.io)).toBe(1);
    expect(errorOf(c.stderr.slice(c.stderr.indexOf('{')))).toMatchObject({ kind: 'engine-unreachable' });
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
