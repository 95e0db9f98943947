// The volumes table's filter, search and order (src-renderer/lib/volume-rows.ts).

import { describe, expect, it } from 'vitest';
import type { VolumeSummary } from '../../src-shared/model';
import { visibleVolumes } from '../../src-renderer/lib/volume-rows';

const v = (name: string, over: Partial<VolumeSummary> = {}): VolumeSummary => ({
  name,
  driver: 'local',
  anonymous: false,
  anonymousBy: 'named',
  createdAt: null,
  labels: {},
  composeProject: null,
  size: null,
  users: [],
  ...over,
});

const all = [
  v('b-small', { size: 10 }),
  v('a-unmeasured'),
  v('anon', { anonymous: true, anonymousBy: 'engine-label', size: 500 }),
  v('db', { size: 100, composeProject: 'shop', users: [{ id: 'c1', name: 'shop-db-1', state: 'running' }] }),
];
const names = (list: VolumeSummary[]) => list.map((x) => x.name);

describe('the volumes table', () => {
  it('lists the biggest first, unmeasured last, then by name', () => {
    expect(names(visibleVolumes(all, 'all', ''))).toEqual(['anon', 'db', 'b-small', 'a-unmeasured']);
  });

  it('filters by kind and by whether a container mounts it', () => {
    expect(names(visibleVolumes(all, 'anonymous', ''))).toEqual(['anon']);
    expect(names(visibleVolumes(all, 'named', ''))).toEqual(['db', 'b-small', 'a-unmeasured']);
    expect(names(visibleVolumes(all, 'in-use', ''))).toEqual(['db']);
    expect(names(visibleVolumes(all, 'unused', ''))).toEqual(['anon', 'b-small', 'a-unmeasured']);
  });

  it('searches the name, the compose project and the containers mounting it', () => {
    expect(names(visibleVolumes(all, 'all', 'SHOP'))).toEqual(['db']);
    expect(names(visibleVolumes(all, 'all', ' db-1 '))).toEqual(['db']);
    expect(names(visibleVolumes(all, 'named', 'anon'))).toEqual([]);
  });
});
