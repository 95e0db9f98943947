// Every conflict produced for real on each engine of the matrix (Docker 20.10.24,
// Docker 26.1.5 with the containerd image store and with the classic store,
// Podman 4.3.1, Podman 5.4.2), then classified the way the app does it: the
// failure read off the dockerode error, containers named through the live
// container list. Each engine's own answer is written out below; all of it was
// seen live (2026-12-01). BARNACLE_PRINT_ENGINE_MESSAGES=1 prints every refusal.
//
// What the engines answered:
// - Podman never says whether the container using an image runs: one 409 for both,
//   so the classifier asks the container list (running → running-container).
// - Podman answers removing a running or paused container with 500, not 409.
// - Podman has no "last tag in use" conflict of its own: removing the last tag by
//   name gives the same 409 "image is in use" as removing by ID.
// - Docker's classic store quotes the tag, `unable to remove repository reference
//   "x:1" (must force)`; the containerd store says `unable to delete x:1 (must be
//   forced)`. Both name the container and the image by short ID.
// - Conflict order, image with two tags and a stopped container, removed by ID:
//   classic store "referenced in multiple repositories", containerd store "used by
//   stopped container", Podman "more than one tag". A running container comes
//   first on every Docker; Podman still answers "more than one tag".
// - "Dependent child images" exists on the classic store only. The containerd store
//   deletes a parent by ID (Untagged + Deleted), Podman untags it and drops its
//   record; the child stays on both.
// - Docker 25+ names the container it will not remove (`cannot remove container
//   "/name": container is running: …`); Docker 20.10 prints its full ID.
// - Force on an image a running container uses: every Docker refuses by ID and, by
//   its last tag, only untags it (the image stays, dangling, still used). Podman
//   4.3 and 5.4 both stop and remove the container, then delete the image (no 409
//   "container state improper" on 5.4.2, whatever newer source says).
// - Force on the last tag of an image only stopped containers use: the classic store
//   deletes the image, the containerd store only untags it, Podman removes the
//   containers and the image.
// - Racing removals of one container: Docker 409 "removal of container <what we
//   passed> is already in progress" (once, on a busy machine, a late racer got 404);
//   Podman 4.3 404 "container <id> does not exist in database: no such container";
//   Podman 5.4 lets every racer succeed.
// - Racing removals of one image by ID: Docker 20.10 500 / Docker 26 classic 404
//   "unrecognized image ID sha256:…"; containerd store 404 `image "docker.io/x:1": not
//   found`; both Docker 26 stores also 404 "No such image: sha256:…". Podman mostly lets every racer
//   succeed; a loser gets 404 "failed to find image …: image not known", or a 500
//   "… invalid repository name (<id>), cannot specify 64-byte hexadecimal strings".
// - An image ID that names no image: Docker 404 "No such image: sha256:<id>"; Podman
//   404 "failed to find image sha256:<id>: … image not known", but for the bare 64-hex
//   ID a 500 refusing it as a repository name.
// - Podman has no prune lock: overlapping prunes all succeed. Docker answers the
//   losers 409 "a prune operation is already running".
// - Stopping a stopped container, starting a running one: 304 with an empty body
//   everywhere; dockerode throws.
// - API version: Docker 400 "client version X is too new/old"; Podman accepts any.
// - A reference no engine can parse: Docker 400 "invalid reference format: …", Podman
//   500 "normalizing image: …": no conflict Barnacle has a kind for.

import Dockerode from 'dockerode';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BarnacleError } from '../../src-shared/errors';
import {
  classifyFailure,
  isAlreadyInRequestedState,
  resolverFromContainers,
  type ContainerResolver,
  type FailedOperation,
} from '../../src-main/conflicts/classify';
import { readEngineFailure, type EngineFailure } from '../../src-main/engine/engine-error';
import { readLists } from '../../src-main/inventory/read-lists';
import { assertHarnessHost, buildImage, resetEngine, runContainer, tagImage } from '../engines/harness';
import { describeEachEngine, type LiveEngine } from '../engines/use-engines';

const hexOf = (id: string): string => id.replace(/^sha256:/, '');
const short = (id: string): string => hexOf(id).slice(0, 12);
const PRINT = process.env.BARNACLE_PRINT_ENGINE_MESSAGES === '1';

/** The resolver the app would hold: built from the container list read before the operation. */
async function liveResolver(docker: Dockerode): Promise<ContainerResolver> {
  return resolverFromContainers((await readLists(docker)).containers);
}

type Removed = { Untagged?: string; Deleted?: string }[];

describeEachEngine('conflicts, produced and classified', (engine: LiveEngine) => {
  const { docker, kind, store, name } = engine;
  const classic = store === 'classic';
  const containerd = store === 'containerd';
  const podman = kind === 'podman';
  const qualified = (ref: string): string => (podman ? `docker.io/${ref}` : ref);

  /** The failure as the app reads it; printed with BARNACLE_PRINT_ENGINE_MESSAGES=1 to copy into the unit table. */
  function read(err: unknown): EngineFailure {
    const failure = readEngineFailure(err);
    if (PRINT) {
      const test = expect.getState().currentTestName ?? '';
      process.stderr.write(`[${name}] ${test}\n    ${failure.statusCode ?? failure.code} ${failure.message}\n`);
    }
    return failure;
  }

  async function failureOf(call: () => Promise<unknown>): Promise<EngineFailure> {
    try {
      await call();
    } catch (err) {
      return read(err);
    }
    throw new Error('the engine accepted what should have been refused');
  }

  async function refused(
    operation: FailedOperation,
    target: string,
    call: () => Promise<unknown>,
  ): Promise<{ error: BarnacleError; failure: EngineFailure }> {
    const resolve = await liveResolver(docker);
    const failure = await failureOf(call);
    return { error: classifyFailure(failure, { operation, target, engine: kind, resolve }), failure };
  }

  async function imageExists(ref: string): Promise<boolean> {
    try {
      await docker.getImage(ref).inspect();
      return true;
    } catch (err) {
      if (readEngineFailure(err).statusCode === 404) return false;
      throw err;
    }
  }

  async function containerIds(): Promise<string[]> {
    return (await readLists(docker)).containers.map((c) => c.id);
  }

  beforeAll(async () => {
    await resetEngine(docker);
  });

  it('image used by a running container, removed by ID', async () => {
    const id = await buildImage(docker, { tag: 'conf/running:1', labels: { case: 'running' } });
    const ctr = await runContainer(docker, 'conf/running:1', { name: 'conf-running', running: true });

    const { error } = await refused('remove-image', id, () => docker.getImage(id).remove());

    expect(error.kind).toBe('running-container');
    expect(error.statusCode).toBe(409);
    expect(error.containers).toEqual([{ id: ctr, name: 'conf-running', state: 'running' }]);
    if (podman) {
      expect(error.engineMessage).toBe(
        `image ${id} is in use: image used by ${ctr}: image is in use by a container: consider listing external containers and force-removing image`,
      );
      expect(error.image).toBe(id);
    } else {
      // The same words on Docker 20.10 and on both stores of Docker 26.
      expect(error.engineMessage).toBe(
        `conflict: unable to delete ${short(id)} (cannot be forced) - image is being used by running container ${short(ctr)}`,
      );
      expect(error.image).toBe(short(id));
    }
    expect(error.message).toContain('"conf-running"');
    expect(await imageExists(id)).toBe(true);
  });

  it('image used by a stopped container, removed by ID', async () => {
    const id = await buildImage(docker, { tag: 'conf/stopped:1', labels: { case: 'stopped' } });
    const ctr = await runContainer(docker, 'conf/stopped:1', { name: 'conf-stopped', running: false });

    const { error } = await refused('remove-image', id, () => docker.getImage(id).remove());

    expect(error.kind).toBe('stopped-container');
    expect(error.statusCode).toBe(409);
    expect(error.containers).toEqual([{ id: ctr, name: 'conf-stopped', state: 'exited' }]);
    expect(error.engineMessage).toBe(
      podman
        ? `image ${id} is in use: image used by ${ctr}: image is in use by a container: consider listing external containers and force-removing image`
        : `conflict: unable to delete ${short(id)} (must be forced) - image is being used by stopped container ${short(ctr)}`,
    );
    expect(error.message).toContain('"conf-stopped"');
  });

  it('image with several tags, removed by ID', async () => {
    const id = await buildImage(docker, { tag: 'conf/multi:1', labels: { case: 'multi' } });
    await tagImage(docker, id, 'conf/multi', '2');

    const { error } = await refused('remove-image', id, () => docker.getImage(id).remove());

    expect(error.kind).toBe('multiple-references');
    expect(error.containers).toBeUndefined();
    if (podman) {
      expect(error.statusCode).toBe(500);
      // The tags come in no fixed order (Podman 5.4 listed ":2" first).
      expect(error.engineMessage).toMatch(
        new RegExp(
          `^unable to delete image "${hexOf(id)}" by ID with more than one tag \\(\\[\\S+ \\S+\\]\\): please force removal$`,
        ),
      );
      expect([...(error.references ?? [])].sort()).toEqual([qualified('conf/multi:1'), qualified('conf/multi:2')]);
      expect(error.image).toBe(hexOf(id));
    } else {
      expect(error.statusCode).toBe(409);
      expect(error.engineMessage).toBe(
        `conflict: unable to delete ${short(id)} (must be forced) - image is referenced in multiple repositories`,
      );
      expect(error.references).toBeUndefined(); // Docker does not list them
    }
    expect(await imageExists('conf/multi:1')).toBe(true);
    expect(await imageExists('conf/multi:2')).toBe(true);
  });

  for (const running of [false, true]) {
    const state = running ? 'running' : 'stopped';
    it(`last tag of an image a ${state} container uses, removed by name`, async () => {
      const ref = `conf/last${state}:1`;
      const ctrName = `conf-last${state}`;
      const id = await buildImage(docker, { tag: ref, labels: { case: `last${state}` } });
      const ctr = await runContainer(docker, ref, { name: ctrName, running });

      const { error } = await refused('remove-image', ref, () => docker.getImage(ref).remove());

      expect(error.statusCode).toBe(409);
      expect(error.containers).toEqual([{ id: ctr, name: ctrName, state: running ? 'running' : 'exited' }]);
      if (podman) {
        // No reference conflict on Podman: it answers "in use", running or not.
        expect(error.kind).toBe(running ? 'running-container' : 'stopped-container');
        expect(error.engineMessage).toBe(
          `image ${ref} is in use: image used by ${ctr}: image is in use by a container: consider listing external containers and force-removing image`,
        );
        expect(error.image).toBe(ref);
      } else {
        // Docker asks for the same force whether the container runs or not.
        expect(error.kind).toBe('reference-in-use');
        expect(error.engineMessage).toBe(
          classic
            ? `conflict: unable to remove repository reference "${ref}" (must force) - container ${short(ctr)} is using its referenced image ${short(id)}`
            : `conflict: unable to delete ${ref} (must be forced) - container ${short(ctr)} is using its referenced image ${short(id)}`,
        );
        expect(error.references).toEqual([ref]);
        expect(error.image).toBe(short(id));
        expect(error.message).toContain(`the ${running ? 'running' : 'stopped'} container "${ctrName}"`);
      }
      expect(await imageExists(ref)).toBe(true);
    });
  }

  it('conflict order: two tags and a stopped container, then a running one too, removed by ID', async () => {
    const id = await buildImage(docker, { tag: 'conf/order:1', labels: { case: 'order' } });
    await tagImage(docker, id, 'conf/order', '2');
    const stopped = await runContainer(docker, 'conf/order:1', { name: 'conf-order-stopped', running: false });

    const first = (await refused('remove-image', id, () => docker.getImage(id).remove())).error;
    if (containerd) {
      // containerd store: running → stopped → references.
      expect(first.kind).toBe('stopped-container');
      expect(first.engineMessage).toBe(
        `conflict: unable to delete ${short(id)} (must be forced) - image is being used by stopped container ${short(stopped)}`,
      );
      expect(first.containers).toEqual([{ id: stopped, name: 'conf-order-stopped', state: 'exited' }]);
    } else if (classic) {
      // Classic store: children → running → references → stopped.
      expect(first.kind).toBe('multiple-references');
      expect(first.engineMessage).toBe(
        `conflict: unable to delete ${short(id)} (must be forced) - image is referenced in multiple repositories`,
      );
    } else {
      // Podman checks the tags before any container.
      expect(first.kind).toBe('multiple-references');
      expect(first.statusCode).toBe(500);
      expect(first.engineMessage).toMatch(/^unable to delete image "[0-9a-f]{64}" by ID with more than one tag /);
    }

    const runningCtr = await runContainer(docker, 'conf/order:1', { name: 'conf-order-running', running: true });
    const second = (await refused('remove-image', id, () => docker.getImage(id).remove())).error;
    if (podman) {
      expect(second.kind).toBe('multiple-references');
      expect(second.statusCode).toBe(500);
    } else {
      expect(second.kind).toBe('running-container');
      expect(second.engineMessage).toBe(
        `conflict: unable to delete ${short(id)} (cannot be forced) - image is being used by running container ${short(runningCtr)}`,
      );
      expect(second.containers).toEqual([{ id: runningCtr, name: 'conf-order-running', state: 'running' }]);
    }
    expect(await imageExists(id)).toBe(true);
  });

  it('parent of a locally built child image, removed by ID', async () => {
    // COPY layers, not RUN: on podman54 a RUN step cannot start its build container here.
    const parent = await buildImage(docker, { tag: 'conf/parent:1', files: { '/parent': 'parent' } });
    const child = await buildImage(docker, {
      tag: 'conf/child:1',
      from: 'conf/parent:1',
      files: { '/child': 'child' },
    });

    if (classic) {
      for (const force of [false, true]) {
        const { error } = await refused('remove-image', parent, () => docker.getImage(parent).remove({ force }));
        expect(error.kind).toBe('dependent-children');
        expect(error.statusCode).toBe(409);
        expect(error.engineMessage).toBe(
          `conflict: unable to delete ${short(parent)} (cannot be forced) - image has dependent child images`,
        );
        expect(error.image).toBe(short(parent));
      }
      expect(await imageExists(parent)).toBe(true);
    } else if (containerd) {
      // No such conflict on the containerd store: the parent goes, the child keeps its content.
      const answer = (await docker.getImage(parent).remove()) as Removed;
      expect(answer).toEqual([{ Untagged: 'conf/parent:1' }, { Deleted: parent }]);
      expect(await imageExists(parent)).toBe(false);
    } else {
      // No such conflict on Podman: the parent's tag and record go, its layers stay under the child.
      const answer = (await docker.getImage(parent).remove()) as Removed;
      expect(answer).toEqual([{ Untagged: qualified('conf/parent:1') }]);
      expect(await imageExists(parent)).toBe(false);
      expect(await imageExists('conf/parent:1')).toBe(false);
    }
    expect(await imageExists(child)).toBe(true);
  });

  it('missing image and missing container', async () => {
    const image = await refused('remove-image', 'conf/nope:1', () => docker.getImage('conf/nope:1').remove());
    expect(image.error.kind).toBe('not-found');
    expect(image.error.statusCode).toBe(404);
    expect(image.error.image).toBe('conf/nope:1');
    expect(image.error.engineMessage).toBe(
      podman
        ? 'failed to find image conf/nope:1: docker.io/conf/nope:1: image not known'
        : 'No such image: conf/nope:1',
    );

    // An image that was there a moment ago, asked for by its ID: Podman reads a bare 64-hex ID it does
    // not know as a repository name, which it refuses (500).
    const id = await buildImage(docker, { tag: 'conf/gone:1', labels: { case: 'gone' } });
    await docker.getImage(id).remove();
    for (const [target, status, message, image] of podman
      ? ([
          [id, 404, `failed to find image ${id}: docker.io/library/${id}: image not known`, id],
          [
            hexOf(id),
            500,
            `normalizing image: normalizing name "${hexOf(id)}" (orig: "${hexOf(id)}") for compat API: invalid repository name (${hexOf(id)}), cannot specify 64-byte hexadecimal strings`,
            hexOf(id),
          ],
        ] as const)
      : ([
          [id, 404, `No such image: ${id}`, id],
          [hexOf(id), 404, `No such image: ${id}`, id],
        ] as const)) {
      const gone = await refused('remove-image', target, () => docker.getImage(target).remove());
      expect(gone.error.kind).toBe('not-found');
      expect(gone.error.statusCode).toBe(status);
      expect(gone.error.engineMessage).toBe(message);
      expect(gone.error.image).toBe(image);
    }

    const container = await refused('remove-container', 'conf-nobody', () =>
      docker.getContainer('conf-nobody').remove(),
    );
    expect(container.error.kind).toBe('not-found');
    expect(container.error.statusCode).toBe(404);
    expect(container.error.containers).toEqual([{ id: 'conf-nobody', name: 'conf-nobody', state: null }]);
    // Podman 5.4 turned the words round for removal ("ID or name"); its stop still says "name or ID".
    expect(container.error.engineMessage).toBe(
      !podman
        ? 'No such container: conf-nobody'
        : name === 'podman43'
          ? 'no container with name or ID "conf-nobody" found: no such container'
          : 'no container with ID or name "conf-nobody" found: no such container',
    );
  });

  it('running container, removed without force', async () => {
    await buildImage(docker, { tag: 'conf/rmrun:1', labels: { case: 'rmrun' } });
    const ctr = await runContainer(docker, 'conf/rmrun:1', { name: 'conf-rmrun', running: true });

    const { error } = await refused('remove-container', ctr, () => docker.getContainer(ctr).remove());

    expect(error.kind).toBe('container-running');
    expect(error.containers).toEqual([{ id: ctr, name: 'conf-rmrun', state: 'running' }]);
    if (podman) {
      expect(error.statusCode).toBe(500);
      expect(error.engineMessage).toBe(
        `cannot remove container ${ctr} as it is running - running or paused containers cannot be removed without force: container state improper`,
      );
    } else {
      expect(error.statusCode).toBe(409);
      expect(error.engineMessage).toBe(
        name === 'docker20'
          ? `You cannot remove a running container ${ctr}. Stop the container before attempting removal or force remove`
          : 'cannot remove container "/conf-rmrun": container is running: stop the container before removing or force remove',
      );
    }
    expect(error.message).toContain('"conf-rmrun" is running');
  });

  it('paused container, removed without force', async () => {
    await buildImage(docker, { tag: 'conf/rmpause:1', labels: { case: 'rmpause' } });
    const ctr = await runContainer(docker, 'conf/rmpause:1', { name: 'conf-rmpause', running: true });
    await docker.getContainer(ctr).pause();
    try {
      const { error } = await refused('remove-container', ctr, () => docker.getContainer(ctr).remove());

      expect(error.kind).toBe('container-running');
      expect(error.containers).toEqual([{ id: ctr, name: 'conf-rmpause', state: 'paused' }]);
      if (podman) {
        expect(error.statusCode).toBe(500);
        expect(error.engineMessage).toBe(
          `cannot remove container ${ctr} as it is paused - running or paused containers cannot be removed without force: container state improper`,
        );
      } else {
        expect(error.statusCode).toBe(409);
        expect(error.engineMessage).toBe(
          name === 'docker20'
            ? `You cannot remove a paused container ${ctr}. Unpause and then stop the container before attempting removal or force remove`
            : 'cannot remove container "/conf-rmpause": container is paused and must be unpaused first',
        );
      }
      expect(error.message).toContain('"conf-rmpause" is paused');
      expect(error.message).toContain('Unpause');
    } finally {
      await docker.getContainer(ctr).unpause();
    }
  });

  it('stopping a stopped container and starting a running one answer 304, which callers treat as done', async () => {
    await buildImage(docker, { tag: 'conf/stop304:1', labels: { case: 'stop304' } });
    const stopped = await runContainer(docker, 'conf/stop304:1', { name: 'conf-stop304', running: false });
    const running = await runContainer(docker, 'conf/stop304:1', { name: 'conf-start304', running: true });

    const stop = await failureOf(() => docker.getContainer(stopped).stop({ t: 0 }));
    const start = await failureOf(() => docker.getContainer(running).start());

    // An empty body on every engine: 'not modified' is readEngineFailure's own word for it.
    expect(stop).toEqual({ statusCode: 304, message: 'not modified' });
    expect(start).toEqual({ statusCode: 304, message: 'not modified' });
    expect(isAlreadyInRequestedState(stop, 'stop-container')).toBe(true);
    expect(isAlreadyInRequestedState(start, 'start-container')).toBe(true);
  });

  it('racing removals of one container: the losers are told it is (being) gone', async () => {
    await buildImage(docker, { tag: 'conf/race:1', labels: { case: 'race' } });
    const losers: BarnacleError[] = [];
    let mostWinners = 0;
    // Up to 10 rounds until a removal loses; in trials every round had losers on Docker
    // and Podman 4.3. Podman 5.4 lets all four succeed (12 of 12 rounds): 3 rounds there.
    const rounds = name === 'podman54' ? 3 : 10;
    for (let round = 0; round < rounds && (name === 'podman54' || losers.length === 0); round++) {
      const ctrName = `conf-race-${round}`;
      const ctr = await runContainer(docker, 'conf/race:1', { name: ctrName, running: false });
      const resolve = await liveResolver(docker);
      const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => docker.getContainer(ctr).remove()));
      mostWinners = Math.max(mostWinners, outcomes.filter((o) => o.status === 'fulfilled').length);
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') continue;
        const error = classifyFailure(read(outcome.reason), {
          operation: 'remove-container',
          target: ctr,
          engine: kind,
          resolve,
        });
        expect(error.containers).toEqual([{ id: ctr, name: ctrName, state: 'exited' }]);
        losers.push(error);
      }
      expect(await containerIds()).not.toContain(ctr);
    }
    expect(mostWinners).toBeGreaterThan(0);
    if (name === 'podman54') {
      // A removal that arrives after the container is gone would get the 404 of a missing one.
      expect(mostWinners).toBeGreaterThan(1);
    } else {
      expect(losers.length).toBeGreaterThan(0);
    }
    for (const error of losers) {
      expect(error.kind).toBe('not-found');
      if (!podman && error.statusCode === 404) {
        // A racer that arrives once the winner is done (a 404 seen once on Docker 26 classic, on a
        // busy machine) gets Docker's answer for a missing container, seen when removing twice.
        expect(error.engineMessage).toMatch(/^No such container: [0-9a-f]{64}$/);
        expect(error.message).toContain('no longer exists');
      } else if (!podman) {
        expect(error.statusCode).toBe(409);
        expect(error.engineMessage).toMatch(/^removal of container [0-9a-f]{64} is already in progress$/);
        expect(error.message).toContain('already being removed');
      } else {
        expect(error.statusCode).toBe(404);
        expect(error.engineMessage).toMatch(
          /^(container [0-9a-f]{64} does not exist in database|no container with (name or ID|ID or name) "[0-9a-f]{64}" found): no such container$/,
        );
        expect(error.message).toContain('no longer exists');
      }
    }
  });

  it('racing removals of one image by ID: the losers are told it is gone', async () => {
    const losers: { error: BarnacleError; id: string; ref: string }[] = [];
    // Docker: one winner, three losers in every trial round. Podman mostly lets all four win (4.3:
    // every one of 10 rounds in one run; 5.4 and 4.3 had losers in others): no loser is no failure there.
    for (let round = 0; round < 10 && losers.length === 0; round++) {
      const ref = `conf/rmirace:${round}`;
      const id = await buildImage(docker, { tag: ref, labels: { case: `rmirace${round}` } });
      const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => docker.getImage(id).remove()));
      expect(outcomes.some((o) => o.status === 'fulfilled')).toBe(true);
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') continue;
        const error = classifyFailure(read(outcome.reason), { operation: 'remove-image', target: id, engine: kind });
        losers.push({ error, id, ref });
      }
      expect(await imageExists(id)).toBe(false);
    }
    if (!podman) expect(losers.length).toBeGreaterThan(0);
    for (const { error, id, ref } of losers) {
      const hex = hexOf(id);
      const said = error.engineMessage ?? '';
      expect(error.kind).toBe('not-found');
      expect(error.message).toContain('no longer exists');
      // What a loser is told depends on how far it got before the winner finished.
      if (podman) {
        if (error.statusCode === 500) {
          // Seen on Podman 4.3 and 5.4: the ID no longer names an image, so it is read as a (forbidden)
          // repository name; 4.3 also answered once without the "normalizing …" prefix (a CI run).
          const invalid = `parsing named reference "${hex}": invalid repository name (${hex}), cannot specify 64-byte hexadecimal strings`;
          expect([invalid, `normalizing image: normalizing name for compat API: ${invalid}`]).toContain(
            error.engineMessage,
          );
          expect(error.image).toBe(hex);
        } else {
          // Seen between the ID and "image not known": `docker.io/library/<id>`, the bare hex,
          // `locating image with ID "<hex>"`, `reading image "<hex>": locating image with ID "<hex>"`.
          expect(error.statusCode).toBe(404);
          expect(said.startsWith(`failed to find image ${id}: `)).toBe(true);
          expect(said.endsWith(': image not known')).toBe(true);
          expect(error.image).toBe(id);
        }
      } else if (said.startsWith('unrecognized image ID')) {
        // Classic store only: Docker 20.10 answers 500, Docker 26 404.
        expect(classic).toBe(true);
        expect(error.statusCode).toBe(name === 'docker20' ? 500 : 404);
        expect(error.engineMessage).toBe(`unrecognized image ID ${id}`);
        expect(error.image).toBe(id);
      } else if (said === 'reference does not exist') {
        // Classic store: the winner untagged the image between this loser's lookup and its own
        // untag (moby's reference store, ErrDoesNotExist). Seen on Docker 20.10 (a local run).
        expect(classic).toBe(true);
        expect(error.statusCode).toBe(404);
        expect(error.image).toBe(id);
      } else if (said.startsWith('image "')) {
        expect(containerd).toBe(true);
        expect(error.statusCode).toBe(404);
        expect(error.engineMessage).toBe(`image "docker.io/${ref}": not found`);
        expect(error.image).toBe(`docker.io/${ref}`);
      } else {
        // Seen on Docker 26, both stores, once the winner is done (the answer for any missing ID).
        expect(error.statusCode).toBe(404);
        expect(error.engineMessage).toBe(`No such image: ${id}`);
        expect(error.image).toBe(id);
      }
    }
  });

  it('overlapping prunes', async () => {
    // A label nothing carries: the prune walks every image but removes nothing.
    const prune = () => docker.pruneImages({ filters: { label: ['barnacle.test.never=1'] } });
    const failures: EngineFailure[] = [];
    // Docker's lock is held only while one prune walks the images: race eight at a time
    // until one loses (trials: losers in most rounds on all three). Podman has no such lock.
    const rounds = podman ? 5 : 50;
    for (let round = 0; round < rounds && failures.length === 0; round++) {
      const outcomes = await Promise.allSettled(Array.from({ length: 8 }, prune));
      for (const o of outcomes) if (o.status === 'rejected') failures.push(read(o.reason));
    }
    if (podman) {
      expect(failures).toEqual([]);
    } else {
      expect(failures.length).toBeGreaterThan(0);
      for (const failure of failures) {
        const error = classifyFailure(failure, { operation: 'prune-images', engine: kind });
        expect(error.kind).toBe('prune-already-running');
        expect(error.statusCode).toBe(409);
        expect(error.engineMessage).toBe('a prune operation is already running');
      }
    }
  });

  it('an API version the engine does not speak', async () => {
    assertHarnessHost(engine.host);
    const socketPath = engine.host.slice('unix://'.length);
    const pinned = (version: string) =>
      new Dockerode({ socketPath, host: undefined, port: undefined, protocol: 'http', version });

    if (podman) {
      // Podman's compat API answers whatever version is in the path: no such refusal exists there.
      for (const version of ['v1.99', 'v1.0']) await expect(pinned(version).ping()).resolves.toBeDefined();
      return;
    }
    const [max, min] = name === 'docker20' ? ['1.41', '1.12'] : ['1.45', '1.24'];
    const tooNew = await failureOf(() => pinned('v1.99').ping());
    const tooOld = await failureOf(() => pinned('v1.0').ping());
    expect(tooNew).toEqual({
      statusCode: 400,
      message: `client version 1.99 is too new. Maximum supported API version is ${max}`,
    });
    expect(tooOld).toEqual({
      statusCode: 400,
      message: `client version 1.0 is too old. Minimum supported API version is ${min}, please upgrade your client to a newer version`,
    });
    for (const failure of [tooNew, tooOld]) {
      expect(classifyFailure(failure, { operation: 'connect', engine: kind }).kind).toBe('api-version');
    }
  });

  it('a reference the engine cannot parse: an answer Barnacle has no kind for', async () => {
    const { error } = await refused('remove-image', 'UPPER/Case:1', () => docker.getImage('UPPER/Case:1').remove());

    expect(error.kind).toBe('unknown');
    const said: Record<typeof name, [number, string]> = {
      docker20: [400, 'invalid reference format: repository name must be lowercase'],
      'docker26-containerd': [400, 'invalid reference format: repository name (Case) must be lowercase'],
      'docker26-classic': [400, 'invalid reference format: repository name (Case) must be lowercase'],
      podman43: [500, 'normalizing image: normalizing name for compat API: repository name must be lowercase'],
      podman54: [
        500,
        'normalizing image: normalizing name for compat API: parsing reference "UPPER/Case:1": repository name must be lowercase',
      ],
    };
    expect([error.statusCode, error.engineMessage]).toEqual(said[name]);
    // The plain words keep the engine's own, named after the engine in use.
    expect(error.message).toBe(
      `${podman ? 'Podman' : 'Docker'} could not remove the image (HTTP ${said[name][0]}): ${said[name][1]}`,
    );
  });

  describe('force', () => {
    it('on an image a running container uses, by ID', async () => {
      const id = await buildImage(docker, { tag: 'conf/forcerun:1', labels: { case: 'forcerun' } });
      const ctr = await runContainer(docker, 'conf/forcerun:1', { name: 'conf-forcerun', running: true });

      if (podman) {
        // Podman 4.3 and 5.4 alike: stops and removes the running container, then deletes the image.
        const answer = (await docker.getImage(id).remove({ force: true })) as Removed;
        expect(answer).toEqual([{ Deleted: hexOf(id) }, { Untagged: qualified('conf/forcerun:1') }]);
        expect(await imageExists(id)).toBe(false);
        expect(await containerIds()).not.toContain(ctr);
      } else {
        // Docker: a running container is a hard conflict, force or not, on both stores.
        const { error } = await refused('remove-image', id, () => docker.getImage(id).remove({ force: true }));
        expect(error.kind).toBe('running-container');
        expect(error.engineMessage).toBe(
          `conflict: unable to delete ${short(id)} (cannot be forced) - image is being used by running container ${short(ctr)}`,
        );
        expect(error.containers).toEqual([{ id: ctr, name: 'conf-forcerun', state: 'running' }]);
        expect(await imageExists(id)).toBe(true);
      }
    });

    it('on the last tag of an image a running container uses, by name', async () => {
      const id = await buildImage(docker, { tag: 'conf/forcerunref:1', labels: { case: 'forcerunref' } });
      const ctr = await runContainer(docker, 'conf/forcerunref:1', { name: 'conf-forcerunref', running: true });

      const answer = (await docker.getImage('conf/forcerunref:1').remove({ force: true })) as Removed;

      const { containers, images } = await readLists(docker);
      if (podman) {
        expect(answer).toEqual([{ Deleted: hexOf(id) }, { Untagged: qualified('conf/forcerunref:1') }]);
        expect(await imageExists(id)).toBe(false);
        expect(containers.map((c) => c.id)).not.toContain(ctr);
      } else {
        // Docker only untags: the image stays, dangling, and the container keeps running on it.
        expect(answer).toEqual([{ Untagged: 'conf/forcerunref:1' }]);
        expect(images.find((i) => i.id === id)?.tags).toEqual([]);
        expect(containers.find((c) => c.id === ctr)).toMatchObject({ state: 'running', imageId: id });
      }
    });

    it('on an image only a stopped container uses, by ID', async () => {
      const id = await buildImage(docker, { tag: 'conf/forcestop:1', labels: { case: 'forcestop' } });
      const ctr = await runContainer(docker, 'conf/forcestop:1', { name: 'conf-forcestop', running: false });

      await docker.getImage(id).remove({ force: true });

      expect(await imageExists(id)).toBe(false);
      const { containers } = await readLists(docker);
      if (podman) {
        // Podman removes the container with the image.
        expect(containers.map((c) => c.id)).not.toContain(ctr);
      } else {
        // Docker (both stores) leaves the container, still pointing at the deleted image's ID.
        expect(containers.find((c) => c.id === ctr)?.imageId).toBe(id);
      }
    });

    it('on the last tag of an image only a stopped container uses, by name', async () => {
      const id = await buildImage(docker, { tag: 'conf/forcestopref:1', labels: { case: 'forcestopref' } });
      const ctr = await runContainer(docker, 'conf/forcestopref:1', { name: 'conf-forcestopref', running: false });

      const answer = (await docker.getImage('conf/forcestopref:1').remove({ force: true })) as Removed;

      const { containers, images } = await readLists(docker);
      if (classic) {
        // Classic store: the image is deleted, the container left pointing at nothing.
        expect(answer).toEqual([{ Untagged: 'conf/forcestopref:1' }, { Deleted: id }]);
        expect(await imageExists(id)).toBe(false);
        expect(containers.find((c) => c.id === ctr)?.imageId).toBe(id);
      } else if (containerd) {
        // containerd store: only the tag goes; the image stays for the container, dangling.
        expect(answer).toEqual([{ Untagged: 'conf/forcestopref:1' }]);
        expect(images.find((i) => i.id === id)?.tags).toEqual([]);
        expect(containers.find((c) => c.id === ctr)?.imageId).toBe(id);
      } else {
        // Podman: the container goes, then the image.
        expect(answer).toEqual([{ Deleted: hexOf(id) }, { Untagged: qualified('conf/forcestopref:1') }]);
        expect(await imageExists(id)).toBe(false);
        expect(containers.map((c) => c.id)).not.toContain(ctr);
      }
    });
  });
});
