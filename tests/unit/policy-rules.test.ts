// A policy's rules on hand-built inventories: "not used for", keep the newest N
// per repository (by build date and by last use), keep by label, and the storage
// threshold that removes the least recently used first until back at the target.
// The live engines' side is tests/integration/policies.test.ts.

import { describe, expect, it } from 'vitest';
import type { CleanupIntent, Plan } from '../../src-shared/plan';
import type { ImageSummary } from '../../src-shared/model';
import { planCleanup } from '../../src-main/planning/planner';
import { policyIntent } from '../../src-shared/policy';
import { policyNotes } from '../../src-shared/policy-words';
import { stepReasonPhrase } from '../../src-shared/step-reason';
import { say, translate } from '../../src-shared/messages/translate';
import { NOW_MS, imageId, inventory, planningInput, type Inventory } from './support/inventory-builder';

const DAY_MS = 86_400_000;
const removed = (p: Plan) => p.steps.filter((s) => s.action === 'remove-image').map((s) => s.label);

/** `usedDaysAgo`: name → days since its last use, as the last-used store would say. */
function withUses(inv: Inventory, usedDaysAgo: Record<string, number>): Inventory {
  const images = inv.images.map((image): ImageSummary => {
    const name = Object.keys(usedDaysAgo).find((n) => imageId(n) === image.id);
    if (name === undefined) return image;
    return { ...image, lastUsed: { at: NOW_MS - usedDaysAgo[name]! * DAY_MS, source: 'event' } };
  });
  return { ...inv, images };
}

const plan = (inv: Inventory, intent: CleanupIntent, extra: { diskFree?: number } = {}) =>
  planCleanup({ ...planningInput(inv, intent), ...extra });

const DAY = 86_400;
const app = (n: number, created: number) => ({
  name: `app${n}`,
  tags: [`app:${n}`],
  created: NOW_MS / 1000 - created * DAY,
  layers: [[`L-app${n}`, 1000 * n]] as [string, number][],
});

describe('not used for longer than X', () => {
  const inv = withUses(
    inventory([
      app(1, 90),
      app(2, 60),
      app(3, 30),
      { name: 'never', tags: ['never:1'], created: NOW_MS / 1000 - 40 * DAY },
    ]),
    { app1: 2, app2: 45, app3: 10 },
  );

  it('goes by last use, and by the image’s own date where no use was seen', () => {
    const p = plan(inv, policyIntent({ name: 'monthly', rules: { unusedFor: `${30 * 24}h` } }));
    // app1 was built 90 days ago but used 2 days ago: it stays.
    expect(removed(p).sort()).toEqual(['app:2', 'never:1']);
    const step = p.steps.find((s) => s.label === 'app:2')!;
    expect(say('en', stepReasonPhrase(step, p.intent))).toBe('no use seen for longer than the policy allows');
    const notes = policyNotes(p, { bytes: String, age: (d) => d, labels: (l) => l.join(',') });
    expect(notes.map((n) => translate('en', n.key, n.params))).toEqual([
      'Policy “monthly”.',
      'Only images with no use seen for 720h (last use as Barnacle recorded it; with none seen, the image’s own date).',
    ]);
  });

  it('never takes an image a container uses, stopped or running', () => {
    const used = withUses(inventory([app(1, 90), app(2, 90)], [{ name: 'c', image: 'app2', state: 'exited' }]), {
      app1: 100,
      app2: 100,
    });
    const p = plan(used, policyIntent({ name: 'p', rules: { unusedFor: '1h' } }));
    expect(removed(p)).toEqual(['app:1']);
    expect(p.steps.map((s) => s.action)).toEqual(['remove-image']);
  });
});

describe('keep the newest N tags per repository', () => {
  // app:1 is the oldest build but the most recently used.
  const inv = withUses(
    inventory([
      app(1, 40),
      app(2, 30),
      app(3, 20),
      app(4, 10),
      { name: 'other', tags: ['docker.io/library/other:1'], created: NOW_MS / 1000 - 50 * DAY },
    ]),
    { app1: 1, app2: 25, app3: 15, app4: 5 },
  );

  it('by build date', () => {
    const p = plan(inv, policyIntent({ name: 'k', rules: { keepNewest: { count: 2, by: 'created' } } }));
    expect(removed(p).sort()).toEqual(['app:1', 'app:2']);
    const kept = p.skipped.filter((s) => s.conflict === 'kept-by-rule');
    expect(kept.map((s) => s.label).sort()).toEqual(['app:3', 'app:4', 'other:1']);
    expect(say('en', kept.find((s) => s.label === 'other:1')!.reason)).toBe(
      'among the newest 2 tags of other, by build date',
    );
  });

  it('by last use', () => {
    const p = plan(inv, policyIntent({ name: 'k', rules: { keepNewest: { count: 2, by: 'last-used' } } }));
    expect(removed(p).sort()).toEqual(['app:2', 'app:3']);
  });

  it('an image in use still counts among the newest', () => {
    const used = inventory([app(1, 40), app(2, 30), app(3, 20)], [{ name: 'c', image: 'app3', state: 'running' }]);
    const p = plan(used, policyIntent({ name: 'k', rules: { keepNewest: { count: 2, by: 'created' } } }));
    expect(removed(p)).toEqual(['app:1']);
  });

  it('with "not used for": both must allow it', () => {
    const p = plan(
      inv,
      policyIntent({ name: 'k', rules: { keepNewest: { count: 1, by: 'created' }, unusedFor: `${20 * 24}h` } }),
    );
    // app:4 is the newest (kept); app:1 and app:3 were used within 20 days.
    expect(removed(p)).toEqual(['app:2']);
  });
});

it('keeps images by label and by name pattern', () => {
  const inv = inventory([
    { name: 'a', tags: ['a:1'], labels: { keep: 'yes' } },
    { name: 'b', tags: ['postgres:15'] },
    { name: 'c', tags: ['c:1'] },
  ]);
  const p = plan(inv, policyIntent({ name: 'p', rules: { keepLabels: ['keep=yes'], keep: ['postgres:*'] } }));
  expect(removed(p)).toEqual(['c:1']);
});

describe('the storage threshold, least recently used first', () => {
  // app1..app4 own 1000..4000 bytes each on a shared 10,000-byte base.
  const specs = [
    { name: 'base', tags: ['base:1'], layers: [['L-base', 10_000]] as [string, number][] },
    ...[1, 2, 3, 4].map((n) => ({ ...app(n, 10), parent: 'base' })),
  ];
  const inv = withUses(inventory(specs, [{ name: 'c', image: 'base', state: 'running' }]), {
    app1: 3,
    app2: 30,
    app3: 20,
    app4: 1,
  });
  // Images take 10,000 + 1,000 + 2,000 + 3,000 + 4,000 = 20,000 bytes.

  it('removes the least recently used until under the target', () => {
    const threshold = { measure: 'images-bytes' as const, trigger: 18_000, target: 16_000 };
    const p = plan(inv, policyIntent({ name: 't', rules: { threshold } }));
    // app2 (30 days) frees 2,000 → 18,000; app3 (20 days) frees 3,000 → 15,000 ≤ 16,000: done.
    expect(removed(p)).toEqual(['app:2', 'app:3']);
    expect(p.threshold).toEqual({ ...threshold, measured: 20_000, over: true, after: 15_000, reachesTarget: true });
    expect(p.bytesFreed).toBe(5000);
    const notes = policyNotes(p, { bytes: (n) => `${n} B`, age: (d) => d, labels: String });
    expect(translate('en', notes[1]!.key, notes[1]!.params)).toBe(
      'Images take 20000 B, over the threshold of 18000 B: the least recently used go first, until they take 16000 B or less. After this plan: 15000 B.',
    );
  });

  it('under the trigger, nothing goes and the plan says so', () => {
    const p = plan(
      inv,
      policyIntent({ name: 't', rules: { threshold: { measure: 'images-bytes', trigger: 25_000, target: 10_000 } } }),
    );
    expect(p.steps).toEqual([]);
    expect(p.threshold).toMatchObject({ over: false, measured: 20_000, after: 20_000 });
  });

  it('says when every image the rules allow is not enough', () => {
    const p = plan(
      inv,
      policyIntent({ name: 't', rules: { threshold: { measure: 'images-bytes', trigger: 15_000, target: 5000 } } }),
    );
    // The base is in use: at most the four apps go.
    expect(removed(p).sort()).toEqual(['app:1', 'app:2', 'app:3', 'app:4']);
    expect(p.threshold).toMatchObject({ after: 10_000, reachesTarget: false });
    const notes = policyNotes(p, { bytes: String, age: String, labels: String });
    expect(notes.map((n) => n.key)).toContain('policy.note.short');
  });

  it('free space: removes until the disk has the target free', () => {
    const threshold = { measure: 'disk-free' as const, trigger: 3000, target: 5000 };
    const p = plan(inv, policyIntent({ name: 't', rules: { threshold } }), { diskFree: 1000 });
    // 1,000 free + app2's 2,000 + app3's 3,000 = 6,000 ≥ 5,000.
    expect(removed(p)).toEqual(['app:2', 'app:3']);
    expect(p.threshold).toMatchObject({ measured: 1000, after: 6000, reachesTarget: true });
    const under = plan(inv, policyIntent({ name: 't', rules: { threshold } }), { diskFree: 4000 });
    expect(under.steps).toEqual([]);
  });

  it('two images on one base free it with the second', () => {
    const shared = withUses(
      inventory([
        { name: 'base', tags: [], layers: [['L-base', 10_000]] },
        { name: 'x', tags: ['x:1'], parent: 'base', layers: [['L-x', 100]] },
        { name: 'y', tags: ['y:1'], parent: 'base', layers: [['L-y', 100]] },
        { name: 'z', tags: ['z:1'], layers: [['L-z', 5000]] },
      ]),
      { x: 10, y: 9, z: 1 },
    );
    // 15,200 in all; target 5,300: x frees 100, y frees 100 + the base's 10,000.
    const p = plan(
      shared,
      policyIntent({ name: 't', rules: { threshold: { measure: 'images-bytes', trigger: 6000, target: 5300 } } }),
    );
    expect(removed(p)).toEqual(['x:1', 'y:1']);
  });
});
