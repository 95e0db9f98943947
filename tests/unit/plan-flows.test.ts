// The renderer's guided-flow logic, without a browser: a live engine error
// becomes the same fix model as a predicted conflict, the fix picked becomes
// an intent main accepts and the planner carries out; engine problems are
// told apart; the prune form and the start-fresh volume list make the right
// intents. (The dialogs themselves are tested live in tests/browser.)

import { describe, expect, it } from 'vitest';
import type { BarnacleError } from '../../src-shared/errors';
import type { Plan } from '../../src-shared/plan';
import { planCleanup } from '../../src-main/planning/planner';
import { schemas } from '../../src-main/ipc/schemas';
import {
  changesNothing,
  fromDecision,
  fromError,
  intentForLiveFix,
  withChoice,
} from '../../src-renderer/plan/fixes/fix-model';
import { engineProblem, engineProblemFixes } from '../../src-renderer/plan/fixes/engine-problem';
import {
  arrivalClock,
  buildCacheOffered,
  defaultPruneForm,
  durationOf,
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

const base = { name: 'base', tags: ['base:1'] };
const docker = { kind: 'docker' as const, imageStore: 'classic' as const };
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

  it('running container: stop-and-remove becomes the intent the brief names, and the planner does it', () => {
    const error: BarnacleError = {
      kind: 'running-container',
      message: 'The image api:1 is used by the running container "api-1".',
      engineMessage: `conflict: unable to delete ${short('api')} (cannot be forced) - image is being used by running container ${containerId('api-1').slice(0, 12)}`,
      image: short('api'),
      containers: [{ id: containerId('api-1'), name: 'api-1', state: 'running' }],
    };
    const model = fromError(error, { ref: 'api:1', engine: docker, images: inv.images })!;
    expect(model.conflict).toBe('running-container');
    expect(model.imageId).toBe(imageId('api'));
    expect(model.chosen).toBe('keep-image');
    expect(changesNothing(model.chosen)).toBe(true);
    expect(model.options.map((o) => o.choice)).toEqual(['keep-image', 'stop-and-remove-containers']);
    expect(model.options[1]!.commands).toEqual(['docker stop api-1', 'docker rm api-1', 'docker rmi api:1']);

    const intent = intentForLiveFix(model, 'api:1', 'stop-and-remove-containers');
    expect(intent).toEqual({
      type: 'remove-images',
      refs: ['api:1'],
      choices: { runningContainer: 'stop-and-remove-containers' },
    });
    expect(accepted(intent)).toBe(true);
    const plan = planCleanup(planningInput(inv, intent));
    expect(actions(plan)).toEqual(['stop-container api-1', 'remove-container api-1', 'remove-image api:1']);
  });

  it('last tag in use by a stopped container: the fix removes the container, then the image', () => {
    const error: BarnacleError = {
      kind: 'reference-in-use',
      message: 'job:1 is the last tag of an image a container uses.',
      engineMessage: `conflict: unable to remove repository reference "job:1" (must force) - container ${containerId('job-1').slice(0, 12)} is using its referenced image ${short('job')}`,
      containers: [{ id: containerId('job-1'), name: 'job-1', state: 'exited' }],
    };
    const model = fromError(error, { ref: 'job:1', engine: docker, images: inv.images })!;
    expect(model.conflict).toBe('reference-in-use');
    expect(model.containers).toEqual([{ id: containerId('job-1'), name: 'job-1', running: false }]);
    expect(model.options.map((o) => o.choice)).toEqual(['keep-image', 'remove-containers']);
    const intent = intentForLiveFix(model, 'job:1', 'remove-containers');
    expect(accepted(intent)).toBe(true);
    expect(actions(planCleanup(planningInput(inv, intent)))).toEqual(['remove-container job-1', 'remove-image job:1']);
  });

  it('force-delete is offered on Docker’s classic store only', () => {
    const error: BarnacleError = { kind: 'stopped-container', message: '…', image: 'job:1' };
    const classic = fromError(error, { ref: 'job:1', engine: docker, images: inv.images })!;
    const containerd = fromError(error, {
      ref: 'job:1',
      engine: { kind: 'docker', imageStore: 'containerd' },
      images: inv.images,
    })!;
    const onPodman = fromError(error, {
      ref: 'job:1',
      engine: { kind: 'podman', imageStore: 'classic' },
      images: inv.images,
    })!;
    expect(classic.options.map((o) => o.choice)).toContain('force-delete');
    expect(containerd.options.map((o) => o.choice)).not.toContain('force-delete');
    expect(onPodman.options.map((o) => o.choice)).not.toContain('force-delete');
  });

  it('a conflict Barnacle found itself shows its own words, not as the engine’s', () => {
    const error: BarnacleError = {
      kind: 'running-container',
      message: 'api:1 is now used by "api-1", made after the plan.',
    };
    const model = fromError(error, { ref: imageId('api'), engine: docker, images: inv.images })!;
    expect(model.engineMessage).toBe('');
    expect(model.barnacleMessage).toContain('made after the plan');
  });

  it('is null for errors that are not one of the five conflicts', () => {
    expect(fromError({ kind: 'not-found', message: 'gone' }, { engine: docker, images: [] })).toBeNull();
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
