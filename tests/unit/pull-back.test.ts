// Whether a removed image could be pulled back: decided from what each store
// records about where an image came from, never from the mere presence of a repo
// digest. The raw answers below are what the five engines of the test matrix
// listed for a loaded and a built image (tests/integration/pull-back.test.ts
// checks the same live); 'registry' needs a pull, and no registry is reachable
// from the test engines, so it is covered here only.

import { describe, expect, it } from 'vitest';
import type { PullBack, PullBackEvidence } from '../../src-shared/model';
import type { Plan, RiskFlag } from '../../src-shared/plan';
import { pullBackOf, type PullBackEngine } from '../../src-main/inventory/pull-back';
import { buildImageSummaries } from '../../src-main/inventory/relations';
import { renderPlan } from '../../src-main/cli/format/plan-text';
import { planCleanup } from '../../src-main/planning/planner';
import { messages } from '../../src-shared/messages';
import {
  dockerClassic,
  dockerContainerd,
  imageId,
  inventory,
  planningInput,
  podman,
  type ImageSpec,
} from './support/inventory-builder';

const classic: PullBackEngine = { kind: 'docker', imageStore: 'classic' };
const containerd: PullBackEngine = { kind: 'docker', imageStore: 'containerd' };
// Podman's /info looks like a classic store to imageStoreOf: the kind decides first.
const podmanEngine: PullBackEngine = { kind: 'podman', imageStore: 'classic' };
const hex = (c: string) => `sha256:${c.repeat(64)}`;

describe('pullBackOf', () => {
  it("Docker's classic store: a repo digest (only a pull or a push writes one) is evidence of a registry", () => {
    expect(pullBackOf({ tags: ['nginx:1.25'], digests: [`nginx@${hex('a')}`] }, classic)).toEqual({
      state: 'registry',
      evidence: 'repo-digest',
    });
    // A pulled image whose tag moved on keeps its digest: still pullable by it.
    expect(pullBackOf({ tags: [], digests: [`nginx@${hex('a')}`] }, classic).state).toBe('registry');
  });

  it("Docker's classic store: no repo digest means built, loaded or committed here", () => {
    const local: PullBack = { state: 'local', evidence: 'no-repo-digest' };
    expect(pullBackOf({ tags: ['local/x:1'], digests: [] }, classic)).toEqual(local);
    expect(pullBackOf({ tags: [], digests: [] }, classic)).toEqual(local);
  });

  it("Docker's containerd store: a digest for every tagged image, no source shown, so never known", () => {
    const unknown: PullBack = { state: 'unknown', evidence: 'containerd-store-no-source' };
    // Loaded, built and pulled images alike list name@<image id>.
    expect(pullBackOf({ tags: ['local/x:1'], digests: [`local/x@${hex('b')}`] }, containerd)).toEqual(unknown);
    expect(pullBackOf({ tags: ['nginx:1.25'], digests: [`nginx@${hex('c')}`] }, containerd)).toEqual(unknown);
    // No digest (an untagged image) is no evidence of being local there either.
    expect(pullBackOf({ tags: [], digests: [] }, containerd)).toEqual(unknown);
  });

  it('Podman: names only under localhost/ are certainly local', () => {
    const local: PullBack = { state: 'local', evidence: 'localhost-name' };
    // A loaded `local/x:1` shows as localhost/local/x:1, with a digest like any other.
    expect(
      pullBackOf({ tags: ['localhost/local/x:1'], digests: [`localhost/local/x@${hex('d')}`] }, podmanEngine),
    ).toEqual(local);
    expect(pullBackOf({ tags: [], digests: [`localhost/made@${hex('d')}`] }, podmanEngine)).toEqual(local);
  });

  it('Podman: any other name, or none, is unknown (no field records the source)', () => {
    const unknown: PullBack = { state: 'unknown', evidence: 'podman-no-source' };
    // Built through the compat API with a short name: qualified docker.io/…, like a pull.
    expect(
      pullBackOf({ tags: ['docker.io/pb/built:1'], digests: [`docker.io/pb/built@${hex('e')}`] }, podmanEngine),
    ).toEqual(unknown);
    // A registry that runs on localhost is a registry.
    expect(pullBackOf({ tags: ['localhost:5000/team/app:2'], digests: [] }, podmanEngine)).toEqual(unknown);
    // One name somewhere else is enough for doubt.
    expect(pullBackOf({ tags: ['localhost/app:1', 'quay.io/team/app:1'], digests: [] }, podmanEngine)).toEqual(unknown);
    expect(pullBackOf({ tags: [], digests: [] }, podmanEngine)).toEqual(unknown);
  });

  it('without the engine: unknown, never assumed', () => {
    expect(pullBackOf({ tags: ['nginx:1.25'], digests: [`nginx@${hex('a')}`] }, null)).toEqual({
      state: 'unknown',
      evidence: 'engine-unknown',
    });
  });
});

describe('image summaries from what each engine listed for a loaded and a built image', () => {
  const raw = (id: string, tags: string[], digests: string[] | null) => ({
    Id: id,
    ParentId: '',
    RepoTags: tags,
    RepoDigests: digests,
    Created: 1_700_000_000,
    Size: 1000,
  });
  const cases: { engine: string; on: PullBackEngine; loaded: ReturnType<typeof raw>; built: ReturnType<typeof raw> }[] =
    [
      {
        engine: 'Docker 20.10 (classic store; RepoDigests null)',
        on: classic,
        loaded: raw(hex('1'), ['local/x:1'], null),
        built: raw(hex('2'), ['pb/built:1'], null),
      },
      {
        engine: 'Docker 26 classic store (RepoDigests [])',
        on: classic,
        loaded: raw(hex('1'), ['local/x:1'], []),
        built: raw(hex('2'), ['pb/built:1'], []),
      },
      {
        engine: 'Docker 26 containerd store',
        on: containerd,
        loaded: raw(hex('1'), ['local/x:1'], [`local/x@${hex('1')}`]),
        built: raw(hex('2'), ['pb/built:1'], [`pb/built@${hex('2')}`]),
      },
      {
        engine: 'Podman 4.3 / 5.4',
        on: podmanEngine,
        loaded: raw(hex('1'), ['localhost/local/x:1'], [`localhost/local/x@${hex('7')}`]),
        built: raw(hex('2'), ['docker.io/pb/built:1'], [`docker.io/pb/built@${hex('8')}`]),
      },
    ];
  const expected: Record<string, [PullBack, PullBack]> = {
    'Docker 20.10 (classic store; RepoDigests null)': [
      { state: 'local', evidence: 'no-repo-digest' },
      { state: 'local', evidence: 'no-repo-digest' },
    ],
    'Docker 26 classic store (RepoDigests [])': [
      { state: 'local', evidence: 'no-repo-digest' },
      { state: 'local', evidence: 'no-repo-digest' },
    ],
    'Docker 26 containerd store': [
      { state: 'unknown', evidence: 'containerd-store-no-source' },
      { state: 'unknown', evidence: 'containerd-store-no-source' },
    ],
    'Podman 4.3 / 5.4': [
      { state: 'local', evidence: 'localhost-name' },
      { state: 'unknown', evidence: 'podman-no-source' },
    ],
  };
  for (const c of cases) {
    it(c.engine, () => {
      const images = buildImageSummaries([c.loaded, c.built], [], { includeIntermediate: false, engine: c.on });
      const of = (id: string) => images.find((i) => i.id === id)!.pullBack;
      expect([of(c.loaded.Id), of(c.built.Id)]).toEqual(expected[c.engine]);
    });
  }

  it('keeps the digests themselves for display', () => {
    const [image] = buildImageSummaries([raw(hex('3'), ['a:1'], [`a@${hex('3')}`, '<none>@<none>'])], [], {
      includeIntermediate: false,
      engine: containerd,
    });
    expect(image!.digests).toEqual([`a@${hex('3')}`]);
  });
});

describe('the plan warns for every image not known to come from a registry', () => {
  const specs: ImageSpec[] = [
    { name: 'pulled', tags: ['nginx:1.25'], digests: [`nginx@${hex('a')}`] },
    { name: 'made', tags: ['local/x:1'] },
    { name: 'podman-made', tags: ['localhost/local/x:1'], digests: [`localhost/local/x@${hex('d')}`] },
  ];
  const removeAll = { type: 'remove-images' as const, refs: specs.map((s) => imageId(s.name)) };
  const risksOf = (plan: Plan, name: string) =>
    plan.steps.find((s) => s.action === 'remove-image' && s.target === imageId(name))!.risks;
  const notPullable = (risks: RiskFlag[]) => risks.filter((r) => r.kind === 'not-pullable');

  it("Docker's classic store: the pulled image carries no warning, the one made here cannot be pulled back", () => {
    const plan = planCleanup(planningInput(inventory(specs, [], dockerClassic), removeAll, dockerClassic));
    expect(notPullable(risksOf(plan, 'pulled'))).toEqual([]);
    expect(notPullable(risksOf(plan, 'made'))).toEqual([
      { kind: 'not-pullable', state: 'local', evidence: 'no-repo-digest' },
    ]);
    const text = renderPlan(plan, 'en');
    expect(text).toContain('cannot be pulled back (no registry digest: built or loaded here)');
    expect(text).not.toContain('may not be pullable');
  });

  it("Docker's containerd store: every image may not be pullable, digest or not", () => {
    const plan = planCleanup(planningInput(inventory(specs, [], dockerContainerd), removeAll, dockerContainerd));
    for (const name of ['pulled', 'made', 'podman-made']) {
      expect(notPullable(risksOf(plan, name))).toEqual([
        { kind: 'not-pullable', state: 'unknown', evidence: 'containerd-store-no-source' },
      ]);
    }
    expect(renderPlan(plan, 'en')).toContain("may not be pullable: Docker's containerd image store records no source");
    // The JSON the CLI prints carries the same evidence.
    expect(JSON.parse(JSON.stringify(plan)).steps[0].risks).toContainEqual({
      kind: 'not-pullable',
      state: 'unknown',
      evidence: 'containerd-store-no-source',
    });
  });

  it('Podman: localhost/ names cannot be pulled back, others may not be pullable', () => {
    const plan = planCleanup(planningInput(inventory(specs, [], podman), removeAll, podman));
    expect(notPullable(risksOf(plan, 'podman-made'))).toEqual([
      { kind: 'not-pullable', state: 'local', evidence: 'localhost-name' },
    ]);
    expect(notPullable(risksOf(plan, 'pulled'))).toEqual([
      { kind: 'not-pullable', state: 'unknown', evidence: 'podman-no-source' },
    ]);
    const text = renderPlan(plan, 'en');
    expect(text).toContain('cannot be pulled back (named localhost/: built or loaded here)');
    expect(text).toContain('may not be pullable: Podman records no source');
  });

  it('reads a plan saved before the evidence was recorded with the old meaning', () => {
    const plan = planCleanup(planningInput(inventory(specs, [], dockerClassic), removeAll, dockerClassic));
    const old = structuredClone(plan);
    for (const step of old.steps)
      step.risks = step.risks.map((r) => (r.kind === 'not-pullable' ? ({ kind: r.kind } as RiskFlag) : r));
    expect(renderPlan(old, 'en')).toContain('cannot be pulled back');
  });
});

describe("the renderer's words", () => {
  // Typed as a record so a new evidence code without words fails to compile here.
  const evidence: Record<PullBackEvidence, PullBack['state']> = {
    'repo-digest': 'registry',
    'no-repo-digest': 'local',
    'localhost-name': 'local',
    'containerd-store-no-source': 'unknown',
    'podman-no-source': 'unknown',
    'engine-unknown': 'unknown',
  };

  it('explain every evidence code in the image detail, and every warning in the plan, in both languages', () => {
    for (const table of [messages.en, messages.zh]) {
      for (const [code, state] of Object.entries(evidence)) {
        expect(table[`images.pullBack.${code}`], code).toBeDefined();
        if (state !== 'registry') expect(table[`plan.riskTip.not-pullable.${code}`], code).toBeDefined();
      }
      expect(table['plan.risk.not-pullable']).toBeDefined();
      expect(table['plan.risk.not-pullable.unknown']).toBeDefined();
    }
  });
});
