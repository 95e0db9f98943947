import { describe, expect, it } from 'vitest';
import type { EngineInfo } from '../../src-shared/model';
import { buildImageSummaries } from '../../src-main/inventory/relations';
import { planCleanup, planDigest } from '../../src-main/planning/planner';
import {
  dockerClassic,
  dockerContainerd,
  imageId,
  inventory,
  planningInput,
  podman,
} from './support/inventory-builder';

// base:1 ← step1 ← step2 ← app:1, and app:2 on step1: the classic builder leaves
// one untagged image per Dockerfile step under what it builds.
const specs = [
  { name: 'base', tags: ['base:1'] },
  { name: 'step1', parent: 'base' },
  { name: 'step2', parent: 'step1' },
  { name: 'app1', tags: ['app:1'], parent: 'step2' },
  { name: 'app2', tags: ['app:2'], parent: 'step1' },
];

function planFor(engine: EngineInfo, refs: string[], extra: { step2Used?: boolean } = {}) {
  const inv = inventory(specs, extra.step2Used ? [{ name: 'c', image: 'step2', state: 'exited' }] : [], engine);
  const raw = specs.map((s) => ({
    Id: imageId(s.name),
    ParentId: s.parent ? imageId(s.parent) : '',
    RepoTags: s.tags ?? ['<none>:<none>'],
    RepoDigests: [],
    Created: 0,
    Size: 1000,
    Labels: {},
  }));
  const allImages = buildImageSummaries(raw, inv.containers, { includeIntermediate: true, engine });
  return planCleanup({ ...planningInput(inv, { type: 'remove-images', refs }, engine), allImages });
}

const parentsOf = (plan: ReturnType<typeof planFor>, target: string) =>
  plan.steps.find((s) => s.target === imageId(target))?.alsoRemoves?.map((p) => p.id) ?? [];

describe('untagged parents that go with an image', () => {
  it('classic store: a parent goes only while it has no other child', () => {
    const plan = planFor(dockerClassic, ['app:1']);
    // step2 has no other child; step1 still carries app:2.
    expect(parentsOf(plan, 'app1')).toEqual([imageId('step2')]);
  });

  it('containerd store: dangling parents go even when another image was built on them', () => {
    const plan = planFor(dockerContainerd, ['app:1']);
    expect(parentsOf(plan, 'app1')).toEqual([imageId('step2'), imageId('step1')]);
  });

  it('Podman: like the classic store, a parent with another child stays', () => {
    const plan = planFor(podman, ['app:1']);
    expect(parentsOf(plan, 'app1')).toEqual([imageId('step2')]);
  });

  it('both children: the walk takes the shared parent with the last one, and stops at a tag', () => {
    const plan = planFor(dockerClassic, ['app:1', 'app:2']);
    const all = plan.steps.flatMap((s) => s.alsoRemoves ?? []).map((p) => p.id);
    expect(all.sort()).toEqual([imageId('step1'), imageId('step2')].sort());
    expect(all).not.toContain(imageId('base'));
  });

  it('a parent a container uses stays, on every store', () => {
    for (const engine of [dockerClassic, dockerContainerd, podman]) {
      expect(parentsOf(planFor(engine, ['app:1'], { step2Used: true }), 'app1')).toEqual([]);
    }
  });

  it('the digest pins the parents, so a plan cannot drop or add one unseen', () => {
    const a = planFor(dockerClassic, ['app:1']);
    expect(planDigest(a)).toBe(a.digest);
    const b = structuredClone(a);
    b.steps.find((s) => s.target === imageId('app1'))!.alsoRemoves = [];
    expect(planDigest(b)).not.toBe(a.digest);
  });
});
