// `barnacle plan` and `barnacle apply` as people and scripts run them: the real
// bin, as a child process, against the harness engines. Apply changes the
// engine, so every check ends with the engine's own state.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Plan } from '../../src-shared/plan';
import type { AppliedPlan } from '../../src-main/cli/json-output';
import { planDigest } from '../../src-main/planning/planner';
import { assertHarnessHost, buildImage } from '../engines/harness';
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
    // `--until 1s` takes what is over a second old: the build date (classic store, Podman) or,
    // on the containerd store, when the rebuild left the dangling record. Let a second pass
    // first everywhere (Docker 26's classic store was seen within it).
    await new Promise((r) => setTimeout(r, Math.max(0, builtAt + 1500 - Date.now())));
    const prune = await barnacleJson<Plan>(['plan', 'prune', '--until', '1s', '--keep', 'nothing/*'], env);
    // The trash settings fill in what the command line left unsaid (off in these tests' data folder).
    expect(prune.intent).toEqual({ type: 'prune-images', all: false, until: '1s', keep: ['nothing/*'], trash: false });
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

  it('speaks the terminal locale: LANG=zh_CN.UTF-8 prints the plan and its conflict in Chinese', async () => {
    // LC_ALL and LC_MESSAGES empty: an empty variable is unset, as for gettext.
    const zh = { ...env, LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
    const ran = await barnacle(['plan', 'rmi', 'cli/child:1'], zh);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('冲突（* = 已选择）：');
    expect(ran.stdout).toContain('未包含：');
    expect(ran.stdout).not.toContain('is used by the stopped container');
    // --json stays the plan's data: phrases are keys and facts, never words.
    const json = await barnacleJson<Plan>(['plan', 'rmi', 'cli/child:1'], zh);
    expect(json.skipped[0]?.reason.key).toMatch(/^decision\./);
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

  it('a run that cannot be recorded still runs, says so, and reports no history file', async () => {
    const id = await buildImage(docker, { tag: 'cli/unrecorded:1', files: { '/u': 'unrecorded' } });
    const dataHome = join(shell.dir, 'unwritable-history');
    // history.jsonl is a folder: appending to it fails, reading it finds nothing.
    mkdirSync(join(dataHome, 'barnacle', 'history.jsonl'), { recursive: true });
    const here = { ...env, XDG_DATA_HOME: dataHome };
    const file = join(shell.dir, 'unrecorded-plan.json');
    await barnacleJson<Plan>(['plan', 'rmi', 'cli/unrecorded:1', '-o', file], here);
    const ran = await barnacle(['apply', file, '--yes', '--json'], here);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain('barnacle: warning: the run was not recorded in');
    const applied = JSON.parse(ran.stdout) as AppliedPlan;
    expect(applied).toMatchObject({ finished: true, historyFile: null });
    expect(await exists(id)).toBe(false);
  });

  it('apply with a fix flag removes the containers it planned, and nothing else', async () => {
    const file = join(shell.dir, 'child-plan.json');
    await barnacleJson<Plan>(['plan', 'rmi', 'cli/child:1', '--remove-containers', '-o', file], env);
    const ran = await barnacle(['apply', file, '--yes'], env);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/Remove image\s+cli\/child:1\s+done/);
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
  /** Writes `plan` with its fields changed and the digest recomputed, as someone editing the file would. */
  const forge = (plan: Plan, name: string, change: (p: Omit<Plan, 'digest'>) => Omit<Plan, 'digest'>) => {
    const { digest: _was, ...rest } = plan;
    const edited = change(rest);
    const file = join(shell.dir, name);
    writeFileSync(file, JSON.stringify({ ...edited, digest: planDigest(edited) }));
    return file;
  };

  it('a plan file edited with its digest recomputed does not run: added volume step, retargeted step', async () => {
    const volume = await docker.createVolume({ Name: 'cli-precious-data' });
    const victim = await buildImage(docker, { tag: 'cli/victim:1', files: { '/v.txt': 'keep me' } });
    const target = await buildImage(docker, { tag: 'cli/forge:1', files: { '/f.txt': 'forge' } });
    const file = join(shell.dir, 'forge-plan.json');
    const plan = await barnacleJson<Plan>(['plan', 'rmi', 'cli/forge:1', '-o', file], env);
    expect(plan.steps.map((s) => s.target)).toEqual([target]);

    const withVolume = forge(plan, 'forged-volume.json', (p) => ({
      ...p,
      steps: [
        ...p.steps,
        { ...p.steps[0]!, id: 's9', action: 'remove-volume', target: volume.name, label: volume.name, after: [] },
      ],
    }));
    const retargeted = forge(plan, 'forged-target.json', (p) => ({
      ...p,
      steps: p.steps.map((s) => ({ ...s, target: victim })),
    }));
    for (const forged of [withVolume, retargeted]) {
      const ran = await barnacle(['apply', forged, '--yes', '--json'], env);
      expect(ran.code, ran.stderr).toBe(1);
      expect(JSON.parse(ran.stderr)).toMatchObject({
        kind: 'plan-stale',
        message: expect.stringMatching(/does not match what Barnacle would do now/),
      });
    }
    expect((await docker.getVolume(volume.name).inspect()).Name).toBe(volume.name);
    expect(await exists(victim)).toBe(true);
    expect(await exists(target)).toBe(true);

    // Weakened expectations change nothing: the fresh plan's own steps run, the saved one does as shown.
    const loosened = forge(plan, 'forged-expect.json', (p) => ({
      ...p,
      steps: p.steps.map((s) => ({ ...s, expect: {} })),
    }));
    const ran = await barnacle(['apply', loosened, '--yes', '--json'], env);
    expect(ran.code, ran.stderr).toBe(0);
    expect(await exists(target)).toBe(false);
    expect(await exists(victim)).toBe(true);
    await docker.getVolume(volume.name).remove();
    await docker.getImage(victim).remove();
  });

  it('apply runs only the saved steps when the engine now holds more to prune; the prompt shows them', async () => {
    const first = await buildImage(docker, { tag: 'cli/prune-a:1', files: { '/a.txt': 'a' } });
    await buildImage(docker, { tag: 'cli/prune-a:1', files: { '/a.txt': 'a2' } });
    const file = join(shell.dir, 'prune-plan.json');
    const plan = await barnacleJson<Plan>(['plan', 'prune', '-o', file], env);
    expect(plan.steps.map((s) => s.target)).toContain(first);
    // A second dangling image appears after the plan was saved: not in the file, so it stays.
    const later = await buildImage(docker, { tag: 'cli/prune-b:1', files: { '/b.txt': 'b' } });
    await buildImage(docker, { tag: 'cli/prune-b:1', files: { '/b.txt': 'b2' } });
    const ran = await barnacle(['apply', file, '--yes', '--json'], env);
    expect(ran.code, ran.stderr).toBe(0);
    const applied = JSON.parse(ran.stdout) as AppliedPlan;
    expect(applied.steps.map((s) => s.target)).toEqual(plan.steps.map((s) => s.target));
    expect(await exists(first)).toBe(false);
    expect(await exists(later)).toBe(true);
    await docker.getImage(later).remove();
  });
});
