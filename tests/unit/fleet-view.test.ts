// The Fleet screen's arithmetic: one engine's disk usage as a stacked bar by
// type, the checkboxes of engines to watch, and where each engine's part of a
// running plan stands.

import { describe, expect, it } from 'vitest';
import type { FleetRunReport } from '../../src-shared/fleet';
import type { DiskUsage, Endpoint, EngineHealth } from '../../src-shared/model';
import { toneOfState } from '../../src-renderer/lib/engine-label';
import { partRun, toggledHosts, usageStack, watchChoices } from '../../src-renderer/components/fleet/fleet-view';

const entry = (total: number, reclaimable: number) => ({ total, reclaimable, count: 1, active: 0 });

describe('usageStack', () => {
  it('gives each type its share of the engine total, end to end, and sums what is reclaimable', () => {
    const usage: DiskUsage = {
      images: entry(600, 200),
      containers: entry(0, 0),
      volumes: entry(300, 300),
      buildCache: entry(100, 50),
      fetchedAt: 1,
      tookMs: 1,
    };
    const stack = usageStack(usage);
    expect(stack.total).toBe(1000);
    expect(stack.reclaimable).toBe(550);
    // An empty type draws no segment.
    expect(stack.segments.map((s) => [s.kind, s.pct, s.at])).toEqual([
      ['images', 60, 0],
      ['volumes', 30, 60],
      ['buildCache', 10, 90],
    ]);
  });

  it('draws nothing for an engine that holds nothing', () => {
    const zero = entry(0, 0);
    const stack = usageStack({
      images: zero,
      containers: zero,
      volumes: zero,
      buildCache: zero,
      fetchedAt: 1,
      tookMs: 1,
    });
    expect(stack).toEqual({ segments: [], total: 0, reclaimable: 0 });
  });
});

describe('the engines to watch', () => {
  const endpoints: Endpoint[] = [
    { host: 'unix:///var/run/docker.sock', label: 'default', source: 'default' },
    { host: 'unix:///run/podman/podman.sock', label: 'Podman', source: 'discovered' },
  ];

  it('ticks and fixes the current engine, ticks the watched ones, and lists a typed-in address too', () => {
    const choices = watchChoices(endpoints, ['tcp://10.0.0.5:2376'], 'unix:///var/run/docker.sock');
    expect(choices).toEqual([
      { host: 'unix:///var/run/docker.sock', label: 'default', current: true, checked: true },
      { host: 'unix:///run/podman/podman.sock', label: 'Podman', current: false, checked: false },
      { host: 'tcp://10.0.0.5:2376', label: 'tcp://10.0.0.5:2376', current: false, checked: true },
    ]);
  });

  it('adds and removes one address, never sending the current engine', () => {
    const current = 'unix:///var/run/docker.sock';
    expect(toggledHosts(['tcp://a:1'], 'tcp://b:2', true, current)).toEqual(['tcp://a:1', 'tcp://b:2']);
    expect(toggledHosts(['tcp://a:1', 'tcp://b:2'], 'tcp://a:1', false, current)).toEqual(['tcp://b:2']);
    expect(toggledHosts([current, 'tcp://a:1'], current, true, current)).toEqual(['tcp://a:1']);
  });
});

describe('partRun', () => {
  const report: FleetRunReport = {
    fleetPlanId: 'f',
    parts: [
      {
        host: 'unix:///a',
        planId: 'p1',
        report: {
          planId: 'p1',
          digest: 'd',
          startedAt: 1,
          finishedAt: 2,
          outcomes: {},
          bytesFreed: 4096,
          bytesSource: 'plan',
          finished: true,
          cancelled: false,
        },
      },
      { host: 'tcp://b:1', planId: 'p2', error: { kind: 'engine-unreachable', message: 'gone' } },
    ],
    bytesFreed: 4096,
    finished: false,
  };

  it('waits, then follows progress by plan id, then takes the result for its engine', () => {
    expect(partRun('unix:///a', 'p1', {}, null)).toEqual({ state: 'waiting' });
    expect(partRun('unix:///a', 'p1', { p1: { done: 1, total: 3 } }, null)).toEqual({
      state: 'running',
      done: 1,
      total: 3,
    });
    // Another engine's progress is not this one's.
    expect(partRun('unix:///a', 'p1', { p2: { done: 2, total: 2 } }, null)).toEqual({ state: 'waiting' });
    expect(partRun('unix:///a', 'p1', { p1: { done: 1, total: 3 } }, report)).toEqual({
      state: 'done',
      bytesFreed: 4096,
      finished: true,
    });
    expect(partRun('tcp://b:1', 'p2', {}, report)).toMatchObject({ state: 'failed', error: { message: 'gone' } });
  });

  it('tones states: connected ok, connecting pending, anything else down', () => {
    expect(
      ['connected', 'connecting', 'unreachable', 'host-key-unknown'].map((state) =>
        toneOfState(state as EngineHealth['state']),
      ),
    ).toEqual(['ok', 'pending', 'down', 'down']);
  });
});
