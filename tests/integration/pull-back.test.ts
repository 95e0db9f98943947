// Whether a removed image could be pulled back, on each real engine: a loaded
// image no registry has and an image built here must never pass for pullable,
// whatever repo digests the store lists for them. Checked in the inventory (the
// app's InventoryStore and `barnacle ls --json`) and in the plan (buildPlan, and
// `barnacle plan rmi` as a table and as JSON).
//
// What each store allows us to know, written out per engine below:
// - Docker's classic store (docker20, docker26-classic): no repo digest for built
//   or loaded images, and only a pull or push writes one: both 'local'.
// - Docker 26's containerd store: a repo digest `name@<image id>` for every
//   tagged image, and no source through the API: both 'unknown'.
// - Podman 4.3 / 5.4: a digest for every named image; the loaded `local/x:1` is
//   named localhost/local/x:1 ('local'), the build through the compat API is
//   docker.io/pb/built:1, like a pull ('unknown').
// 'registry' needs a pull from a registry, and none is reachable from these
// engines: tests/unit/pull-back.test.ts covers it.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImageStore, PullBack } from '../../src-shared/model';
import type { Plan, RiskFlag } from '../../src-shared/plan';
import { BarnacleCore } from '../../src-main/core/barnacle-core';
import { renderPlan } from '../../src-main/cli/format/plan-text';
import { buildPlan } from '../../src-main/planning/plan-service';
import { assertHarnessHost, BASE_TAG, buildImage, loadImage, resetEngine } from '../engines/harness';
import type { EngineName } from '../engines/matrix';
import { describeEachEngine } from '../engines/use-engines';
import { barnacle, barnacleJson, cliShell, type CliShell } from '../fixtures/barnacle-cli';

interface Expectation {
  /** What connect() reports as the image store. */
  imageStore: ImageStore;
  /** Whether the engine lists repo digests for the loaded and the built image. */
  listsDigests: boolean;
  loaded: PullBack;
  built: PullBack;
  /** The CLI table's words for each. */
  loadedWords: string;
  builtWords: string;
}

const CLASSIC_LOCAL: PullBack = { state: 'local', evidence: 'no-repo-digest' };
const CLASSIC_WORDS = 'cannot be pulled back (no registry digest: built or loaded here)';
const CONTAINERD_UNKNOWN: PullBack = { state: 'unknown', evidence: 'containerd-store-no-source' };
const CONTAINERD_WORDS = "may not be pullable: Docker's containerd image store records no source";
const PODMAN_LOCAL: PullBack = { state: 'local', evidence: 'localhost-name' };
const PODMAN_LOCAL_WORDS = 'cannot be pulled back (named localhost/: built or loaded here)';
const PODMAN_UNKNOWN: PullBack = { state: 'unknown', evidence: 'podman-no-source' };
const PODMAN_UNKNOWN_WORDS = 'may not be pullable: Podman records no source';

const expectations: Record<EngineName, Expectation> = {
  docker20: {
    imageStore: 'classic',
    listsDigests: false,
    loaded: CLASSIC_LOCAL,
    built: CLASSIC_LOCAL,
    loadedWords: CLASSIC_WORDS,
    builtWords: CLASSIC_WORDS,
  },
  'docker26-classic': {
    imageStore: 'classic',
    listsDigests: false,
    loaded: CLASSIC_LOCAL,
    built: CLASSIC_LOCAL,
    loadedWords: CLASSIC_WORDS,
    builtWords: CLASSIC_WORDS,
  },
  'docker26-containerd': {
    imageStore: 'containerd',
    listsDigests: true,
    loaded: CONTAINERD_UNKNOWN,
    built: CONTAINERD_UNKNOWN,
    loadedWords: CONTAINERD_WORDS,
    builtWords: CONTAINERD_WORDS,
  },
  // Podman's /info has no containerd snapshotter, so connect() calls its store classic: the kind decides.
  podman43: {
    imageStore: 'classic',
    listsDigests: true,
    loaded: PODMAN_LOCAL,
    built: PODMAN_UNKNOWN,
    loadedWords: PODMAN_LOCAL_WORDS,
    builtWords: PODMAN_UNKNOWN_WORDS,
  },
  podman54: {
    imageStore: 'classic',
    listsDigests: true,
    loaded: PODMAN_LOCAL,
    built: PODMAN_UNKNOWN,
    loadedWords: PODMAN_LOCAL_WORDS,
    builtWords: PODMAN_UNKNOWN_WORDS,
  },
};

const riskOf = (pullBack: PullBack): RiskFlag => {
  if (pullBack.state === 'registry') throw new Error('no engine here can show a pulled image');
  return { kind: 'not-pullable', ...pullBack };
};

const pullBackRisks = (plan: Plan, imageId: string): RiskFlag[] => {
  const step = plan.steps.find((s) => s.action === 'remove-image' && s.target === imageId);
  if (!step) throw new Error(`no remove-image step for ${imageId}: ${JSON.stringify(plan.steps)}`);
  return step.risks.filter((r) => r.kind === 'not-pullable');
};

describeEachEngine('recoverability of a loaded and a built image', (engine) => {
  const { docker } = engine;
  const expected = expectations[engine.name];
  let core: BarnacleCore;
  let shell: CliShell;
  const ids = { loaded: '', built: '' };

  beforeAll(async () => {
    assertHarnessHost(engine.host);
    await resetEngine(docker);
    ids.loaded = await loadImage(docker, {
      tags: ['local/x:1'],
      created: new Date('2024-03-01T00:00:00Z'),
      files: { '/made-here.txt': 'loaded, never pushed' },
    });
    ids.built = await buildImage(docker, { tag: 'pb/built:1', files: { '/built.txt': 'built here' } });
    core = new BarnacleCore({ host: engine.host, label: engine.kind, source: 'env-docker-host' }, { live: false });
    expect((await core.start()).state).toBe('connected');
    shell = cliShell(engine.host);
  });
  afterAll(() => {
    core?.close();
    shell?.remove();
  });

  it('lists repo digests for made-here images exactly where the facts say', async () => {
    const connection = core.session.current()!;
    expect(connection.engine.kind).toBe(engine.kind);
    expect(connection.engine.imageStore).toBe(expected.imageStore);
    const raw = await docker.listImages();
    for (const id of [ids.loaded, ids.built]) {
      const digests = raw.find((i) => i.Id === id)?.RepoDigests ?? [];
      expect(digests.length > 0, `${id} lists repo digests`).toBe(expected.listsDigests);
    }
  });

  it('the inventory flags both images as the store allows', async () => {
    const snapshot = await core.inventory.refresh();
    const of = (id: string) => snapshot.images.find((i) => i.id === id)?.pullBack;
    expect(of(ids.loaded)).toEqual(expected.loaded);
    expect(of(ids.built)).toEqual(expected.built);
    // The harness's base, built here too, passes for pullable nowhere either.
    const baseId = (await docker.getImage(BASE_TAG).inspect()).Id;
    expect(of(baseId)?.state).not.toBe('registry');

    const listed = await barnacleJson<{ id: string; pullBack: PullBack }[]>(['ls'], shell.env);
    expect(listed.find((i) => i.id === ids.loaded)?.pullBack).toEqual(expected.loaded);
    expect(listed.find((i) => i.id === ids.built)?.pullBack).toEqual(expected.built);
  });

  it('the plan warns on removing either, with the evidence', async () => {
    const plan = await buildPlan(core.session.current()!, { type: 'remove-images', refs: [ids.loaded, ids.built] });
    expect(pullBackRisks(plan, ids.loaded)).toEqual([riskOf(expected.loaded)]);
    expect(pullBackRisks(plan, ids.built)).toEqual([riskOf(expected.built)]);
    const text = renderPlan(plan, 'en');
    expect(text).toContain(expected.loadedWords);
    expect(text).toContain(expected.builtWords);
  });

  it('barnacle plan rmi says the same in its table and its JSON', async () => {
    const table = await barnacle(['plan', 'rmi', ids.loaded, ids.built], shell.env);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain(expected.loadedWords);
    expect(table.stdout).toContain(expected.builtWords);

    const json = await barnacleJson<Plan>(['plan', 'rmi', ids.loaded, ids.built], shell.env);
    expect(pullBackRisks(json, ids.loaded)).toEqual([riskOf(expected.loaded)]);
    expect(pullBackRisks(json, ids.built)).toEqual([riskOf(expected.built)]);
  });
});
