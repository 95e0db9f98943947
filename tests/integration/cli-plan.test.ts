// `barnacle plan` and `barnacle apply` as people and scripts run them: the real
// bin, as a child process, against the harness engines. Apply changes the
// engine, so every check ends with the engine's own state.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Plan } from '../../src-shared/plan';
import type { AppliedPlan } from '../../src-main/cli/commands/apply';
import { assertHarnessHost } from '../engines/harness';
import { describeEachEngine } from '../engines/use-engines';
import {
  barnacle,
  barnacleJson,
  buildCliFixtures,
  cliShell,
  type CliFixtures,
  type CliShell,
} from '../fixtures/barnacle-cli';

describeEachEngine('barnacle plan and apply', (engine) => {
  const { docker } = engine;
  let ids: CliFixtures;
  let shell: CliShell;
  let env: Record<string, string>;
  let builtAt = 0;

  beforeAll(async () => {
    assertHarnessHost(engine.host); // apply changes the engine: only ever the harness's
    ids = await buildCliFixtures(docker);
    builtAt = Date.now();
    shell = cliShell(engine.host);
    env = shell.env;
  });
  afterAll(() => shell?.remove());

  /** True while the engine still has the image. */
  const exists = (id: string) =>
    docker
      .getImage(id)
      .inspect()
      .then(() => true)
      .catch(() => false);
  const containerIds = async () => (await docker.listContainers({ all: true })).map((c) => c.Id).sort();

  it('plan prune and plan rm-stopped select what their filters say', async () => {
    // The containerd store's `until` reads when the dangling record was made (when the
    // rebuild took its tag, moments ago), not the build date: let a second pass first.
    if (engine.store === 'containerd')
      await new Promise((r) => setTimeout(r, Math.max(0, builtAt + 1500 - Date.now())));
    const prune = await barnacleJson<Plan>(['plan', 'prune', '--until', '1s', '--keep', 'nothing/*'], env);
    expect(prune.intent).toEqual({ type: 'prune-images', all: false, until: '1s', keep: ['nothing/*'] });
    expect(prune.steps.map((s) => [s.action, s.target])).toEqual([['remove-image', ids.old]]);

    const stopped = await barnacleJson<Plan>(['plan', 'rm-stopped', '--filter', 'ancestor=cli/child:1'], env);
    expect(stopped.steps.map((s) => [s.action, s.target])).toEqual([['remove-container', ids.job]]);
    // As docker's ancestor filter: images built on it count too; the running cli-web does not.
    const onApp = await barnacleJson<Plan>(['plan', 'rm-stopped', '--filter', 'ancestor=cli/app:1'], env);
    expect(onApp.steps.map((s) => [s.action, s.target])).toEqual([['remove-container', ids.job]]);
    const none = await barnacleJson<Plan>(['plan', 'rm-stopped', '--filter', 'ancestor=cli/dangle:1'], env);
    expect(none.steps).toEqual([]);
  });

  it('plan rmi with an image that is not there: a not-found error, exit 1, no plan', async () => {
    const out = join(shell.dir, 'missing.json');
    const ran = await barnacle(['plan', 'rmi', 'cli/nope:1', 'cli/dangle:1', '--json', '--out', out], env);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe('');
    expect(JSON.parse(ran.stderr)).toMatchObject({ kind: 'not-found', image: 'cli/nope:1' });
    expect(existsSync(out)).toBe(false);
  });

  it('plan rmi leaves out an image with a conflict unless a fix flag answers it', async () => {
    const cautious = await barnacleJson<Plan>(['plan', 'rmi', 'cli/child:1'], env);
    expect(cautious.steps).toEqual([]);
    expect(cautious.skipped).toEqual([expect.objectContaining({ target: ids.child, conflict: 'stopped-container' })]);
    expect(cautious.decisions[0]?.options.map((o) => o.choice)).toContain('remove-containers');

    const fixed = await barnacleJson<Plan>(['plan', 'rmi', 'cli/child:1', '--remove-containers'], env);
    expect(fixed.skipped).toEqual([]);
    expect(fixed.steps.map((s) => [s.action, s.target])).toEqual([
      ['remove-container', ids.job],
      ['remove-image', ids.child],
    ]);
  });

  it('plan rmi --out saves the plan; apply --yes removes exactly its images and records it', async () => {
    const file = join(shell.dir, 'dangle-plan.json');
    const plan = await barnacleJson<Plan>(['plan', 'rmi', 'cli/dangle:1', ids.old, '--out', file], env);
    expect(plan).toMatchObject({
      id: expect.any(String),
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      bytesFreed: expect.any(Number),
      exact: expect.any(Boolean),
      skipped: [],
    });
    for (const step of plan.steps)
      expect(step).toMatchObject({
        action: expect.any(String),
        target: expect.any(String),
        reason: expect.any(String),
      });
    const planned = plan.steps.filter((s) => s.action === 'remove-image').map((s) => s.target);
    expect(planned.sort()).toEqual([ids.new, ids.old].sort());
    expect(plan.commands.join('\n')).toMatch(/^docker rmi /);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(plan);

    const containersBefore = await containerIds();
    const ran = await barnacle(['apply', file, '--yes', '--json'], env);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const applied = JSON.parse(ran.stdout) as AppliedPlan;
    expect(applied).toMatchObject({ planId: plan.id, digest: plan.digest, finished: true, cancelled: false });
    expect(applied.steps.map((s) => [s.id, s.outcome.state])).toEqual(plan.steps.map((s) => [s.id, 'done']));
    expect(applied.bytesFreed).toBeGreaterThanOrEqual(0);

    expect(await exists(ids.old)).toBe(false);
    expect(await exists(ids.new)).toBe(false);
    for (const kept of [ids.app, ids.child, engine.baseImageId]) expect(await exists(kept)).toBe(true);
    expect(await containerIds()).toEqual(containersBefore);

    const history = readFileSync(join(env.XDG_DATA_HOME!, 'barnacle', 'history.jsonl'), 'utf8');
    expect(
      history
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).planId),
    ).toContain(plan.id);
    expect(applied.historyFile).toBe(join(env.XDG_DATA_HOME!, 'barnacle', 'history.jsonl'));

    // A plan runs once.
    const again = await barnacle(['apply', file, '--yes', '--json'], env);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr)).toMatchObject({ kind: 'plan-stale' });
  });

  it('apply with a fix flag removes the containers it planned, and nothing else', async () => {
    const file = join(shell.dir, 'child-plan.json');
    await barnacleJson<Plan>(['plan', 'rmi', 'cli/child:1', '--remove-containers', '-o', file], env);
    const ran = await barnacle(['apply', file, '--yes'], env);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/remove image\s+cli\/child:1\s+done/);
    expect(ran.stdout).toMatch(/^Freed /m);
    expect(await exists(ids.child)).toBe(false);
    expect(await exists(ids.app)).toBe(true);
    expect(await containerIds()).toEqual([ids.web]);
  });

  it('apply refuses without --yes when no terminal can ask (exit 2), and refuses an edited plan', async () => {
    const file = join(shell.dir, 'app-plan.json');
    await barnacleJson<Plan>(['plan', 'rmi', 'cli/app:latest', '--all-tags', '--stop-running', '-o', file], env);
    const unconfirmed = await barnacle(['apply', file], env);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(/no terminal to ask on\. Pass --yes/);

    const plan = JSON.parse(readFileSync(file, 'utf8')) as Plan;
    const edited = join(shell.dir, 'edited-plan.json');
    const base = engine.baseImageId;
    writeFileSync(
      edited,
      JSON.stringify({
        ...plan,
        steps: plan.steps.map((s) => (s.action === 'remove-image' ? { ...s, target: base } : s)),
      }),
    );
    const tampered = await barnacle(['apply', edited, '--yes', '--json'], env);
    expect(tampered.code).toBe(1);
    expect(JSON.parse(tampered.stderr)).toMatchObject({ kind: 'plan-stale', message: /digest/ });

    expect(await exists(ids.app)).toBe(true);
    expect(await exists(base)).toBe(true);
    expect(await containerIds()).toEqual([ids.web]);
  });
});
