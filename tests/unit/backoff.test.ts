// Retry delays for the engine connection and its event stream (security review,
// issue 13 item 3): growing, bounded, and starting over only after a stay up.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import { Backoff, exponentialDelays, listedDelays } from '../../src-main/engine/backoff';
import type { EngineConnection } from '../../src-main/engine/connection';
import { EngineSession } from '../../src-main/engine/session';
import { keepFollowingEvents, type LiveMode } from '../../src-main/inventory/live-updates';
import type { Endpoint } from '../../src-shared/model';

describe('delay schedules', () => {
  it('doubles from the first delay up to the cap', () => {
    const delays = exponentialDelays(1_000, 60_000);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map(delays)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('refuses schedules that would spin or never grow', () => {
    expect(() => exponentialDelays(0, 1_000)).toThrow(RangeError);
    expect(() => exponentialDelays(1_000, 500)).toThrow(RangeError);
    expect(() => exponentialDelays(100, 1_000, 0.5)).toThrow(RangeError);
  });

  it('walks a listed schedule and repeats its last delay', () => {
    const delays = listedDelays([200, 400]);
    expect([0, 1, 2, 9].map(delays)).toEqual([200, 400, 400, 400]);
    expect(listedDelays([])(0)).toBe(15_000);
  });
});

describe('Backoff', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 0;
  });

  it('grows with each failure', () => {
    const backoff = new Backoff(exponentialDelays(1_000, 8_000), 30_000, clock);
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([
      1_000, 2_000, 4_000, 8_000, 8_000,
    ]);
    expect(backoff.attempt).toBe(5);
  });

  it('keeps counting when it comes up and drops again at once', () => {
    const backoff = new Backoff(exponentialDelays(1_000, 60_000), 30_000, clock);
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      backoff.up();
      now += 50; // up for 50 ms: a proxy that ends the stream at once
      expect(backoff.down()).toBe(false);
      delays.push(backoff.next());
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('starts over once it has stayed up for stableMs', () => {
    const backoff = new Backoff(exponentialDelays(1_000, 60_000), 30_000, clock);
    backoff.next();
    backoff.next();
    backoff.next();
    backoff.up();
    now += 29_999;
    expect(backoff.stable).toBe(false);
    now += 1;
    expect(backoff.stable).toBe(true);
    expect(backoff.down()).toBe(true);
    expect(backoff.attempt).toBe(0);
    expect(backoff.next()).toBe(1_000);
  });

  it('a failure after a long stay up starts from the first delay (without down() first)', () => {
    const backoff = new Backoff(exponentialDelays(1_000, 60_000), 10_000, clock);
    backoff.next();
    backoff.next();
    backoff.up();
    now += 60_000;
    expect(backoff.next()).toBe(1_000);
  });

  it('reset forgets attempts and uptime', () => {
    const backoff = new Backoff(listedDelays([100, 200, 300]), 1_000, clock);
    backoff.next();
    backoff.next();
    backoff.up();
    backoff.reset();
    expect(backoff.stable).toBe(false);
    expect(backoff.next()).toBe(100);
  });
});

const endpoint: Endpoint = { host: 'unix:///tmp/nowhere.sock', label: 'test', source: 'user' };
const engine = {
  kind: 'docker',
  version: '27.0.0',
  apiVersion: '1.47',
  pinnedApiVersion: '1.47',
  imageStore: 'classic',
  os: 'linux',
  arch: 'amd64',
  name: 'test',
} as const;

describe('EngineSession.lost()', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  function session(stableMs: number) {
    let connects = 0;
    const s = new EngineSession(endpoint, {
      backoffMs: [500, 1_000, 2_000],
      stableMs,
      connect: async () => {
        connects++;
        return { endpoint, docker: {} as Docker, engine: { ...engine } } as EngineConnection;
      },
    });
    return { s, connects: () => connects };
  }

  it('waits longer each time a connection drops right after it was made', async () => {
    const { s, connects } = session(30_000);
    expect((await s.start()).state).toBe('connected');
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      s.lost();
      expect(s.health.state).toBe('connecting');
      expect(s.current()).toBeNull();
      const before = connects();
      const started = Date.now();
      while (connects() === before) await vi.advanceTimersByTimeAsync(50);
      waits.push(Date.now() - started);
      expect(s.health.state).toBe('connected');
    }
    expect(waits).toEqual([500, 1_000, 2_000, 2_000]);
    s.stop();
  });

  it('reconnects at once when the connection had stayed up, and counts from the start again', async () => {
    const { s, connects } = session(5_000);
    await s.start();
    s.lost();
    await vi.advanceTimersByTimeAsync(500);
    s.lost();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(connects()).toBe(3);
    await vi.advanceTimersByTimeAsync(5_000); // stays up
    s.lost();
    await vi.advanceTimersByTimeAsync(0);
    expect(connects()).toBe(4);
    expect(s.health.state).toBe('connected');
    s.lost(); // dropped again at once: the first delay, not the third
    await vi.advanceTimersByTimeAsync(499);
    expect(connects()).toBe(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(connects()).toBe(5);
    s.stop();
  });

  it('shows polling as part of the connected state, once per change', async () => {
    const { s } = session(30_000);
    await s.start();
    const seen: unknown[] = [];
    s.onHealth((h) => seen.push(h.state === 'connected' ? (h.liveUpdates ?? 'live') : h.state));
    s.setLiveUpdates('live');
    s.setLiveUpdates('polling');
    s.setLiveUpdates('polling');
    s.setLiveUpdates('live');
    expect(seen).toEqual(['polling', 'live']);
    expect(s.health).not.toHaveProperty('liveUpdates');
    s.stop();
  });
});

/** A stand-in for dockerode's getEvents/ping: the schedule is under test here, not the engine (see events-denied.test.ts). */
function fakeEngine(answer: () => 'deny' | 'end' | 'open') {
  const calls = { events: 0, ping: 0 };
  const open: PassThrough[] = [];
  const docker = {
    getEvents: async () => {
      calls.events++;
      const what = answer();
      if (what === 'deny') throw Object.assign(new Error('(HTTP code 403) forbidden'), { statusCode: 403 });
      const stream = new PassThrough();
      open.push(stream);
      if (what === 'end') setTimeout(() => stream.end(), 0);
      return stream;
    },
    ping: async () => {
      calls.ping++;
      return 'OK';
    },
  } as unknown as Docker;
  return { docker, calls, open };
}

describe('keepFollowingEvents', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  const tuning = {
    retryMs: { first: 1_000, max: 8_000 },
    pollMs: 5_000,
    stableMs: 30_000,
    confirmMs: 500,
    onEvents: async () => undefined,
  };

  it('retries a refused stream with growing delays and polls meanwhile', async () => {
    const { docker, calls } = fakeEngine(() => 'deny');
    const modes: LiveMode[] = [];
    let refreshes = 0;
    const follow = keepFollowingEvents(docker, {
      ...tuning,
      refresh: async () => refreshes++,
      onMode: (m) => modes.push(m),
      onEngineGone: () => expect.unreachable(),
    });
    const attemptsAt: number[] = [];
    await vi.advanceTimersByTimeAsync(0);
    attemptsAt.push(...Array<number>(calls.events).fill(Date.now()));
    for (let t = 100; t <= 20_000; t += 100) {
      const before = calls.events;
      await vi.advanceTimersByTimeAsync(100);
      if (calls.events > before) attemptsAt.push(Date.now());
    }
    // 0, then 1, 2, 4, 8, 8 s later.
    expect(attemptsAt).toEqual([0, 1_000, 3_000, 7_000, 15_000]);
    expect(modes).toEqual(['polling']);
    expect(refreshes).toBe(4); // every 5 s
    expect(calls.ping).toBe(0); // a 403 is an answer: the engine is there
    follow.close();
  });

  it('does not announce live for a stream that ends at once', async () => {
    const { docker, calls } = fakeEngine(() => 'end');
    const modes: LiveMode[] = [];
    const follow = keepFollowingEvents(docker, {
      ...tuning,
      refresh: async () => undefined,
      onMode: (m) => modes.push(m),
      onEngineGone: () => expect.unreachable(),
    });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(calls.events).toBe(5);
    expect(calls.ping).toBe(5); // each end is checked: has the engine itself gone?
    expect(modes).toEqual(['polling']);
    follow.close();
  });

  it('goes back to live when the stream stays open, and stops polling', async () => {
    let refuse = true;
    const { docker } = fakeEngine(() => (refuse ? 'deny' : 'open'));
    const modes: LiveMode[] = [];
    let refreshes = 0;
    const follow = keepFollowingEvents(docker, {
      ...tuning,
      refresh: async () => refreshes++,
      onMode: (m) => modes.push(m),
      onEngineGone: () => expect.unreachable(),
    });
    await vi.advanceTimersByTimeAsync(0);
    refuse = false;
    await vi.advanceTimersByTimeAsync(1_000 + 500); // retry, then confirmed
    expect(modes).toEqual(['polling', 'live']);
    expect(refreshes).toBe(1); // what changed while polling
    await vi.advanceTimersByTimeAsync(60_000);
    expect(refreshes).toBe(1);
    follow.close();
  });

  it('hands over to the session when the engine itself stops answering', async () => {
    const { docker, open } = fakeEngine(() => 'open');
    (docker as unknown as { ping: () => Promise<never> }).ping = () =>
      Promise.reject(Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' }));
    const gone: unknown[] = [];
    const follow = keepFollowingEvents(docker, {
      ...tuning,
      refresh: async () => undefined,
      onMode: () => undefined,
      onEngineGone: (err) => gone.push(err),
    });
    await vi.advanceTimersByTimeAsync(1_000);
    open[0]!.end();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(gone).toHaveLength(1);
    expect(open).toHaveLength(1); // no retries after that: the session reconnects
    follow.close();
  });
});
