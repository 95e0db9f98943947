// Names reach the engine as names: a target carrying `?force=true&x=` must not
// become a query string of its own (issue 13). Before src-main/engine/handles.ts,
// dockerode put the name into the path as it was, and the delete below became a
// forced delete of an image a container uses.

import { beforeAll, expect, it } from 'vitest';
import { readEngineFailure } from '../../src-main/engine/engine-error';
import { containerNamed, imageNamed, volumeNamed } from '../../src-main/engine/handles';
import { buildImage, resetEngine, runContainer } from '../engines/harness';
import { describeEachEngine } from '../engines/use-engines';

describeEachEngine('names reach the engine whole', (engine) => {
  const { docker } = engine;
  let imageId: string;
  let containerId: string;

  beforeAll(async () => {
    await resetEngine(docker);
    imageId = await buildImage(docker, { tag: 'names/used:1', files: { '/n.txt': 'names' } });
    containerId = await runContainer(docker, 'names/used:1', { name: 'names-user', running: false });
  });

  const statusOf = async (work: Promise<unknown>) =>
    work.then(
      () => 'done',
      (err: unknown) => readEngineFailure(err).statusCode,
    );

  it('a forged query in an image target is refused as a name, and nothing is removed', async () => {
    const answers = [
      await statusOf(imageNamed(docker, `${imageId}?force=true&x=`).remove()),
      await statusOf(imageNamed(docker, `names/used:1?force=1#`).remove()),
    ];
    // The whole string is read as a reference and refused as one: Docker says 400
    // "invalid reference format", Podman 500 for the same parse failure.
    expect(answers).toEqual(engine.kind === 'docker' ? [400, 400] : [500, 500]);
    expect((await docker.getImage(imageId).inspect()).Id).toBe(imageId);
    expect((await docker.getContainer(containerId).inspect()).Id).toBe(containerId);
  });

  it('a forged query in a container or volume name changes nothing either', async () => {
    expect(await statusOf(containerNamed(docker, `${containerId}?force=true&v=true`).remove())).toBe(404);
    expect(await statusOf(volumeNamed(docker, `anything?force=true`).remove())).toBe(404);
    expect((await docker.getContainer(containerId).inspect()).Id).toBe(containerId);
  });

  it('ordinary references still work encoded: repository paths, tags and digests-style IDs', async () => {
    expect(((await imageNamed(docker, 'names/used:1').inspect()) as { Id: string }).Id).toBe(imageId);
    expect(((await imageNamed(docker, imageId).inspect()) as { Id: string }).Id).toBe(imageId);
    expect(((await containerNamed(docker, 'names-user').inspect()) as { Id: string }).Id).toBe(containerId);
  });
});
