// The renderer's guided-flow logic, without a browser: a live engine error
// asks main's planner again and becomes the same fix model as a predicted conflict, the fix picked becomes
// an intent main accepts and the planner carries out; engine problems are
// told apart; the prune form and the start-fresh volume list make the right
// intents. (The dialogs themselves are tested live in tests/browser.)

import { durationOf } from '../../src-shared/duration';
import { describe, expect, it } from 'vitest';
import { fail, type BarnacleError } from '../../src-shared/errors';
import type { Plan } from '../../src-shared/plan';
import type { HostKeyProblem } from '../../src-shared/model';
import { planCleanup } from '../../src-main/planning/planner';
import { schemas } from '../../src-main/ipc/schemas';
import { changesNothing, fromDecision } from '../../src-renderer/plan/fixes/fix-model';
import { withChoice } from '../../src-shared/fix-choices';
import { askMainForFix, intentForLiveFix } from '../../src-renderer/plan/fixes/live-fix';
import { engineProblem, engineProblemFixes } from '../../src-renderer/plan/fixes/engine-problem';
import {
  arrivalClock,
  buildCacheOffered,
  defaultPruneForm,
  pruneIntent,
  untilClockOf,
  untilOf,
} from '../../src-renderer/plan/prune/prune-form';
import { mountedNamedVolumes } from '../../src-renderer/plan/fresh/volumes';
import {
  containerId,
  dockerClassic,
  dockerContainerd,
  imageId,
  inventory,
  planningInput,
  podman,
  short,
} from './support/inventory-builder';
import { planningMain } from './support/planning-main';

const base = { name: 'base', tags: ['base:1'] };
const accepted = (intent: unknown) => schemas.previewPlan.safeParse({ intent }).success;
const actions = (plan: Plan) => plan.steps.map((s) => `${s.action} ${s.label}`);

describe('a live conflict as a guided flow', () => {
  const inv = inventory(
    [base, { name: 'api', tags: ['api:1'], parent: 'base' }, { name: 'job', tags: ['job:1'], parent: 'base' }],
    [
      { name: 'api-1', image: 'api', state: 'running' },
      { name: 'job-1', image: 'job', state: 'exited' },
    ],
  );
  const mainPlans = planningMain(inv);

  it('running container: main plans the fixes, and stop-and-remove becomes the plan’s choice for that image', async () => {
    const error: BarnacleError = {
      kind: 'running-container',
      message: 'The image api:1 is used by the running container "api-1".',
      engineMessage: `conflict: unable to delete ${short('api')} (cannot be forced) - image is being used by running container ${containerId('api-1').slice(0, 12)}`,
      image: short('api'),
      containers: [{ id: containerId('api-1'), name: 'api-1', state: 'running' }],
    };
    const fix = (await askMainForFix(error, { ref: 'api:1' }, mainPlans))!;
    expect(fix.state).toBe('fix');
    if (fix.state !== 'fix') return;
    const model = fix.model;
    expect(model.conflict).toBe('running-container');
    expect(model.imageId).toBe(imageId('api'));
    expect(model.chosen).toBe('keep-image');
    expect(changesNothing(model.chosen)).toBe(true);
    expect(model.engineMessage).toBe(error.engineMessage);
    expect(model.options.map((o) => o.choice)).toEqual(['keep-image', 'stop-and-remove-containers']);
    expect(model.options[1]!.commands).toEqual(['docker stop api-1', 'docker rm api-1', `docker rmi ${short('api')}`]);

    const intent = intentForLiveFix(fix, 'stop-and-remove-containers');
    expect(intent).toEqual({
      type: 'remove-images',
      refs: ['api:1'],
      choices: { perImage: { [imageId('api')]: { runningContainer: 'stop-and-remove-containers' } } },
    });
    expect(accepted(intent)).toBe(true);
    const plan = planCleanup(planningInput(inv, intent));
    expect(actions(plan)).toEqual(['stop-container api-1', 'remove-container api-1', 'remove-image api:1']);
  });

  it('last tag in use by a stopped container: main plans it as the stopped-container conflict it is', async () => {
    const error: BarnacleError = {
      kind: 'reference-in-use',
      message: 'job:1 is the last tag of an image a container uses.',
      engineMessage: `conflict: unable to remove repository reference "job:1" (must force) - container ${containerId('job-1').slice(0, 12)} is using its referenced image ${short('job')}`,
      containers: [{ id: containerId('job-1'), name: 'job-1', state: 'exited' }],
    };
    const fix = (await askMainForFix(error, { ref: 'job:1' }, mainPlans))!;
    if (fix.state !== 'fix') throw new Error(`expected a fix, got ${fix.state}`);
    expect(fix.model.conflict).toBe('stopped-container');
    expect(fix.model.containers).toEqual([{ id: containerId('job-1'), name: 'job-1', running: false }]);
    expect(fix.model.options.map((o) => o.choice)).toEqual(['keep-image', 'remove-containers', 'force-delete']);
    const intent = intentForLiveFix(fix, 'remove-containers');
    expect(accepted(intent)).toBe(true);
    expect(actions(planCleanup(planningInput(inv, intent)))).toEqual(['remove-container job-1', 'remove-image job:1']);
  });

  it('a conflict Barnacle found itself shows its own words, not as the engine’s', async () => {
    const error: BarnacleError = {
      kind: 'running-container',
      message: 'api:1 is now used by "api-1", made after the plan.',
    };
    const fix = (await askMainForFix(error, { ref: imageId('api') }, mainPlans))!;
    if (fix.state !== 'fix') throw new Error(`expected a fix, got ${fix.state}`);
    expect(fix.model.engineMessage).toBe('');
    expect(fix.model.barnacleMessage).toContain('made after the plan');
  });

  it('when main’s fresh plan predicts the conflict no more, the flow says so instead of inventing fixes', async () => {
    // The container that refused the removal is gone by now.
    const since = inventory([base, { name: 'api', tags: ['api:1'], parent: 'base' }]);
    const error: BarnacleError = { kind: 'running-container', message: '…', image: short('api') };
    const fix = await askMainForFix(error, { ref: 'api:1' }, planningMain(since));
    expect(fix).toEqual({ state: 'changed', intent: { type: 'remove-images', refs: ['api:1'] } });
  });

  it('when main cannot plan, its typed error is the answer', async () => {
    const refused: BarnacleError = { kind: 'engine-unreachable', message: 'The engine stopped answering.' };
    const error: BarnacleError = { kind: 'stopped-container', message: '…', image: 'job:1' };
    const fix = await askMainForFix(error, {}, async () => fail(refused));
    expect(fix).toEqual({ state: 'failed', error: refused, intent: { type: 'remove-images', refs: ['job:1'] } });
  });

  it('is null for errors that are not one of the five conflicts, without asking main', async () => {
    const never = () => Promise.reject(new Error('main was asked'));
    expect(await askMainForFix({ kind: 'not-found', message: 'gone' }, { ref: 'x:1' }, never)).toBeNull();
  });
});

describe('a predicted conflict as a guided flow', () => {
  const inv = inventory(
    [base, { name: 'a', tags: ['a:1'], parent: 'base' }, { name: 'b', tags: ['b:1'], parent: 'base' }],
    [
      { name: 'a-run', image: 'a', state: 'running' },
      { name: 'b-run', image: 'b', state: 'running' },
    ],
  );

  it('a choice applies to its image only, and the re-plan reports it chosen', () => {
    const intent = { type: 'remove-images' as const, refs: ['a:1', 'b:1'] };
    const first = planCleanup(planningInput(inv, intent));
    const decisionA = first.decisions.find((d) => d.imageId === imageId('a'))!;
    const model = fromDecision(decisionA, 'docker', intent);
    expect(model.chosen).toBe('keep-image');
    const next = withChoice(intent, decisionA.imageId, decisionA.conflict, 'stop-and-remove-containers');
    expect(accepted(next)).toBe(true);
    const second = planCleanup(planningInput(inv, next));
    expect(second.decisions.find((d) => d.imageId === imageId('a'))!.chosen).toBe('stop-and-remove-containers');
    expect(second.decisions.find((d) => d.imageId === imageId('b'))!.chosen).toBe('keep-image');
    expect(actions(second)).toContain('remove-image a:1');
    expect(actions(second)).not.toContain('remove-image b:1');
  });

  it('the selected tags of a several-tags conflict come from the intent', () => {
    const tagged = inventory([base, { name: 'w', tags: ['web:blue', 'web:green'], parent: 'base' }]);
    const intent = { type: 'remove-images' as const, refs: ['web:green'] };
    const plan = planCleanup(planningInput(tagged, intent));
    const model = fromDecision(plan.decisions[0]!, 'docker', intent);
    expect(model.selectedTags).toEqual(['web:green']);
    expect(model.chosen).toBe('selected-tag');
  });
});

describe('engine problems', () => {
  const endpoint = { host: 'unix:///var/run/docker.sock', label: 'Docker', source: 'default' as const };
  it('tells the three apart from the health state or the error', () => {
    expect(engineProblem({ state: 'not-running', endpoint, message: '' }, null)).toBe('not-running');
    expect(engineProblem({ state: 'socket-not-found', endpoint, message: '' }, null)).toBe('socket-missing');
    expect(engineProblem({ state: 'permission-denied', endpoint, message: '' }, null)).toBe('permission-denied');
    expect(engineProblem(null, { kind: 'permission-denied', message: 'no' })).toBe('permission-denied');
    expect(
      engineProblem(null, { kind: 'engine-unreachable', message: 'x', engineMessage: 'connect ENOENT /x.sock' }),
    ).toBe('socket-missing');
    expect(
      engineProblem(null, { kind: 'engine-unreachable', message: 'x', engineMessage: 'connect ECONNREFUSED /x.sock' }),
    ).toBe('not-running');
  });
  it('offers commands for each', () => {
    expect(engineProblemFixes('permission-denied')[0]!.commands).toContain('sudo usermod -aG docker "$USER"');
    expect(engineProblemFixes('socket-missing').map((f) => f.value)).toEqual(['service', 'context', 'dockerHost']);
  });
  it('a refused SSH host key is its own problem, with the commands main worked out for that host', () => {
    const hostKey: HostKeyProblem = {
      verdict: 'changed',
      host: 'build-box',
      port: 22,
      user: 'me',
      knownHostsName: 'build-box',
      keyType: 'ssh-ed25519',
      fingerprint: 'SHA256:x',
      knownHostsLine: { file: '/home/me/.ssh/known_hosts', line: 3 },
      fixes: [{ value: 'forget', commands: ['ssh-keygen -R build-box -f /home/me/.ssh/known_hosts'] }],
    };
    const ssh = { host: 'ssh://me@build-box', label: 'build-box', source: 'user' as const };
    const health = { state: 'host-key-changed' as const, endpoint: ssh, message: 'WARNING', hostKey };
    expect(engineProblem(health, null)).toBe('host-key-changed');
    expect(engineProblemFixes('host-key-changed', hostKey)).toEqual(hostKey.fixes);
  });
});

describe('prune form', () => {
  it('makes the intent main validates, days as hours', () => {
    expect(pruneIntent(defaultPruneForm())).toEqual({ type: 'prune-images', all: false });
    const form = {
      ...defaultPruneForm(),
      scope: 'unused' as const,
      age: 'custom' as const,
      customAmount: 3,
      customUnit: 'days' as const,
      keepLabels: 'keep=true, pin',
      keepNames: 'postgres:*',
      withStoppedContainers: true,
    };
    const intent = pruneIntent(form);
    expect(intent).toEqual({
      type: 'prune-images',
      all: true,
      until: '72h',
      notLabels: ['keep=true', 'pin'],
      keep: ['postgres:*'],
      withStoppedContainers: true,
    });
    expect(accepted(intent)).toBe(true);
    expect(untilOf({ ...form, age: '7d' })).toBe('168h');
    expect(untilOf({ ...form, customAmount: 0, customUnit: 'minutes' })).toBe('0m');
    expect(accepted(pruneIntent({ ...form, customAmount: 0, customUnit: 'minutes' }))).toBe(true);
  });

  it('offers the clock only on the containerd store, and the build cache everywhere but Podman', () => {
    expect([dockerClassic, dockerContainerd, podman, null].map(arrivalClock)).toEqual([false, true, false, false]);
    expect([dockerClassic, dockerContainerd, podman, null].map(buildCacheOffered)).toEqual([true, true, false, true]);
  });

  it("carries untilClock on the containerd store (the engine's clock by default) or when the build date is picked", () => {
    const older = { ...defaultPruneForm(), scope: 'unused' as const, age: '7d' as const };
    // Classic store and Podman: their prune reads the build date; nothing to say.
    expect(pruneIntent(older, dockerClassic)).toEqual({ type: 'prune-images', all: true, until: '168h' });
    expect(pruneIntent(older, podman)).not.toHaveProperty('untilClock');
    expect(pruneIntent(older)).not.toHaveProperty('untilClock');
    // Containerd store: the choice is sent, whichever it is.
    expect(pruneIntent(older, dockerContainerd)).toEqual({
      type: 'prune-images',
      all: true,
      until: '168h',
      untilClock: 'engine',
    });
    const byBuild = { ...older, untilClock: 'build' as const };
    expect(untilClockOf(byBuild, dockerContainerd)).toBe('build');
    expect(untilClockOf(byBuild, dockerClassic)).toBe('build');
    expect(accepted(pruneIntent(byBuild, dockerContainerd))).toBe(true);
    // No "older than": no clock, even on the containerd store or when build was picked before.
    expect(pruneIntent({ ...byBuild, age: 'any' }, dockerContainerd)).toEqual({ type: 'prune-images', all: true });
  });

  it('the planner reads the clock the intent names', () => {
    const inv = inventory([{ name: 'old', tags: ['old:1'] }], [], dockerContainerd);
    const older = { ...defaultPruneForm(), scope: 'unused' as const, age: '24h' as const };
    const basis = (form: typeof older) =>
      planCleanup({
        ...planningInput(inv, pruneIntent(form, dockerContainerd), dockerContainerd),
        olderOnEngineClock: new Set(),
      }).untilBasis;
    expect(basis(older)).toBe('arrival');
    expect(basis({ ...older, untilClock: 'build' })).toBe('build-date');
  });

  it('says a cut-off in whole units: days from two on, else hours or minutes', () => {
    expect(durationOf('168h')).toEqual({ amount: 7, unit: 'day' });
    expect(durationOf('720h')).toEqual({ amount: 30, unit: 'day' });
    expect(durationOf('24h')).toEqual({ amount: 24, unit: 'hour' });
    expect(durationOf('36h')).toEqual({ amount: 36, unit: 'hour' });
    expect(durationOf('0m')).toEqual({ amount: 0, unit: 'minute' });
    expect(durationOf('2025-06-01T00:00:00Z')).toBeNull();
    expect(durationOf('1h30m')).toBeNull();
  });
});

describe('start fresh volumes', () => {
  it('lists the named volumes containers mount, not anonymous ones', () => {
    const inv = inventory(
      [base],
      [
        { name: 'db', image: 'base', volumes: ['pgdata', 'a'.repeat(64)] },
        { name: 'db2', image: 'base', volumes: ['pgdata'] },
      ],
    );
    expect(mountedNamedVolumes(inv.containers)).toEqual([{ name: 'pgdata', containers: ['db', 'db2'] }]);
    const intent = { type: 'start-fresh' as const, volumes: ['pgdata'] };
    expect(accepted(intent)).toBe(true);
    const plan = planCleanup(planningInput(inv, intent, dockerClassic));
    expect(actions(plan)).toContain('remove-volume pgdata');
  });
});
