// The trash's part of a plan, on hand-built inventories: which images get a
// copy (the intent's choice, per-image switches, pull-back), one archive per set
// of images that share layers, copies first and one at a time with everything
// else waiting, the stopped containers kept with their image, the size cap and
// age limit as steps that run last, and emptying the trash.

import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Plan } from '../../src-shared/plan';
import { planCleanup, planDigest } from '../../src-main/planning/planner';
import { copyCommands } from '../../src-main/planning/commands';
import { DEFAULT_TRASH_SETTINGS, type TrashEntry, type TrashListing } from '../../src-shared/trash';
import { bareInput, containerId, imageId, inventory, NOW_MS, planningInput } from './support/inventory-builder';

const TRASH = '/data/barnacle/trash';
const base = { name: 'base', tags: ['base:1'], layers: [['L-base', 5000]] as [string, number][] };
// a and b share base's layer; lone shares nothing; pulled has a registry digest (it can be pulled back).
const inv = inventory(
  [
    base,
    { name: 'a', tags: ['a:1'], parent: 'base', layers: [['L-a', 100]] },
    { name: 'b', tags: ['b:1', 'b:2'], parent: 'base', layers: [['L-b', 200]] },
    { name: 'lone', tags: ['lone:1'], layers: [['L-lone', 300]] },
    { name: 'pulled', tags: ['pulled:1'], layers: [['L-pulled', 400]], digests: ['pulled@sha256:' + 'c'.repeat(64)] },
  ],
  [{ name: 'job', image: 'lone', state: 'exited', sizeRw: 10 }],
);

function expectTopological(p: Plan): void {
  const seen = new Set<string>();
  for (const step of p.steps) {
    for (const dep of step.after) expect(seen.has(dep), `${step.id} waits for ${dep}`).toBe(true);
    seen.add(step.id);
  }
  expect(p.steps.map((s) => s.id)).toEqual(p.steps.map((_, i) => `s${i + 1}`));
}

const entry = (id: string, savedAt: number, fileBytes: number, expired = false): TrashEntry => ({
  id,
  planId: id.split('/')[0]!,
  savedAt,
  fileBytes,
  engine: { host: 'h', kind: 'docker', version: '20.10', store: 'classic' },
  images: [{ id: imageId('old'), tags: ['old:1'], repoDigests: [], labels: {}, created: 0, size: 1 }],
  containers: [],
  expired,
});
const OLD = '11111111-1111-4111-8111-111111111111/s1';
const OLDER = '22222222-2222-4222-8222-222222222222/s1';

function planWith(intent: Parameters<typeof planningInput>[1], trash?: TrashListing): Plan {
  const p = planCleanup({ ...planningInput(inv, intent), trashDir: TRASH, ...(trash ? { trash } : {}) });
  expectTopological(p);
  return p;
}

describe('copies in a plan', () => {
  const refs = ['a:1', 'b:1', 'b:2', 'lone:1', 'pulled:1', imageId('base')];
  const choices = { stoppedContainer: 'remove-containers' as const };

  it('one archive per set of images that share layers, first, one after another; everything else waits', () => {
    const p = planWith({ type: 'remove-images', refs, choices, trash: true });
    const copies = p.steps.filter((s) => s.action === 'keep-copy');
    expect(copies.map((c) => c.copy!.images.map((i) => i.id).sort())).toEqual([
      [imageId('a'), imageId('b'), imageId('base')].sort(),
      [imageId('lone')],
      [imageId('pulled')],
    ]);
    expect(copies.map((c) => c.id)).toEqual(['s1', 's2', 's3']);
    expect(copies.map((c) => c.after)).toEqual([[], ['s1'], ['s2']]);
    for (const c of copies) expect(c.copy!.file).toBe(join(TRASH, p.id, `${c.id}.tar.gz`));
    // Every step without another to wait for waits for the last copy.
    for (const s of p.steps.slice(3)) expect(s.after.length).toBeGreaterThan(0);
    const roots = p.steps.slice(3).filter((s) => s.after.includes('s3'));
    expect(roots.length).toBeGreaterThan(0);
    // The shared base layer counts once in the estimate.
    expect(copies[0]!.copy!.estimateBytes).toBe(5000 + 100 + 200);
    // b's every tag is kept for restoring, though the plan untags one first.
    expect(copies[0]!.copy!.images.find((i) => i.id === imageId('b'))!.tags).toEqual(['b:1', 'b:2']);
  });

  it('keeps the stopped container removed with its image, committed under a name of the plan', () => {
    const p = planWith({ type: 'remove-images', refs: ['lone:1'], choices, trash: true });
    const copy = p.steps.find((s) => s.action === 'keep-copy')!.copy!;
    expect(copy.containers).toEqual([
      { id: containerId('job'), name: 'job', commitAs: `barnacle-trash/${p.id.slice(0, 8)}:s1-1` },
    ]);
    expect(copyCommands(p.steps[0]!)).toEqual([
      `docker commit --pause=false ${containerId('job')} barnacle-trash/${p.id.slice(0, 8)}:s1-1`,
      `docker save ${imageId('lone')} barnacle-trash/${p.id.slice(0, 8)}:s1-1 | gzip > ${copy.file}`,
      `docker rmi barnacle-trash/${p.id.slice(0, 8)}:s1-1`,
    ]);
    expect(p.commands.slice(0, 3)).toEqual(copyCommands(p.steps[0]!));
  });

  it('by default ("not-pullable") only images no registry has; a per-image switch overrides either way', () => {
    const p = planWith({ type: 'remove-images', refs: ['lone:1', 'pulled:1'], choices, trash: 'not-pullable' });
    expect(p.steps.filter((s) => s.action === 'keep-copy').flatMap((s) => s.copy!.images.map((i) => i.id))).toEqual([
      imageId('lone'),
    ]);
    const switched = planWith({
      type: 'remove-images',
      refs: ['lone:1', 'pulled:1'],
      choices,
      trash: 'not-pullable',
      trashPerImage: { [imageId('lone')]: false, [imageId('pulled')]: true },
    });
    expect(
      switched.steps.filter((s) => s.action === 'keep-copy').flatMap((s) => s.copy!.images.map((i) => i.id)),
    ).toEqual([imageId('pulled')]);
    const none = planWith({ type: 'remove-images', refs: ['lone:1'], choices, trash: false });
    expect(none.steps.some((s) => s.action === 'keep-copy')).toBe(false);
  });

  it('the digest covers where a copy goes and what it holds', () => {
    const p = planWith({ type: 'remove-images', refs: ['a:1'], trash: true });
    expect(p.steps[0]!.action).toBe('keep-copy');
    const { digest, ...rest } = p;
    expect(planDigest(rest)).toBe(digest);
    const elsewhere = {
      ...rest,
      steps: rest.steps.map((s) => (s.copy ? { ...s, copy: { ...s.copy, file: '/tmp/elsewhere.tar.gz' } } : s)),
    };
    expect(planDigest(elsewhere)).not.toBe(digest);
  });

  it('a plan asking for copies without a trash folder is refused', () => {
    expect(() => planCleanup(planningInput(inv, { type: 'remove-images', refs: ['a:1'], trash: true }))).toThrow(
      /trash/,
    );
  });
});

describe('the trash keeps to its limits', () => {
  const listing = (entries: TrashEntry[], maxBytes: number): TrashListing => ({
    entries,
    damaged: [],
    totalBytes: entries.reduce((s, e) => s + e.fileBytes, 0),
    settings: { ...DEFAULT_TRASH_SETTINGS, maxBytes },
  });

  it('the expired go, then the oldest until the estimate fits the cap; last, after everything else', () => {
    const trash = listing([entry(OLD, NOW_MS - 1000, 4000), entry(OLDER, NOW_MS - 2000, 4000)], 9500);
    const p = planWith({ type: 'remove-images', refs: ['a:1'], trash: true }, trash);
    // The copy estimate (5100: a's layer and base's) plus 8000 passes 9500: the older entry goes, the other stays.
    const drops = p.steps.filter((s) => s.action === 'remove-trash-entry');
    expect(drops.map((d) => [d.target, d.reason, d.bytes])).toEqual([
      [join(TRASH, `${OLDER}.tar.gz`), 'trash-over-cap', 4000],
    ]);
    expect(p.steps.at(-1)!.action).toBe('remove-trash-entry');
    expect(drops[0]!.after).toEqual(expect.arrayContaining(p.steps.slice(0, -1).map((s) => s.id)));
    expect(drops[0]!.expect).toEqual({ createdAt: String(NOW_MS - 2000) });
    const expired = planWith(
      { type: 'remove-images', refs: ['a:1'], trash: true },
      listing([entry(OLD, NOW_MS, 10, true)], 0),
    );
    expect(expired.steps.filter((s) => s.action === 'remove-trash-entry').map((s) => s.reason)).toEqual([
      'trash-expired',
    ]);
  });

  it('a plan that keeps no copy leaves the trash alone', () => {
    const trash = listing([entry(OLD, NOW_MS - 1000, 4000, true)], 1);
    const p = planWith({ type: 'remove-images', refs: ['a:1'], trash: false }, trash);
    expect(p.steps.some((s) => s.action === 'remove-trash-entry')).toBe(false);
  });

  it('emptying: named entries (an unknown one is listed as not found), the expired, or all', () => {
    const trash = listing([entry(OLD, NOW_MS - 1000, 4000, true), entry(OLDER, NOW_MS - 2000, 3000)], 0);
    const empty = (intent: Extract<Parameters<typeof bareInput>[0], { type: 'empty-trash' }>) =>
      planCleanup(bareInput(intent, { trashDir: TRASH, trash }));
    const named = empty({ type: 'empty-trash', entries: [OLDER, '33333333-3333-4333-8333-333333333333/s9'] });
    expect(named.steps.map((s) => [s.target, s.reason])).toEqual([[join(TRASH, `${OLDER}.tar.gz`), 'trash-emptied']]);
    expect(named.skipped).toMatchObject([{ conflict: 'not-found' }]);
    expect(named.bytesFreed).toBe(3000);
    expect(named.commands).toEqual([`rm -f ${join(TRASH, `${OLDER}.tar.gz`)} ${join(TRASH, `${OLDER}.tar.gz.json`)}`]);
    expect(empty({ type: 'empty-trash', expiredOnly: true }).steps.map((s) => s.reason)).toEqual(['trash-expired']);
    expect(empty({ type: 'empty-trash' }).steps).toHaveLength(2);
  });

  it('a record that cannot be read goes when the trash is emptied or it is named, pinned as unreadable', () => {
    const DAMAGED = '44444444-4444-4444-8444-444444444444/s2';
    const trash: TrashListing = { ...listing([entry(OLD, NOW_MS, 10)], 0), damaged: [{ id: DAMAGED, reason: 'x' }] };
    const empty = (intent: Extract<Parameters<typeof bareInput>[0], { type: 'empty-trash' }>) =>
      planCleanup(bareInput(intent, { trashDir: TRASH, trash }));
    const all = empty({ type: 'empty-trash' });
    expect(all.steps.map((s) => [s.target, s.expect])).toEqual([
      [join(TRASH, `${OLD}.tar.gz`), { createdAt: String(NOW_MS) }],
      [join(TRASH, `${DAMAGED}.tar.gz`), { createdAt: '-1' }],
    ]);
    expect(empty({ type: 'empty-trash', entries: [DAMAGED] }).steps.map((s) => s.target)).toEqual([
      join(TRASH, `${DAMAGED}.tar.gz`),
    ]);
    expect(empty({ type: 'empty-trash', expiredOnly: true }).steps).toEqual([]);
  });
});
