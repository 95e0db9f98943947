// The pure planner on hand-built inventories: every conflict it can meet and
// every fix for it, the order of steps, the CLI equivalent, what it skips,
// byte attribution, prune selection and the digest that guards execution.

import { say } from '../../src-shared/messages/translate';
import { describe, expect, it } from 'vitest';
import type { Plan, PlanStep } from '../../src-shared/plan';
import { planCleanup, planDigest } from '../../src-main/planning/planner';
import {
  NOW_MS,
  containerId,
  dockerClassic,
  dockerContainerd,
  imageId,
  inventory,
  planningInput,
  podman,
  short,
  type Inventory,
} from './support/inventory-builder';

const summary = (plan: Plan) => plan.steps.map((s) => `${s.action} ${s.label}`);
const stepOf = (plan: Plan, action: PlanStep['action'], target: string) =>
  plan.steps.find((s) => s.action === action && s.target === target);

/** Every `after` names an earlier step: the list order is itself a valid run order. */
function expectTopological(plan: Plan): void {
  const seen = new Set<string>();
  for (const step of plan.steps) {
    for (const dep of step.after) expect(seen.has(dep), `${step.id} waits for ${dep}, which comes later`).toBe(true);
    seen.add(step.id);
  }
  expect(plan.steps.map((s) => s.id)).toEqual(plan.steps.map((_, i) => `s${i + 1}`));
}

function plan(inv: Inventory, intent: Parameters<typeof planningInput>[1], engine = dockerClassic): Plan {
  const p = planCleanup(planningInput(inv, intent, engine));
  expectTopological(p);
  // Step bytes add up to the plan's figure: each freed byte is credited once.
  expect(p.steps.reduce((sum, s) => sum + s.bytes, 0)).toBe(p.bytesFreed);
  return p;
}

const base = { name: 'base', tags: ['base:1'], layers: [['L-base', 5000]] as [string, number][] };

describe('image used by a running container', () => {
  const inv = inventory(
    [base, { name: 'web', tags: ['web:1'], parent: 'base', layers: [['L-web', 700]] }],
    [{ name: 'webby', image: 'web', state: 'running', sizeRw: 40 }],
  );

  it('keeps the image by default and says why', () => {
    const p = plan(inv, { type: 'remove-images', refs: ['web:1'] });
    expect(p.steps).toEqual([]);
    expect(p.bytesFreed).toBe(0);
    expect(p.decisions).toHaveLength(1);
    expect(p.decisions[0]).toMatchObject({
      conflict: 'running-container',
      chosen: 'keep-image',
      imageId: imageId('web'),
    });
    expect(p.decisions[0]!.options.map((o) => o.choice)).toEqual(['keep-image', 'stop-and-remove-containers']);
    expect(p.decisions[0]!.engineMessage).toContain('(cannot be forced) - image is being used by running container');
    expect(p.skipped).toEqual([expect.objectContaining({ target: imageId('web'), conflict: 'running-container' })]);
    expect(p.commands).toEqual([]);
  });

  it('stops and removes the container, then the image, when chosen', () => {
    const p = plan(inv, {
      type: 'remove-images',
      refs: ['web:1'],
      choices: { runningContainer: 'stop-and-remove-containers' },
    });
    expect(summary(p)).toEqual(['stop-container webby', 'remove-container webby', 'remove-image web:1']);
    const [stop, rm, rmi] = p.steps as [PlanStep, PlanStep, PlanStep];
    expect(stop).toMatchObject({
      target: containerId('webby'),
      resolves: 'running-container',
      choice: 'stop-and-remove-containers',
    });
    expect(stop.risks).toContainEqual({ kind: 'running-container' });
    expect(rm.after).toEqual([stop.id]);
    expect(rm.bytes).toBe(40);
    expect(rmi.after).toEqual([rm.id]);
    expect(rmi.expect).toEqual({ tags: ['web:1'], containerIds: [] });
    expect(rmi.force).toBeUndefined();
    expect(rmi.bytes).toBe(700);
    expect(p.bytesFreed).toBe(740);
    expect(p.commands).toEqual(['docker stop webby', 'docker rm webby', `docker rmi ${short('web')}`]);
  });

  it('a per-image choice overrides the default for that image only', () => {
    const two = inventory(
      [base, { name: 'a', tags: ['a:1'], parent: 'base' }, { name: 'b', tags: ['b:1'], parent: 'base' }],
      [
        { name: 'ca', image: 'a', state: 'running' },
        { name: 'cb', image: 'b', state: 'running' },
      ],
    );
    const p = plan(two, {
      type: 'remove-images',
      refs: ['a:1', 'b:1'],
      choices: { perImage: { [imageId('b')]: { runningContainer: 'stop-and-remove-containers' } } },
    });
    expect(summary(p)).toEqual(['stop-container cb', 'remove-container cb', 'remove-image b:1']);
    expect(p.skipped.map((s) => s.target)).toEqual([imageId('a')]);
  });
});

describe('image used by stopped containers', () => {
  const inv = inventory(
    [base, { name: 'job', tags: ['job:1'], parent: 'base', layers: [['L-job', 300]] }],
    [
      { name: 'run1', image: 'job', sizeRw: 10 },
      { name: 'run2', image: 'job', sizeRw: 20 },
    ],
  );

  it('keeps it by default', () => {
    const p = plan(inv, { type: 'remove-images', refs: ['job:1'] });
    expect(p.steps).toEqual([]);
    expect(p.decisions[0]).toMatchObject({ conflict: 'stopped-container', chosen: 'keep-image' });
    expect(p.decisions[0]!.options.map((o) => o.choice)).toEqual(['keep-image', 'remove-containers', 'force-delete']);
  });

  it('removes the containers first, then the image', () => {
    const p = plan(inv, { type: 'remove-images', refs: ['job:1'], choices: { stoppedContainer: 'remove-containers' } });
    expect(summary(p)).toEqual(['remove-container run1', 'remove-container run2', 'remove-image job:1']);
    expect(p.steps[2]!.after).toEqual(['s1', 's2']);
    expect(p.bytesFreed).toBe(330);
    expect(p.commands).toEqual(['docker rm run1 run2', `docker rmi ${short('job')}`]);
  });

  it('force-deletes on Docker classic, keeping the containers and freeing nothing', () => {
    const p = plan(inv, { type: 'remove-images', refs: ['job:1'], choices: { stoppedContainer: 'force-delete' } });
    expect(summary(p)).toEqual(['remove-image job:1']);
    const rmi = p.steps[0]!;
    expect(rmi.force).toBe(true);
    expect(rmi.expect.containerIds).toEqual([containerId('run1'), containerId('run2')]);
    expect(rmi.risks).toContainEqual({ kind: 'leaves-containers-without-image', containers: ['run1', 'run2'] });
    // The containers' layers sit on the image's: they stay until the containers go.
    expect(p.bytesFreed).toBe(0);
    expect(p.commands).toEqual([`docker rmi -f ${short('job')}`]);
  });

  it('never forces on Podman: force-delete is not offered and the image is kept', () => {
    const p = plan(
      inv,
      { type: 'remove-images', refs: ['job:1'], choices: { stoppedContainer: 'force-delete' } },
      podman,
    );
    expect(p.steps).toEqual([]);
    expect(p.decisions[0]!.options.map((o) => o.choice)).not.toContain('force-delete');
    expect(p.decisions[0]!.chosen).toBe('keep-image');
    expect(say('en', p.decisions[0]!.explanation)).toMatch(/Podman/);
  });

  it('untag-only exists on the containerd store only, and forces just the tag', () => {
    const classic = plan(inv, { type: 'remove-images', refs: ['job:1'], choices: { stoppedContainer: 'untag-only' } });
    expect(classic.steps).toEqual([]);
    const containerd = plan(
      inv,
      { type: 'remove-images', refs: ['job:1'], choices: { stoppedContainer: 'untag-only' } },
      dockerContainerd,
    );
    expect(summary(containerd)).toEqual(['untag job:1']);
    expect(containerd.steps[0]).toMatchObject({
      force: true,
      resolves: 'stopped-container',
      expect: { imageId: imageId('job') },
    });
    expect(containerd.commands).toEqual(['docker rmi -f job:1']);
    expect(containerd.bytesFreed).toBe(0);
  });
});

describe('image tagged in several repositories', () => {
  const inv = inventory([
    base,
    { name: 'multi', tags: ['one/app:1', 'two/app:1', 'app:latest'], parent: 'base', layers: [['L-multi', 900]] },
  ]);

  it('removing one tag only untags it, and frees nothing', () => {
    const p = plan(inv, { type: 'remove-images', refs: ['two/app:1'] });
    expect(summary(p)).toEqual(['untag two/app:1']);
    expect(p.steps[0]).toMatchObject({
      target: 'two/app:1',
      choice: 'selected-tag',
      expect: { imageId: imageId('multi') },
    });
    expect(p.decisions[0]).toMatchObject({ conflict: 'multiple-references', chosen: 'selected-tag' });
    expect(p.bytesFreed).toBe(0);
    expect(p.commands).toEqual(['docker rmi two/app:1']);
  });

  it('all tags: the others go by name, then the image by ID', () => {
    const p = plan(inv, { type: 'remove-images', refs: ['two/app:1'], choices: { multipleReferences: 'all-tags' } });
    expect(summary(p)).toEqual(['untag one/app:1', 'untag two/app:1', 'remove-image app:latest']);
    // One untag at a time: Podman 4.3 lost one of two sent at once (see image-steps.ts).
    expect(p.steps[0]!.after).toEqual([]);
    expect(p.steps[1]!.after).toEqual(['s1']);
    expect(p.steps[2]).toMatchObject({
      after: ['s1', 's2'],
      expect: { tags: ['app:latest'], containerIds: [] },
      bytes: 900,
    });
    expect(p.commands).toEqual([`docker rmi one/app:1 two/app:1 ${short('multi')}`]);
  });

  it('by ID: kept unless every tag may go', () => {
    const kept = plan(inv, { type: 'remove-images', refs: [short('multi')] });
    expect(kept.steps).toEqual([]);
    expect(kept.skipped[0]).toMatchObject({ conflict: 'multiple-references' });
    expect(kept.decisions[0]!.options.map((o) => o.choice)).toEqual(['keep-image', 'all-tags']);
    const all = plan(inv, {
      type: 'remove-images',
      refs: [imageId('multi')],
      choices: { multipleReferences: 'all-tags' },
    });
    expect(summary(all)).toEqual(['untag one/app:1', 'untag two/app:1', 'remove-image app:latest']);
  });

  it('naming every tag is removing the image: no question asked', () => {
    const p = plan(inv, { type: 'remove-images', refs: ['one/app:1', 'two/app:1', 'app'] });
    expect(p.decisions).toEqual([]);
    expect(summary(p)).toEqual(['untag one/app:1', 'untag two/app:1', 'remove-image app:latest']);
  });

  it("matches Podman's qualified names from short ones", () => {
    const pod = inventory([
      base,
      { name: 'multi', tags: ['docker.io/library/app:latest', 'localhost/app:2'], parent: 'base' },
    ]);
    const p = plan(pod, { type: 'remove-images', refs: ['app:2'] }, podman);
    expect(p.steps.map((s) => s.target)).toEqual(['localhost/app:2']);
    // The tag as Podman lists it: the short name would pick whatever it resolves to first.
    expect(p.commands).toEqual(['docker rmi localhost/app:2']);
  });

  it('extra tags of an image with containers wait for the containers to go', () => {
    const used = inventory(
      [base, { name: 'multi', tags: ['a:1', 'b:1'], parent: 'base' }],
      [{ name: 'user', image: 'multi', state: 'running' }],
    );
    const p = plan(used, {
      type: 'remove-images',
      refs: [imageId('multi')],
      choices: { multipleReferences: 'all-tags', runningContainer: 'stop-and-remove-containers' },
    });
    expect(summary(p)).toEqual(['stop-container user', 'remove-container user', 'untag a:1', 'remove-image b:1']);
    expect(p.steps[2]!.after).toEqual(['s2']);
    expect(p.steps[3]!.after).toEqual(['s2', 's3']);
  });
});

describe('images built on the one removed', () => {
  const inv = inventory([
    base,
    { name: 'parent', tags: ['parent:1'], parent: 'base', layers: [['L-parent', 100]] },
    { name: 'child', tags: ['child:1'], parent: 'parent', layers: [['L-child', 20]] },
    { name: 'grandchild', tags: ['grandchild:1'], parent: 'child', layers: [['L-grand', 3]] },
  ]);

  it('keeps the parent by default, listing the children', () => {
    const p = plan(inv, { type: 'remove-images', refs: ['parent:1'] });
    expect(p.steps).toEqual([]);
    expect(p.decisions[0]).toMatchObject({ conflict: 'dependent-children', chosen: 'skip' });
    expect(p.decisions[0]!.children.map((c) => c.label).sort()).toEqual(['child:1', 'grandchild:1']);
    expect(p.skipped[0]).toMatchObject({ target: imageId('parent'), conflict: 'dependent-children' });
  });

  it('removes the children first, deepest first, when chosen', () => {
    const p = plan(inv, {
      type: 'remove-images',
      refs: ['parent:1'],
      choices: { dependentChildren: 'remove-children' },
    });
    expect(summary(p)).toEqual([
      'remove-child-image grandchild:1',
      'remove-child-image child:1',
      'remove-image parent:1',
    ]);
    expect(p.steps[1]!.after).toEqual(['s1']);
    expect([...p.steps[2]!.after].sort()).toEqual(['s1', 's2']);
    expect(p.bytesFreed).toBe(123);
    expect(p.commands).toEqual([`docker rmi ${short('grandchild')} ${short('child')} ${short('parent')}`]);
  });

  it('cannot remove the children while one of them is in use', () => {
    const used = inventory(
      [
        base,
        { name: 'parent', tags: ['parent:1'], parent: 'base' },
        { name: 'child', tags: ['child:1'], parent: 'parent' },
      ],
      [{ name: 'kid', image: 'child', state: 'running' }],
    );
    const p = plan(used, {
      type: 'remove-images',
      refs: ['parent:1'],
      choices: { dependentChildren: 'remove-children' },
    });
    expect(p.steps).toEqual([]);
    expect(p.decisions[0]!.options.map((o) => o.choice)).toEqual(['skip']);
    expect(say('en', p.decisions[0]!.explanation)).toContain('"kid"');
  });

  it('a prune keeps a parent whose children stay', () => {
    const p = plan(inv, { type: 'prune-images', all: true });
    // Every image is unused; the chain goes leaf first, then each parent once nothing stays on it.
    expect(summary(p)).toEqual([
      'remove-image grandchild:1',
      'remove-image child:1',
      'remove-image parent:1',
      'remove-image base:1',
    ]);
    const only = plan(inv, { type: 'prune-images', all: true, labels: [], keep: ['grandchild:*'] });
    expect(only.steps).toEqual([]);
    expect(only.skipped.map((s) => s.conflict).sort()).toEqual([
      'dependent-children',
      'dependent-children',
      'dependent-children',
      'kept-by-pattern',
    ]);
  });
});

describe('containers shared by several reasons to remove them', () => {
  it('stops and removes a container once when two refs name its image', () => {
    const inv = inventory(
      [base, { name: 'x', tags: ['x:1', 'x:2'], parent: 'base' }],
      [{ name: 'c', image: 'x', state: 'running' }],
    );
    const p = plan(inv, {
      type: 'remove-images',
      refs: ['x:1', 'x:2', imageId('x')],
      choices: { runningContainer: 'stop-and-remove-containers', multipleReferences: 'all-tags' },
    });
    expect(summary(p)).toEqual(['stop-container c', 'remove-container c', 'untag x:1', 'remove-image x:2']);
    expect(p.decisions.filter((d) => d.conflict === 'running-container')).toHaveLength(1);
  });

  it('a prune with stopped containers removes each once, and the image after its containers', () => {
    const inv = inventory(
      [base, { name: 'old', tags: ['old:1'], parent: 'base', layers: [['L-old', 50]] }],
      [
        { name: 'o1', image: 'old', sizeRw: 5 },
        { name: 'o2', image: 'old', sizeRw: 6 },
        { name: 'live', image: 'base', state: 'running' },
      ],
    );
    const p = plan(inv, { type: 'prune-images', all: true, withStoppedContainers: true });
    expect(summary(p)).toEqual(['remove-container o1', 'remove-container o2', 'remove-image old:1']);
    expect(p.steps[2]!.after).toEqual(['s1', 's2']);
    expect(p.bytesFreed).toBe(61);
  });
});

describe('order of a start-fresh plan', () => {
  const inv = inventory(
    [
      base,
      { name: 'app', tags: ['app:1', 'app:stable'], parent: 'base', layers: [['L-app', 10]] },
      { name: 'tool', tags: ['tool:1'], parent: 'app', layers: [['L-tool', 7]] },
      { name: 'dangling', tags: [], parent: 'base', layers: [['L-dang', 3]] },
    ],
    [
      { name: 'db', image: 'app', state: 'running', volumes: ['dbdata', 'a'.repeat(64)], compose: 'shop', sizeRw: 100 },
      { name: 'cron', image: 'tool', state: 'exited', sizeRw: 1 },
      { name: 'web', image: 'base', state: 'running', sizeRw: 2 },
    ],
  );

  it('stops, removes containers, untags, removes images children first, then the volumes asked for', () => {
    const p = plan(inv, { type: 'start-fresh', volumes: ['dbdata'] });
    const actions = p.steps.map((s) => s.action);
    const rank = {
      'stop-container': 0,
      'remove-container': 1,
      'remove-build-container': 1,
      untag: 2,
      'remove-image': 2,
      'remove-child-image': 2,
      'remove-volume': 3,
      'remove-build-cache': 3,
      'keep-copy': 0,
      'remove-trash-entry': 4,
    };
    expect(actions.map((a) => rank[a])).toEqual([...actions.map((a) => rank[a])].sort());
    expect(summary(p).filter((s) => s.startsWith('stop'))).toEqual(['stop-container db', 'stop-container web']);
    const images = p.steps.filter((s) => s.action === 'remove-image').map((s) => s.target);
    expect(images.indexOf(imageId('tool'))).toBeLessThan(images.indexOf(imageId('app')));
    expect(images.indexOf(imageId('app'))).toBeLessThan(images.indexOf(imageId('base')));
    expect(images).toHaveLength(4);
    const volume = p.steps.at(-1)!;
    expect(volume).toMatchObject({ action: 'remove-volume', target: 'dbdata' });
    expect(volume.after).toHaveLength(3);
    // The anonymous volume is named as a risk, never removed.
    const rmDb = stepOf(p, 'remove-container', containerId('db'))!;
    expect(rmDb.risks).toContainEqual({ kind: 'anonymous-volumes', volumes: ['a'.repeat(64)] });
    expect(rmDb.risks).toContainEqual({ kind: 'compose-project', project: 'shop' });
    expect(p.steps.filter((s) => s.action === 'remove-volume')).toHaveLength(1);
    expect(p.commands.at(-1)).toBe('docker volume rm dbdata');
    expect(p.commands[0]).toBe('docker stop db web');
    expect(p.bytesFreed).toBe(5000 + 10 + 7 + 3 + 100 + 1 + 2);
  });

  it('keeps every volume unless listed', () => {
    const p = plan(inv, { type: 'start-fresh' });
    expect(p.steps.some((s) => s.action === 'remove-volume')).toBe(false);
  });
});

describe('remove stopped containers', () => {
  const inv = inventory(
    [base, { name: 'app', tags: ['app:1'], parent: 'base' }, { name: 'app2', tags: ['app2:1'], parent: 'app' }],
    [
      { name: 'a-run', image: 'app', state: 'running' },
      { name: 'a-old', image: 'app' },
      { name: 'a2-old', image: 'app2' },
      { name: 'b-old', image: 'base' },
    ],
  );

  it('takes every stopped container, never a running one', () => {
    const p = plan(inv, { type: 'remove-stopped-containers' });
    expect(summary(p)).toEqual(['remove-container a-old', 'remove-container a2-old', 'remove-container b-old']);
  });

  it('with an ancestor, only containers of that image and images built on it', () => {
    const p = plan(inv, { type: 'remove-stopped-containers', ancestor: 'app:1' });
    expect(summary(p)).toEqual(['remove-container a-old', 'remove-container a2-old']);
    expect(p.commands).toEqual(['docker rm a-old a2-old']);
  });

  it('with ids, only the named stopped containers; a running or unknown one is reported', () => {
    const running = inv.containers.find((c) => c.state === 'running')!;
    const p = plan(inv, {
      type: 'remove-stopped-containers',
      ids: [containerId('a2-old'), 'b-old', running.names[0]!, 'ghost'],
    });
    expect(summary(p)).toEqual(['remove-container a2-old', 'remove-container b-old']);
    expect(p.skipped.map((s) => [s.label, s.conflict])).toEqual([
      [running.names[0], 'container-running'],
      ['ghost', 'not-found'],
    ]);
  });
});

describe('prune selection', () => {
  const hour = 3600;
  const now = NOW_MS / 1000;
  const inv = inventory(
    [
      base,
      { name: 'fresh', tags: ['fresh:1'], parent: 'base', created: now - 2 * hour, labels: { team: 'a' } },
      { name: 'old', tags: ['old:1'], parent: 'base', created: now - 48 * hour, labels: { team: 'b', keep: 'yes' } },
      { name: 'pg', tags: ['postgres:15'], parent: 'base', created: now - 72 * hour },
      { name: 'none1', tags: [], parent: 'base', created: now - 30 * hour },
      { name: 'none2', tags: [], parent: 'base', created: now - 1 * hour },
      { name: 'used', tags: ['used:1'], parent: 'base', created: now - 99 * hour },
    ],
    [{ name: 'u', image: 'used' }],
  );
  const targets = (p: Plan) => p.steps.map((s) => s.label).sort();

  it('dangling only by default', () => {
    expect(targets(plan(inv, { type: 'prune-images', all: false }))).toEqual([
      `<none> ${short('none1')}`,
      `<none> ${short('none2')}`,
    ]);
  });

  it('every unused image with all, never one a container uses', () => {
    const p = plan(inv, { type: 'prune-images', all: true });
    expect(targets(p)).toEqual([
      `<none> ${short('none1')}`,
      `<none> ${short('none2')}`,
      'fresh:1',
      'old:1',
      'postgres:15',
    ]);
    expect(p.skipped.map((s) => s.target)).toContain(imageId('base'));
  });

  it('until: a duration before now, or a timestamp', () => {
    expect(targets(plan(inv, { type: 'prune-images', all: true, until: '24h' }))).toEqual([
      `<none> ${short('none1')}`,
      'old:1',
      'postgres:15',
    ]);
    expect(targets(plan(inv, { type: 'prune-images', all: false, until: '1h30m' }))).toEqual([
      `<none> ${short('none1')}`,
    ]);
    expect(targets(plan(inv, { type: 'prune-images', all: true, until: String(now - 50 * hour) }))).toEqual([
      'postgres:15',
    ]);
    expect(
      targets(plan(inv, { type: 'prune-images', all: true, until: new Date((now + 60) * 1000).toISOString() })),
    ).toHaveLength(5);
  });

  it('labels (all must match) and label! (none may match)', () => {
    expect(targets(plan(inv, { type: 'prune-images', all: true, labels: ['team'] }))).toEqual(['fresh:1', 'old:1']);
    expect(targets(plan(inv, { type: 'prune-images', all: true, labels: ['team=b', 'keep'] }))).toEqual(['old:1']);
    expect(targets(plan(inv, { type: 'prune-images', all: true, labels: ['team'], notLabels: ['keep=yes'] }))).toEqual([
      'fresh:1',
    ]);
  });

  it('keep patterns match familiar and full names, and are reported', () => {
    const p = plan(inv, { type: 'prune-images', all: true, keep: ['postgres:*', 'docker.io/library/fr?sh:1'] });
    expect(targets(p)).toEqual([`<none> ${short('none1')}`, `<none> ${short('none2')}`, 'old:1']);
    expect(
      p.skipped
        .filter((s) => s.conflict === 'kept-by-pattern')
        .map((s) => s.label)
        .sort(),
    ).toEqual(['fresh:1', 'postgres:15']);
    // Without a tag, a pattern names the repository whatever the tag.
    expect(targets(plan(inv, { type: 'prune-images', all: true, keep: ['postgres', 'old', 'fre'] }))).toEqual([
      `<none> ${short('none1')}`,
      `<none> ${short('none2')}`,
      'fresh:1',
    ]);
  });
});

describe('skipped items', () => {
  const inv = inventory([base, { name: 'x', tags: ['x:1'], parent: 'base' }]);
  it('names refs that match nothing, or several images', () => {
    const twins = inventory([
      base,
      { name: 'x', tags: ['x:1'], parent: 'base' },
      { name: 'y', tags: ['y:1'], parent: 'base' },
    ]);
    // Two IDs sharing a 12-hex prefix is not something hashes give us; force it.
    twins.images[1]!.id = `sha256:${'ab'.repeat(32)}`;
    twins.images[2]!.id = `sha256:${'ab'.repeat(31)}cd`;
    const p = plan(twins, { type: 'remove-images', refs: ['nope:1', 'abababababab'] });
    expect(p.steps).toEqual([]);
    expect(p.skipped.map((s) => [s.target, s.conflict])).toEqual([
      ['nope:1', 'not-found'],
      ['abababababab', 'not-found'],
    ]);
    expect(say('en', p.skipped[1]!.reason)).toMatch(/several images/);
    expect(say('en', plan(inv, { type: 'remove-images', refs: ['x:2'] }).skipped[0]!.reason)).toMatch(/No image x:2/);
  });
});

describe('plan digest', () => {
  const inv = inventory([
    base,
    { name: 'a', tags: ['a:1'], parent: 'base' },
    { name: 'b', tags: ['b:1'], parent: 'base' },
  ]);
  const p = planCleanup(planningInput(inv, { type: 'remove-images', refs: ['a:1', 'b:1'] }));
  const { digest, ...rest } = p;
  const with_ = (change: (steps: PlanStep[]) => void) => {
    const steps = structuredClone(rest.steps);
    change(steps);
    return planDigest({ ...rest, steps });
  };

  it('is sha256 over the plan, stable for the same plan', () => {
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(planDigest(rest)).toBe(digest);
  });

  it('changes when anything execution depends on changes', () => {
    expect(with_((s) => (s[0]!.target = imageId('base')))).not.toBe(digest);
    expect(with_((s) => (s[0]!.force = true))).not.toBe(digest);
    expect(with_((s) => (s[1]!.after = ['s1']))).not.toBe(digest);
    expect(with_((s) => (s[0]!.expect = { tags: [], containerIds: [] }))).not.toBe(digest);
    expect(with_((s) => s.pop())).not.toBe(digest);
    expect(with_((s) => s.reverse())).not.toBe(digest);
    expect(planDigest({ ...rest, engine: { ...rest.engine, host: 'unix:///elsewhere.sock' } })).not.toBe(digest);
    expect(planDigest({ ...rest, id: '00000000-0000-4000-8000-000000000000' })).not.toBe(digest);
  });

  it('ignores why a step exists (nothing runs from it)', () => {
    expect(with_((s) => (s[0]!.reason = s[0]!.reason === 'dangling' ? 'unused' : 'dangling'))).toBe(digest);
  });

  it('two previews of the same intent are two plans', () => {
    const again = planCleanup(planningInput(inv, { type: 'remove-images', refs: ['a:1', 'b:1'] }));
    expect(again.id).not.toBe(p.id);
    expect(again.digest).not.toBe(p.digest);
    expect(again.steps).toEqual(p.steps);
  });
});

describe('restricted to the unfinished targets of an interrupted plan', () => {
  it('keeps those steps and what they wait for, nothing else', () => {
    const inv = inventory(
      [base, { name: 'a', tags: ['a:1'], parent: 'base' }, { name: 'b', tags: ['b:1'], parent: 'base' }],
      [{ name: 'ca', image: 'a' }],
    );
    const p = planCleanup({
      ...planningInput(inv, {
        type: 'remove-images',
        refs: ['a:1', 'b:1'],
        choices: { stoppedContainer: 'remove-containers' },
      }),
      restrictTo: new Set([imageId('a')]),
      resumedFrom: 'earlier',
    });
    expectTopological(p);
    expect(summary(p)).toEqual(['remove-container ca', 'remove-image a:1']);
    expect(p.decisions.map((d) => d.imageId)).toEqual([imageId('a')]);
    expect(p.resumedFrom).toBe('earlier');
  });
});

describe('byte attribution', () => {
  it('credits a shared layer to the last image step holding it', () => {
    const inv = inventory([
      { name: 'shared', tags: ['shared:1'], layers: [['L-s', 400]] },
      { name: 'a', tags: ['a:1'], parent: 'shared', layers: [['L-a', 10]] },
      { name: 'b', tags: ['b:1'], parent: 'shared', layers: [['L-b', 20]] },
      { name: 'keep', tags: ['keep:1'], layers: [['L-k', 1]] },
    ]);
    const p = plan(inv, {
      type: 'remove-images',
      refs: ['shared:1'],
      choices: { dependentChildren: 'remove-children' },
    });
    expect(p.bytesFreed).toBe(430);
    expect(stepOf(p, 'remove-image', imageId('shared'))!.bytes).toBe(400);
    expect(p.exact).toBe(true);
  });

  it('is inexact when a container size is unknown', () => {
    const inv = inventory(
      [base, { name: 'a', tags: ['a:1'], parent: 'base' }],
      [{ name: 'c', image: 'a', sizeRw: null }],
    );
    const p = plan(inv, { type: 'remove-stopped-containers' });
    expect(p.exact).toBe(false);
    expect(p.inexactReasons.map((r) => say('en', r)).join()).toMatch(/writable-layer size unknown/);
  });

  it("is inexact when the engine's container sizes are not what removal frees (vfs)", () => {
    const inv = inventory(
      [base, { name: 'a', tags: ['a:1'], parent: 'base' }],
      [{ name: 'c', image: 'a', sizeRw: 10 }],
    );
    const reason = { key: 'space.vfsContainer' };
    const p = planCleanup({
      ...planningInput(inv, { type: 'remove-stopped-containers' }, podman),
      containerAccounting: { exact: false, reason },
    });
    expect(p.bytesFreed).toBe(10);
    expect(p.exact).toBe(false);
    expect(p.inexactReasons).toEqual([
      { key: 'space.container', params: { id: containerId('c').slice(0, 12), reason } },
    ]);
  });
});
