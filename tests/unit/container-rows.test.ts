// The containers table: image labels, the ancestor family, filters.
import { describe, expect, it } from 'vitest';
import type { ContainerSummary, ImageSummary } from '../../src-shared/model';
import { ancestorFamily } from '../../src-shared/image-family';
import { ancestorChoices, filterContainers, imageLabel } from '../../src-renderer/lib/container-rows';

const img = (id: string, over: Partial<ImageSummary> = {}): ImageSummary => ({
  id,
  tags: [],
  digests: [],
  pullBack: { state: 'local', evidence: 'no-repo-digest' },
  created: 0,
  size: 0,
  parent: null,
  children: [],
  dangling: false,
  unused: false,
  labels: {},
  containers: [],
  ...over,
});
const ctr = (id: string, imageId: string, state: ContainerSummary['state'], imageRef = imageId): ContainerSummary => ({
  id,
  names: [id],
  imageId,
  imageRef,
  state,
  status: '',
  created: 0,
  composeProject: null,
  labels: {},
  mounts: [],
  sizeRw: null,
});

const base = img('sha256:base', { tags: ['base:1'], children: ['sha256:app'] });
const app = img('sha256:app', { tags: ['app:1', 'app:latest'], parent: 'sha256:base', children: ['sha256:dbg'] });
const dbg = img('sha256:dbg', { tags: ['app-debug:1'], parent: 'sha256:app' });
const other = img('sha256:other', { tags: ['other:1'] });
const images = [base, app, dbg, other];
const containers = [
  ctr('c-app', 'sha256:app', 'running', 'app'),
  ctr('c-dbg', 'sha256:dbg', 'exited'),
  ctr('c-gone', 'sha256:0123456789abcdef0123', 'exited'),
  ctr('c-other', 'sha256:other', 'paused'),
];

describe('containers', () => {
  it('shows the tag asked for, another tag, or a short ID when the image is dangling', () => {
    const byId = new Map(images.map((i) => [i.id, i]));
    expect(imageLabel(containers[0]!, byId)).toEqual({ text: 'app:latest', dangling: false });
    expect(imageLabel(containers[1]!, byId)).toEqual({ text: 'app-debug:1', dangling: false });
    expect(imageLabel(containers[2]!, byId)).toEqual({ text: '0123456789ab', dangling: true });
  });

  it('the ancestor family is the image and everything built on it', () => {
    expect([...ancestorFamily(images, 'sha256:base')].sort()).toEqual(['sha256:app', 'sha256:base', 'sha256:dbg']);
    expect([...ancestorFamily(images, 'sha256:dbg')]).toEqual(['sha256:dbg']);
  });

  it('offers the images containers use and their parents', () => {
    expect(ancestorChoices(images, containers).map((i) => i.id)).toEqual(images.map((i) => i.id));
    expect(ancestorChoices(images, [containers[1]!]).map((i) => i.id)).toEqual([
      'sha256:base',
      'sha256:app',
      'sha256:dbg',
    ]);
  });

  it('filters by state (paused counts as running) and by family', () => {
    expect(filterContainers(containers, 'running', null).map((c) => c.id)).toEqual(['c-app', 'c-other']);
    expect(filterContainers(containers, 'stopped', ancestorFamily(images, 'sha256:app')).map((c) => c.id)).toEqual([
      'c-dbg',
    ]);
  });
});
