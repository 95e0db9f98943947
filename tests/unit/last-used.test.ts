// The last-used store: the latest use of each image kept, per engine, across
// opens; a damaged file ignored and rebuilt; images gone dropped; compact on
// disk. And what feeds it: events named by ID, by name or by their container.

import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { laterUse, lastUseOf, lastUseSortKey } from '../../src-shared/last-used';
import { LastUsedStore, lastUsedPath } from '../../src-main/inventory/last-used-store';
import {
  imageIdOf,
  readEventHistory,
  recordContainers,
  recordEvents,
  usesOfEvents,
} from '../../src-main/inventory/usage-feed';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { parseEngineEvent } from '../../src-main/inventory/engine-events';
import type { RawContainer, RawImage } from '../../src-main/inventory/engine-answers';

const hex = (n: number) => n.toString(16).padStart(8, '0') + 'a'.repeat(56);
const id = (n: number) => `sha256:${hex(n)}`;
const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2026, 11, 2, 12);

describe('last uses, pure', () => {
  it('keeps the later use, and on a tie the better evidence', () => {
    expect(laterUse({ at: 2, source: 'container' }, { at: 1, source: 'event' })).toEqual({
      at: 2,
      source: 'container',
    });
    expect(laterUse({ at: 2, source: 'container' }, { at: 2, source: 'event' })).toEqual({ at: 2, source: 'event' });
    expect(laterUse(undefined, { at: 1, source: 'event' })).toEqual({ at: 1, source: 'event' });
  });

  it("falls back to the image's own date, saying since when nothing was seen", () => {
    expect(lastUseOf(undefined, 100, T0)).toEqual({ at: 100_000, source: 'image-date', watchingSince: T0 });
    expect(lastUseOf({ at: 5, source: 'event' }, 100, T0)).toEqual({ at: 5, source: 'event' });
    expect(lastUseSortKey({ created: 100 })).toBe(100_000);
  });
});

describe('LastUsedStore on disk', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'barnacle-used-'));
    path = lastUsedPath(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps the latest use per image and engine across opens, with when watching began, and writes 0600', async () => {
    const a = await LastUsedStore.open(path, 'engine-a', () => T0);
    expect(a.record(id(1), T0 + 5, 'event')).toBe(true);
    expect(a.record(id(1), T0 + 1, 'container')).toBe(false);
    a.record(id(2), T0 - DAY, 'container');
    a.markSeen(T0 + 10);
    await a.save();
    const b = await LastUsedStore.open(path, 'engine-b', () => T0 + DAY);
    b.record(id(1), T0 + 99, 'event-history');
    await b.save();

    const again = await LastUsedStore.open(path, 'engine-a', () => T0 + 2 * DAY);
    expect(again.get(id(1))).toEqual({ at: T0 + 5, source: 'event' });
    expect(again.get(id(2))).toEqual({ at: T0 - DAY, source: 'container' });
    expect(again.watchingSince).toBe(T0);
    expect(again.seenUntil).toBe(T0 + 10);
    expect((await LastUsedStore.open(path, 'engine-b')).get(id(1))).toEqual({ at: T0 + 99, source: 'event-history' });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses what is not an image ID or a time', () => {
    const s = new LastUsedStore();
    expect(s.record('alpine:latest', T0, 'event')).toBe(false);
    expect(s.record(id(1), Number.NaN, 'event')).toBe(false);
    expect(s.record(id(1), T0, 'image-date')).toBe(false);
    expect(s.size).toBe(0);
  });

  it('drops images gone from the engine on save', async () => {
    const s = await LastUsedStore.open(path, 'e');
    s.record(id(1), T0, 'event');
    s.record(id(2), T0, 'event');
    s.retainOnly([id(2)]);
    await s.save();
    const again = await LastUsedStore.open(path, 'e');
    expect(again.get(id(1))).toBeUndefined();
    expect(again.size).toBe(1);
  });

  it.each([
    ['not JSON', '{"format":'],
    ['another format', JSON.stringify({ format: 'other', version: 1, engines: {} })],
    [
      'a bad entry',
      JSON.stringify({ format: 'barnacle-last-used', version: 1, engines: { e: { watchingSince: 'x' } } }),
    ],
  ])('ignores a damaged file (%s) and rebuilds it on save', async (_label, text) => {
    await writeFile(path, text);
    const s = await LastUsedStore.open(path, 'e', () => T0);
    expect(s.size).toBe(0);
    expect(s.watchingSince).toBe(T0);
    s.record(id(1), T0, 'event');
    await s.save();
    expect((await LastUsedStore.open(path, 'e')).get(id(1))).toEqual({ at: T0, source: 'event' });
  });

  it('ignores entries that are not uses, keeping the rest', async () => {
    const file = {
      format: 'barnacle-last-used',
      version: 1,
      engines: {
        e: {
          watchingSince: T0,
          seenUntil: null,
          savedAt: T0,
          images: { [hex(1)]: [T0, 'e'], [hex(2)]: [T0, 'z'], bad: [T0, 'e'] },
        },
      },
    };
    await writeFile(path, JSON.stringify(file));
    const s = await LastUsedStore.open(path, 'e');
    expect(s.size).toBe(1);
    expect(s.get(id(1))).toEqual({ at: T0, source: 'event' });
  });

  it('stays compact: 10,000 images well under 5 MB', async () => {
    const s = await LastUsedStore.open(path, 'unix:///var/run/docker.sock docker/containerd');
    for (let n = 0; n < 10_000; n++) s.record(id(n), T0 + n, 'event');
    await s.save();
    const size = (await readFile(path)).length;
    expect(size).toBeLessThan(1_000_000);
  });
});

describe('what feeds the store', () => {
  const images = new Map<string, RawImage>([
    [id(1), { Id: id(1), RepoTags: ['alpine:latest'], Created: 1, Size: 1 }],
    [id(2), { Id: id(2), RepoTags: ['docker.io/library/busybox:1.36'], Created: 1, Size: 1 }],
  ]);
  const containers = new Map<string, RawContainer>([
    ['c1', { Id: 'c1', Image: 'alpine', ImageID: id(1), State: 'exited', Created: 1000 }],
  ]);
  const lists = { images, containers };

  it('finds an image by ID, bare hex, name, a short name Podman lists in full, or a short ID', () => {
    expect(imageIdOf(id(1), lists)).toBe(id(1));
    expect(imageIdOf(hex(2), lists)).toBe(id(2));
    expect(imageIdOf('alpine', lists)).toBe(id(1));
    expect(imageIdOf('busybox:1.36', lists)).toBe(id(2));
    expect(imageIdOf(hex(2).slice(0, 12), lists)).toBe(id(2));
    expect(imageIdOf('nginx', lists)).toBeNull();
  });

  it("dates a container's create and start by the event's time, by its row or, once removed, its image's name", () => {
    const start = parseEngineEvent(
      JSON.stringify({
        Type: 'container',
        Action: 'start',
        Actor: { ID: 'c1', Attributes: { image: 'whatever', name: 'web' } },
        time: 1_700_000_000,
        // Past a double's exact range, as engines send it: the ms survive.
        timeNano: 1_700_000_000_123_456_000,
      }),
    )!;
    expect(start.time).toBe(1_700_000_000_123);
    const gone = parseEngineEvent(
      JSON.stringify({
        Type: 'container',
        Action: 'create',
        Actor: { ID: 'c9', Attributes: { image: 'busybox:1.36' } },
        time: 1_700_000_100,
      }),
    )!;
    const stop = parseEngineEvent(JSON.stringify({ Type: 'container', Action: 'stop', Actor: { ID: 'c1' }, time: 1 }))!;
    expect(usesOfEvents([start, gone, stop], lists, T0)).toEqual([
      [id(1), 1_700_000_000_123],
      [id(2), 1_700_000_100_000],
    ]);
  });

  it("dates Docker's pull by the reference it names, and skips untag and delete", () => {
    const pull = parseEngineEvent(
      JSON.stringify({ Type: 'image', Action: 'pull', Actor: { ID: 'alpine:latest' }, time: 5 }),
    )!;
    const untag = parseEngineEvent(JSON.stringify({ Type: 'image', Action: 'untag', Actor: { ID: id(2) }, time: 6 }))!;
    expect(usesOfEvents([pull, untag], lists, T0)).toEqual([[id(1), 5000]]);
  });

  it('reads a history of 200,000 events in one batch: names looked up once, no argument limit', () => {
    // Podman's journal may answer 100,000 events at once; Math.max(...times) threw past ~120,000.
    const many = Array.from({ length: 200_000 }, (_, i) => ({
      type: 'container' as const,
      action: 'create',
      id: `gone-${i}`,
      image: i % 2 ? 'alpine' : 'busybox:1.36',
      time: T0 + i,
    }));
    const store = new LastUsedStore();
    expect(recordEvents(store, many, lists, 'event-history', T0)).toBe(true);
    expect(store.get(id(1))?.at).toBe(T0 + 199_999);
    expect(store.get(id(2))?.at).toBe(T0 + 199_998);
    expect(store.seenUntil).toBe(T0 + 199_999);
  });

  it('a name two images answer to is the first listed one’s, as the engine lists them', () => {
    const twice = {
      images: new Map<string, RawImage>([
        [id(3), { Id: id(3), RepoTags: ['docker.io/library/tiny:1'], Created: 1, Size: 1 }],
        [id(4), { Id: id(4), RepoTags: ['tiny:1'], Created: 1, Size: 1 }],
      ]),
      containers: new Map<string, RawContainer>(),
    };
    expect(imageIdOf('tiny:1', twice)).toBe(id(3));
    expect(imageIdOf('library/tiny:1', twice)).toBe(id(3));
  });

  it('records uses and containers, and marks the events read up to the latest', () => {
    const store = new LastUsedStore();
    const tag = parseEngineEvent(JSON.stringify({ Type: 'image', Action: 'tag', Actor: { ID: id(2) }, time: 7 }))!;
    expect(recordEvents(store, [tag], lists, 'event-history', T0)).toBe(true);
    expect(store.get(id(2))).toEqual({ at: 7000, source: 'event-history' });
    expect(store.seenUntil).toBe(7000);
    recordContainers(store, containers.values());
    expect(store.get(id(1))).toEqual({ at: 1_000_000, source: 'container' });
  });
});

describe('reading the event history', () => {
  /** An engine whose /events answers `lines` and ends, remembering what it was asked. */
  function engineAnswering(lines: object[]) {
    const asked: Record<string, unknown>[] = [];
    const docker = {
      getEvents: async (opts: Record<string, unknown>) => {
        asked.push(opts);
        const stream = new PassThrough();
        // Split mid-line, as chunks may come.
        const text = lines.map((l) => JSON.stringify(l)).join('\n');
        setImmediate(() => {
          stream.write(text.slice(0, 30));
          stream.end(text.slice(30));
        });
        return stream;
      },
    } as unknown as Docker;
    return { docker, asked };
  }
  const start = (id: string, time: number) => ({ Type: 'container', Action: 'start', Actor: { ID: id }, time });

  it('asks Docker with until, Podman with stream=false and no until (its file log cuts an until short)', async () => {
    const docker = engineAnswering([start('a', 10), start('b', 20)]);
    expect((await readEventHistory(docker.docker, 5000, 30_000, { untilEndsStream: true })).map((e) => e.id)).toEqual([
      'a',
      'b',
    ]);
    expect(docker.asked[0]).toMatchObject({ since: 5, until: 30 });
    const podman = engineAnswering([start('a', 10), start('b', 20), start('c', 40)]);
    const read = await readEventHistory(podman.docker, 5000, 30_000, { untilEndsStream: false });
    expect(podman.asked[0]).toMatchObject({ since: 5, stream: false });
    expect(podman.asked[0]).not.toHaveProperty('until');
    // c came after the end asked for: the live stream has it.
    expect(read.map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('stops at the most events asked for', async () => {
    const { docker } = engineAnswering([start('a', 10), start('b', 20), start('c', 21)]);
    expect(await readEventHistory(docker, 0, 30_000, { untilEndsStream: true, maxEvents: 2 })).toHaveLength(2);
  });
});
