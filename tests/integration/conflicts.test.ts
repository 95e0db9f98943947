// Every conflict produced for real on the private Docker 20.10 and Podman 4.3
// engines, then classified the way the app does it: the failure read off the
// dockerode error, containers named through the live container list.
//
// What the engines answered here (the verbatim strings are asserted below):
// - Podman never says whether the container using an image runs: one 409 for both,
//   so the classifier asks the container list (running → running-container).
// - Podman answers removing a running container with 500, not 409.
// - Podman 4.3 has no "last tag in use" conflict of its own: removing the last tag
//   by name gives the same 409 "image is in use" as removing by ID.
// - Podman 4.3 has no "dependent children" conflict: removing a parent by ID while a
//   child image exists succeeds (200); the parent leaves the image list, the child stays.
// - Podman 4.3 force (DELETE /images/{id}?force=1) stops and removes a running
//   container and removes a stopped one, then deletes the image. Docker's force never
//   touches containers: it still refuses while one runs, and with only stopped ones it
//   deletes the image and leaves the containers pointing at nothing.
// - Podman has no prune lock: overlapping prunes all succeed. Docker answers the
//   losers 409 "a prune operation is already running".
// - Racing removals of one container: Docker 409 "removal of container <what we
//   passed> is already in progress"; Podman 404 "container <id> does not exist in
//   database: no such container" or "no container with name or ID … found".
// - Stopping a stopped container: 304 with an empty body on both; dockerode throws.

import type Dockerode from 'dockerode';
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
import { buildImage, resetEngine, runContainer, tagImage } from '../engines/harness';
import { describeEachEngine, type LiveEngine } from '../engines/use-engines';

const hexOf = (id: string): string => id.replace(/^sha256:/, '');
const short = (id: string): string => hexOf(id).slice(0, 12);

/** The resolver the app would hold: built from the container list read before the operation. */
async function liveResolver(docker: Dockerode): Promise<ContainerResolver> {
  return resolverFromContainers((await readLists(docker)).containers);
}

async function failureOf(call: () => Promise<unknown>): Promise<EngineFailure> {
  try {
    await call();
  } catch (err) {
    return readEngineFailure(err);
  }
  throw new Error('the engine accepted what should have been refused');
}

describeEachEngine('conflicts, produced and classified', (engine: LiveEngine) => {
  const { docker, kind } = engine;
  const qualified = (ref: string): string => (kind === 'podman' ? `docker.io/${ref}` : ref);

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
    if (kind === 'docker') {
      expect(error.engineMessage).toBe(
        `conflict: unable to delete ${short(id)} (cannot be forced) - image is being used by running container ${short(ctr)}`,
      );
      expect(error.image).toBe(short(id));
    } else {
      expect(error.engineMessage).toBe(
        `image ${id} is in use: image used by ${ctr}: image is in use by a container: consider listing external containers and force-removing image`,
      );
      expect(error.image).toBe(id);
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
      kind === 'docker'
        ? `conflict: unable to delete ${short(id)} (must be forced) - image is being used by stopped container ${short(ctr)}`
        : `image ${id} is in use: image used by ${ctr}: image is in use by a container: consider listing external containers and force-removing image`,
    );
    expect(error.message).toContain('"conf-stopped"');
  });

  it('image with several tags, removed by ID', async () => {
    const id = await buildImage(docker, { tag: 'conf/multi:1', labels: { case: 'multi' } });
    await tagImage(docker, id, 'conf/multi', '2');

    const { error } = await refused('remove-image', id, () => docker.getImage(id).remove());

    expect(error.kind).toBe('multiple-references');
    expect(error.containers).toBeUndefined();
    if (kind === 'docker') {
      expect(error.statusCode).toBe(409);
      expect(error.engineMessage).toBe(
        `conflict: unable to delete ${short(id)} (must be forced) - image is referenced in multiple repositories`,
      );
      expect(error.references).toBeUndefined(); // Docker does not list them
    } else {
      expect(error.statusCode).toBe(500);
      expect(error.engineMessage).toMatch(
        new RegExp(
          `^unable to delete image "${hexOf(id)}" by ID with more than one tag \\(\\[.+\\]\\): please force removal$`,
        ),
      );
      expect([...(error.references ?? [])].sort()).toEqual([qualified('conf/multi:1'), qualified('conf/multi:2')]);
      expect(error.image).toBe(hexOf(id));
    }
    expect(await imageExists('conf/multi:1')).toBe(true);
    expect(await imageExists('conf/multi:2')).toBe(true);
  });

  it('last tag of an image a stopped container uses, removed by name', async () => {
    const id = await buildImage(docker, { tag: 'conf/lasttag:1', labels: { case: 'lasttag' } });
    const ctr = await runContainer(docker, 'conf/lasttag:1', { name: 'conf-lasttag', running: false });

    const { error } = await refused('remove-image', 'conf/lasttag:1', () => docker.getImage('conf/lasttag:1').remove());

    expect(error.statusCode).toBe(409);
    expect(error.containers).toEqual([{ id: ctr, name: 'conf-lasttag', state: 'exited' }]);
    if (kind === 'docker') {
      expect(error.kind).toBe('reference-in-use');
      expect(error.engineMessage).toBe(
        `conflict: unable to remove repository reference "conf/lasttag:1" (must force) - container ${short(ctr)} is using its referenced image ${short(id)}`,
      );
      expect(error.references).toEqual(['conf/lasttag:1']);
      expect(error.image).toBe(short(id));
    } else {
      // Podman 4.3 has no reference conflict: it answers "in use", and the container is stopped.
      expect(error.kind).toBe('stopped-container');
      expect(error.engineMessage).toBe(
        `image conf/lasttag:1 is in use: image used by ${ctr}: image is in use by a container: consider listing external containers and force-removing image`,
      );
      expect(error.image).toBe('conf/lasttag:1');
    }
    expect(await imageExists('conf/lasttag:1')).toBe(true);
  });

  it('parent of a locally built child image, removed by ID', async () => {
    const parent = await buildImage(docker, { tag: 'conf/parent:1', runs: ['echo parent > /parent'] });
    const child = await buildImage(docker, {
      tag: 'conf/child:1',
      from: 'conf/parent:1',
      runs: ['echo child > /child'],
    });

    if (kind === 'docker') {
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
    } else {
      // Podman 4.3 accepts: the parent's tag and record go, its layers stay under the child.
      const answer = (await docker.getImage(parent).remove()) as { Untagged?: string; Deleted?: string }[];
      expect(answer).toContainEqual({ Untagged: qualified('conf/parent:1') });
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
      kind === 'docker'
        ? 'No such image: conf/nope:1'
        : 'failed to find image conf/nope:1: docker.io/conf/nope:1: image not known',
    );

    const container = await refused('remove-container', 'conf-nobody', () =>
      docker.getContainer('conf-nobody').remove(),
    );
    expect(container.error.kind).toBe('not-found');
    expect(container.error.statusCode).toBe(404);
    expect(container.error.containers).toEqual([{ id: 'conf-nobody', name: 'conf-nobody', state: null }]);
    expect(container.error.engineMessage).toBe(
      kind === 'docker'
        ? 'No such container: conf-nobody'
        : 'no container with name or ID "conf-nobody" found: no such container',
    );
  });

  it('running container, removed without force', async () => {
    await buildImage(docker, { tag: 'conf/rmrun:1', labels: { case: 'rmrun' } });
    const ctr = await runContainer(docker, 'conf/rmrun:1', { name: 'conf-rmrun', running: true });

    const { error } = await refused('remove-container', ctr, () => docker.getContainer(ctr).remove());

    expect(error.kind).toBe('container-running');
    expect(error.containers).toEqual([{ id: ctr, name: 'conf-rmrun', state: 'running' }]);
    if (kind === 'docker') {
      expect(error.statusCode).toBe(409);
      expect(error.engineMessage).toBe(
        `You cannot remove a running container ${ctr}. Stop the container before attempting removal or force remove`,
      );
    } else {
      expect(error.statusCode).toBe(500);
      expect(error.engineMessage).toBe(
        `cannot remove container ${ctr} as it is running - running or paused containers cannot be removed without force: container state improper`,
      );
    }
    expect(error.message).toContain('"conf-rmrun" is running');
  });

  it('stopping a stopped container answers 304, which callers treat as done', async () => {
    await buildImage(docker, { tag: 'conf/stop304:1', labels: { case: 'stop304' } });
    const ctr = await runContainer(docker, 'conf/stop304:1', { name: 'conf-stop304', running: false });

    const failure = await failureOf(() => docker.getContainer(ctr).stop({ t: 0 }));

    expect(failure.statusCode).toBe(304);
    expect(isAlreadyInRequestedState(failure, 'stop-container')).toBe(true);
  });

  it('racing removals of one container: the losers are told it is (being) gone', async () => {
    await buildImage(docker, { tag: 'conf/race:1', labels: { case: 'race' } });
    const losers: BarnacleError[] = [];
    // Up to 10 rounds until a removal loses; in trials every round had losers on both engines.
    for (let round = 0; round < 10 && losers.length === 0; round++) {
      const name = `conf-race-${round}`;
      const ctr = await runContainer(docker, 'conf/race:1', { name, running: false });
      const resolve = await liveResolver(docker);
      const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => docker.getContainer(ctr).remove()));
      expect(outcomes.some((o) => o.status === 'fulfilled')).toBe(true);
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') continue;
        const error = classifyFailure(readEngineFailure(outcome.reason), {
          operation: 'remove-container',
          target: ctr,
          engine: kind,
          resolve,
        });
        expect(error.containers).toEqual([{ id: ctr, name, state: 'exited' }]);
        losers.push(error);
      }
    }
    expect(losers.length).toBeGreaterThan(0);
    for (const error of losers) {
      expect(error.kind).toBe('not-found');
      if (kind === 'docker') {
        expect(error.statusCode).toBe(409);
        expect(error.engineMessage).toMatch(/^removal of container [0-9a-f]{64} is already in progress$/);
        expect(error.message).toContain('already being removed');
      } else {
        expect(error.statusCode).toBe(404);
        expect(error.engineMessage).toMatch(
          /^(container [0-9a-f]{64} does not exist in database|no container with name or ID "[0-9a-f]{64}" found): no such container$/,
        );
      }
    }
  });

  it('overlapping prunes', async () => {
    // A label nothing carries: the prune walks every image but removes nothing.
    const prune = () => docker.pruneImages({ filters: { label: ['barnacle.test.never=1'] } });
    const failures: EngineFailure[] = [];
    // Docker's lock is held only while one prune walks the images: race eight at a time
    // until one loses (trials: losers in most rounds). Podman has no such lock.
    const rounds = kind === 'docker' ? 50 : 5;
    for (let round = 0; round < rounds && failures.length === 0; round++) {
      const outcomes = await Promise.allSettled(Array.from({ length: 8 }, prune));
      for (const o of outcomes) if (o.status === 'rejected') failures.push(readEngineFailure(o.reason));
    }
    if (kind === 'docker') {
      expect(failures.length).toBeGreaterThan(0);
      for (const failure of failures) {
        const error = classifyFailure(failure, { operation: 'prune-images', engine: kind });
        expect(error.kind).toBe('prune-already-running');
        expect(error.statusCode).toBe(409);
        expect(error.engineMessage).toBe('a prune operation is already running');
      }
    } else {
      expect(failures).toEqual([]);
    }
  });

  describe('force', () => {
    it('on an image a running container uses', async () => {
      const id = await buildImage(docker, { tag: 'conf/forcerun:1', labels: { case: 'forcerun' } });
      const ctr = await runContainer(docker, 'conf/forcerun:1', { name: 'conf-forcerun', running: true });

      if (kind === 'docker') {
        // Docker: a running container is a hard conflict, force or not.
        const { error } = await refused('remove-image', id, () => docker.getImage(id).remove({ force: true }));
        expect(error.kind).toBe('running-container');
        expect(error.containers).toEqual([{ id: ctr, name: 'conf-forcerun', state: 'running' }]);
        expect(await imageExists(id)).toBe(true);
      } else {
        // Podman 4.3: stops and removes the running container, then deletes the image.
        await docker.getImage(id).remove({ force: true });
        expect(await imageExists(id)).toBe(false);
        const { containers } = await readLists(docker);
        expect(containers.map((c) => c.id)).not.toContain(ctr);
      }
    });

    it('on an image only a stopped container uses', async () => {
      const id = await buildImage(docker, { tag: 'conf/forcestop:1', labels: { case: 'forcestop' } });
      const ctr = await runContainer(docker, 'conf/forcestop:1', { name: 'conf-forcestop', running: false });

      await docker.getImage(id).remove({ force: true });

      expect(await imageExists(id)).toBe(false);
      const { containers } = await readLists(docker);
      if (kind === 'docker') {
        // Docker leaves the container, still pointing at the deleted image's ID.
        expect(containers.find((c) => c.id === ctr)?.imageId).toBe(id);
      } else {
        // Podman removes the container with the image.
        expect(containers.map((c) => c.id)).not.toContain(ctr);
      }
    });
  });
});
