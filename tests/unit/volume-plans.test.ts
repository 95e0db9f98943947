// Volume rules (src-shared/volumes.ts) and volume plans (planning/volume-steps.ts)
// on hand-built volume lists. The engines' own marks are checked live in
// tests/integration/volumes.test.ts.

import { describe, expect, it } from 'vitest';
import type { ContainerSummary, VolumeSummary } from '../../src-shared/model';
import { say } from '../../src-shared/messages/translate';
import { anonymityOf, prunableVolume, volumeUsers } from '../../src-shared/volumes';
import { planCleanup } from '../../src-main/planning/planner';
import { bareInput } from './support/inventory-builder';

const HEX = 'ab'.repeat(32);

function container(name: string, state: ContainerSummary['state'], volumes: string[]): ContainerSummary {
  return {
    id: `${name}-id`,
    names: [`/${name}`],
    imageId: `sha256:${'0'.repeat(64)}`,
    imageRef: 'x',
    state,
    status: '',
    created: 0,
    composeProject: null,
    labels: {},
    mounts: volumes.map((v) => ({ type: 'volume', name: v, destination: '/d', anonymous: false })),
    sizeRw: null,
  };
}

function volume(name: string, over: Partial<VolumeSummary> = {}): VolumeSummary {
  return {
    name,
    driver: 'local',
    anonymous: false,
    anonymousBy: 'named',
    createdAt: '2026-12-01T10:00:00Z',
    labels: {},
    composeProject: null,
    size: 1000,
    users: [],
    ...over,
  };
}

const plan = (intent: Parameters<typeof planCleanup>[0]['intent'], volumes: VolumeSummary[]) =>
  planCleanup(bareInput(intent, { volumes }));

describe('which volumes are anonymous', () => {
  it("takes the engine's own mark where it keeps one", () => {
    const label = { 'com.docker.volume.anonymous': '' };
    expect(anonymityOf({ name: 'data', labels: label, engineMarks: true })).toEqual({
      anonymous: true,
      by: 'engine-label',
    });
    expect(anonymityOf({ name: 'data', labels: {}, engineField: true, engineMarks: true })).toEqual({
      anonymous: true,
      by: 'engine-field',
    });
    // An engine that marks anonymous volumes: a 64-hex name without the mark was named by a person.
    expect(anonymityOf({ name: HEX, labels: {}, engineMarks: true })).toEqual({ anonymous: false, by: 'named' });
  });

  it('falls back to the generated name on engines that keep no mark (Docker 20.10)', () => {
    expect(anonymityOf({ name: HEX, labels: {}, engineMarks: false })).toEqual({
      anonymous: true,
      by: 'generated-name',
    });
    expect(anonymityOf({ name: 'pgdata', labels: {}, engineMarks: false })).toEqual({ anonymous: false, by: 'named' });
    expect(anonymityOf({ name: HEX.slice(2), labels: {}, engineMarks: false }).anonymous).toBe(false);
  });

  it('knows who mounts each volume, each container once', () => {
    const users = volumeUsers([
      container('db', 'running', ['pgdata', 'pgdata']),
      container('old', 'exited', ['pgdata', HEX]),
    ]);
    expect(users.get('pgdata')).toEqual([
      { id: 'db-id', name: 'db', state: 'running' },
      { id: 'old-id', name: 'old', state: 'exited' },
    ]);
    expect(users.get(HEX)).toEqual([{ id: 'old-id', name: 'old', state: 'exited' }]);
  });
});

describe('volume plans', () => {
  const anonymousFree = volume(HEX, { anonymous: true, anonymousBy: 'engine-label', size: 300 });
  const anonymousHeld = volume('cd'.repeat(32), {
    anonymous: true,
    anonymousBy: 'engine-label',
    users: [{ id: 'c1', name: 'web', state: 'exited' }],
  });
  const namedFree = volume('cache', { size: 4000 });
  const namedHeld = volume('pgdata', { users: [{ id: 'c2', name: 'db', state: 'running' }] });
  const all = [anonymousFree, anonymousHeld, namedFree, namedHeld];

  it('prune takes anonymous volumes no container mounts, and nothing named', () => {
    expect(all.filter(prunableVolume)).toEqual([anonymousFree]);
    const p = plan({ type: 'prune-volumes' }, all);
    expect(p.steps.map((s) => [s.action, s.target, s.reason, s.bytes])).toEqual([
      ['remove-volume', HEX, 'unused-volume', 300],
    ]);
    expect(p.steps[0]!.expect).toEqual({ volumeCreatedAt: '2026-12-01T10:00:00Z' });
    expect(p.steps[0]!.risks).toEqual([]);
    expect(p.bytesFreed).toBe(300);
    expect(p.exact).toBe(true);
    expect(p.commands).toEqual([`docker volume rm ${HEX}`]);
  });

  it('by name: a named volume goes, marked; one in use never, saying who holds it', () => {
    const p = plan({ type: 'remove-volumes', names: ['cache', 'pgdata', 'nope', 'cache'] }, all);
    expect(p.steps.map((s) => [s.target, s.reason])).toEqual([['cache', 'selected']]);
    expect(p.steps[0]!.risks).toEqual([{ kind: 'removes-volume', volume: 'cache' }]);
    expect(p.skipped.map((s) => [s.target, s.conflict])).toEqual([
      ['pgdata', 'in-use'],
      ['nope', 'not-found'],
    ]);
    expect(say('en', p.skipped[0]!.reason)).toBe(
      'Volume pgdata stays: the container "db" mounts it. A volume in use is never removed; remove that container first if the volume should go.',
    );
    expect(p.bytesFreed).toBe(4000);
    expect(p.commands).toEqual(['docker volume rm cache']);
  });

  it('a size the engine did not measure makes the figure "about", naming the volume', () => {
    const p = plan({ type: 'remove-volumes', names: ['cache'] }, [volume('cache', { size: null })]);
    expect(p.exact).toBe(false);
    expect(p.inexactReasons.map((r) => say('en', r))).toEqual(['the engine did not measure the size of cache']);
  });
});
