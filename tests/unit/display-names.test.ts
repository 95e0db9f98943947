// How images and containers are named (src-shared/display-names.ts). Main's
// plans and the renderer's live fix flows each wrote the image name; now one.
// The CLI's `ps` showed a container made from "app" under the image's first tag
// ("app:1") where the containers table showed "app:latest", the tag it was made
// from; both show the latter now. Container names had five copies of
// "first name, else 12 characters of the ID", one of them stripping the "/".
import { describe, expect, it } from 'vitest';
import { containerImageTag, containerName, imageName } from '../../src-shared/display-names';

const id = 'c0ffee00c0ffee00' + 'ab'.repeat(24);

describe('containerName', () => {
  it('is the first name as `docker ps` prints it, without the leading "/"', () => {
    expect(containerName({ id, names: ['web', 'alias'] })).toBe('web');
    expect(containerName({ id, names: ['/web'] })).toBe('web');
  });

  it('is the short ID for a container with no name', () => {
    expect(containerName({ id, names: [] })).toBe('c0ffee00c0ff');
  });
});

describe('containerImageTag', () => {
  const tags = ['app:1', 'app:latest', 'mirror.example.com/app:latest'];

  it('is the reference the container was made from while it still names the image', () => {
    expect(containerImageTag('app:latest', tags)).toBe('app:latest');
    expect(containerImageTag('mirror.example.com/app:latest', tags)).toBe('mirror.example.com/app:latest');
  });

  it('reads an untagged reference as its "latest" (the CLI copy fell back to the first tag)', () => {
    expect(containerImageTag('app', tags)).toBe('app:latest');
  });

  it("is the image's first tag once the reference went elsewhere", () => {
    expect(containerImageTag('app:2', tags)).toBe('app:1');
    expect(containerImageTag('sha256:abc', tags)).toBe('app:1');
  });

  it('is null for an image without tags', () => {
    expect(containerImageTag('app', [])).toBeNull();
  });
});

describe('imageName', () => {
  it("is the first tag in docker's short form", () => {
    expect(imageName({ id, tags: ['docker.io/library/app:1', 'app:latest'] })).toBe('app:1');
    expect(imageName({ id, tags: ['localhost/built:dev'] })).toBe('built:dev');
  });

  it('is "<none>" and the short ID for an untagged image', () => {
    expect(imageName({ id: `sha256:${id}`, tags: [] })).toBe('<none> c0ffee00c0ff');
  });
});
