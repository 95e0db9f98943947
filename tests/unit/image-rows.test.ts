// The images table's rows, badges, filters and sort: pure functions over the inventory.
import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../src-shared/model';
import { filterRows, imageStatus, refForRow, sortRows, toRows } from '../../src-renderer/lib/image-rows';

const hex = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;
const NOW = 1_800_000_000_000;
const day = 24 * 3600;

function image(n: number, over: Partial<ImageSummary> = {}): ImageSummary {
  return {
    id: hex(n),
    tags: [],
    digests: [],
    pullBack: { state: 'local', evidence: 'no-repo-digest' },
    created: NOW / 1000 - n * day,
    size: n * 1000,
    parent: null,
    children: [],
    dangling: (over.tags ?? []).length === 0,
    unused: (over.containers ?? []).length === 0,
    labels: {},
    containers: [],
    ...over,
  };
}

const images = [
  image(1, {
    tags: ['web:latest'],
    digests: ['web@sha256:aa'],
    pullBack: { state: 'registry', evidence: 'repo-digest' },
    containers: [{ id: 'c1', name: 'web-1', state: 'running' }],
  }),
  image(2, { tags: ['api:1.4.2', 'api:latest', 'registry.local:5000/team/api:stable'] }),
  image(3),
  image(10, { tags: ['worker:2.0'], containers: [{ id: 'c2', name: 'worker-old', state: 'exited' }] }),
  image(40, { tags: ['old:1'] }),
];
const collator = new Intl.Collator('en', { numeric: true });
const rows = toRows(images);

describe('rows', () => {
  it('has one row per tag and one per dangling image', () => {
    expect(rows.map((r) => r.ref)).toEqual([
      'web:latest',
      'api:1.4.2',
      'api:latest',
      'registry.local:5000/team/api:stable',
      null,
      'worker:2.0',
      'old:1',
    ]);
    const registry = rows.find((r) => r.ref?.startsWith('registry'))!;
    expect([registry.repository, registry.tag]).toEqual(['registry.local:5000/team/api', 'stable']);
    expect(rows.find((r) => r.ref === null)!.repository).toBe('<none>');
  });

  it('removes a tagged row by its tag and a dangling one by ID', () => {
    expect(refForRow(rows[0]!)).toBe('web:latest');
    expect(refForRow(rows[4]!)).toBe(hex(3));
  });

  it('gives each image its badges', () => {
    expect(imageStatus(images[0]!)).toEqual(['running']);
    expect(imageStatus(images[1]!)).toEqual(['unused', 'not-pullable']);
    expect(imageStatus(images[2]!)).toEqual(['unused', 'dangling', 'not-pullable']);
    expect(imageStatus(images[3]!)).toEqual(['stopped-only', 'not-pullable']);
  });

  it('badges only an image certainly made here, not one whose source the engine does not record', () => {
    const unknown = image(5, { tags: ['built:1'], digests: ['built@sha256:bb'] });
    unknown.pullBack = { state: 'unknown', evidence: 'containerd-store-no-source' };
    expect(imageStatus(unknown)).toEqual(['unused']);
    const podmanLocal = image(6, { tags: ['localhost/local/x:1'], digests: ['localhost/local/x@sha256:cc'] });
    podmanLocal.pullBack = { state: 'local', evidence: 'localhost-name' };
    expect(imageStatus(podmanLocal)).toEqual(['unused', 'not-pullable']);
  });

  it('an image a Podman build’s leftover container stands on is not unused, in its badge or the filters', () => {
    const held = image(7, { tags: ['localhost/app:1'] });
    held.buildContainers = ['app-working-container'];
    expect(held.unused).toBe(true); // the compat list shows no container on it
    expect(imageStatus(held)[0]).toBe('build-container');
    const heldRows = toRows([held]);
    expect(filterRows(heldRows, { query: '', usage: 'unused', age: 'any' }, NOW)).toEqual([]);
    expect(filterRows(heldRows, { query: '', usage: 'in-use', age: 'any' }, NOW)).toHaveLength(1);
  });
});

describe('filter', () => {
  const refs = (f: Parameters<typeof filterRows>[1]) => filterRows(rows, f, NOW).map((r) => r.ref ?? r.shortId);

  it('by usage', () => {
    expect(refs({ query: '', usage: 'dangling', age: 'any' })).toEqual([hex(3).slice(7, 19)]);
    expect(refs({ query: '', usage: 'in-use', age: 'any' })).toEqual(['web:latest', 'worker:2.0']);
    expect(refs({ query: '', usage: 'unused', age: 'any' })).toHaveLength(5);
  });

  it('by age, against the image’s creation time', () => {
    expect(refs({ query: '', usage: 'all', age: '7d' })).toEqual(['worker:2.0', 'old:1']);
    expect(refs({ query: '', usage: 'all', age: '30d' })).toEqual(['old:1']);
    expect(refs({ query: '', usage: 'unused', age: '24h' })).toHaveLength(5);
  });

  it('by search words over reference, ID and container names', () => {
    expect(refs({ query: 'API stable', usage: 'all', age: 'any' })).toEqual(['registry.local:5000/team/api:stable']);
    expect(refs({ query: 'worker-old', usage: 'all', age: 'any' })).toEqual(['worker:2.0']);
    expect(refs({ query: hex(3).slice(-8), usage: 'all', age: 'any' })).toHaveLength(1);
    expect(refs({ query: 'nothing-like-this', usage: 'all', age: 'any' })).toEqual([]);
  });

  it('returns the same array when nothing filters (no work per keystroke for an empty box)', () => {
    expect(filterRows(rows, { query: ' ', usage: 'all', age: 'any' }, NOW)).toBe(rows);
  });
});

describe('sort', () => {
  const order = (key: Parameters<typeof sortRows>[1]['key'], dir: 'asc' | 'desc') =>
    sortRows(rows, { key, dir }, collator).map((r) => r.ref ?? '<none>');

  it('by repository, <none> last when ascending', () => {
    expect(order('repository', 'asc')).toEqual([
      'api:1.4.2',
      'api:latest',
      'old:1',
      'registry.local:5000/team/api:stable',
      'web:latest',
      'worker:2.0',
      '<none>',
    ]);
  });

  it('by created and size, both directions', () => {
    expect(order('created', 'desc')[0]).toBe('web:latest');
    expect(order('created', 'asc')[0]).toBe('old:1');
    expect(order('size', 'desc')[0]).toBe('old:1');
  });

  it('by containers, and unknown unique sizes keep a stable order', () => {
    expect(order('containers', 'desc').slice(0, 2).sort()).toEqual(['web:latest', 'worker:2.0']);
    expect(order('unique', 'asc')).toEqual(order('unique', 'desc'));
  });

  it('by unique size, unknown ones last in both directions', () => {
    const measured = toRows([
      image(1, { tags: ['a:1'], uniqueSize: 300 }),
      image(2, { tags: ['b:1'] }),
      image(3, { tags: ['c:1'], uniqueSize: 100 }),
    ]);
    const refs = (dir: 'asc' | 'desc') => sortRows(measured, { key: 'unique', dir }, collator).map((r) => r.ref);
    expect(refs('asc')).toEqual(['c:1', 'a:1', 'b:1']);
    expect(refs('desc')).toEqual(['a:1', 'c:1', 'b:1']);
  });

  it('by last use, an image with no use seen counting by its own date', () => {
    const used = toRows([
      image(30, { tags: ['old-but-run:1'], lastUsed: { at: NOW - 1000, source: 'event' } }),
      image(2, {
        tags: ['new-unused:1'],
        lastUsed: { at: NOW - 2 * day * 1000, source: 'image-date', watchingSince: NOW },
      }),
      image(5, { tags: ['no-record:1'] }),
    ]);
    const refs = (dir: 'asc' | 'desc') => sortRows(used, { key: 'lastUsed', dir }, collator).map((r) => r.ref);
    expect(refs('desc')).toEqual(['old-but-run:1', 'new-unused:1', 'no-record:1']);
    expect(refs('asc')).toEqual(['no-record:1', 'new-unused:1', 'old-but-run:1']);
  });

  it('does not change its input', () => {
    const before = rows.map((r) => r.key);
    sortRows(rows, { key: 'size', dir: 'asc' }, collator);
    expect(rows.map((r) => r.key)).toEqual(before);
  });
});
