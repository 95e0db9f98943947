// The `--filter ancestor=` family (src-shared/image-family.ts), counted once for
// the planner's rm-stopped and the containers table's filter (two copies before).
import { describe, expect, it } from 'vitest';
import { ancestorFamily } from '../../src-shared/image-family';
import { selectStoppedContainers } from '../../src-main/planning/selection';
import { filterContainers } from '../../src-renderer/lib/container-rows';
import { containerId, imageId, inventory } from './support/inventory-builder';

const inv = inventory(
  [
    { name: 'base', tags: ['base:1'] },
    { name: 'app', tags: ['app:1'], parent: 'base' },
    { name: 'app-debug', tags: ['app-debug:1'], parent: 'app' },
    { name: 'other', tags: ['other:1'] },
  ],
  [
    { name: 'on-base', image: 'base', state: 'exited' },
    { name: 'on-debug', image: 'app-debug', state: 'exited' },
    { name: 'on-other', image: 'other', state: 'exited' },
    { name: 'live-app', image: 'app', state: 'running' },
  ],
);

describe('ancestorFamily', () => {
  it('is the image and everything built on it', () => {
    expect(ancestorFamily(inv.images, imageId('app'))).toEqual(new Set([imageId('app'), imageId('app-debug')]));
    expect(ancestorFamily(inv.images, imageId('base')).size).toBe(3);
  });

  it('is just the ID for an image not listed', () => {
    expect(ancestorFamily(inv.images, 'sha256:gone')).toEqual(new Set(['sha256:gone']));
  });

  it('the planner and the containers table take the same containers', () => {
    for (const name of ['base', 'app', 'app-debug', 'other']) {
      const planned = selectStoppedContainers(inv.containers, `${name}:1`, inv.images).map((c) => c.id);
      const shown = filterContainers(inv.containers, 'stopped', ancestorFamily(inv.images, imageId(name)));
      expect(shown.map((c) => c.id).sort(), name).toEqual(planned.sort());
    }
    expect(selectStoppedContainers(inv.containers, 'app:1', inv.images).map((c) => c.id)).toEqual([
      containerId('on-debug'),
    ]);
  });
});
