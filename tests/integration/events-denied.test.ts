// Security review, issue 13 item 3: an engine whose /version answers but whose
// /events is refused or ends at once (a socket proxy, an authorization plugin)
// must not make Barnacle loop connect → lists → disk usage as fast as the
// engine answers. A real HTTP proxy in front of a live engine forwards every
// request except /events, and counts what reaches the engine.

import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BarnacleCore } from '../../src-main/core/barnacle-core';
import { normalizeImageId } from '../../src-shared/ids';
import { assertHarnessClient, buildImage } from '../engines/harness';
import { describeEachEngine } from '../engines/use-engines';

/** What the proxy does with /events: answer 403, answer 200 and end at once, or drop the connection. */
type EventsMode = 'deny' | 'end' | 'hang-up';

interface EventsProxy {
  host: string;
  /** API paths without the version prefix, one entry per request ('/images/json'). */
  readonly calls: readonly string[];
  count(path: string): number;
  close(): Promise<void>;
}

async function startEventsProxy(engineSocket: string, socketPath: string, mode: EventsMode): Promise<EventsProxy> {
  const calls: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0]!.replace(/^\/v\d+(\.\d+)?(?=\/)/, '');
    calls.push(path);
    if (path === '/events') {
      if (mode === 'deny') {
        res.writeHead(403, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: 'authorization denied by plugin events-policy: /events' }));
      } else if (mode === 'end') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end();
      } else {
        req.socket.destroy();
      }
      return;
    }
    const upstream = request(
      { socketPath: engineSocket, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socketPath, resolve));
  return {
    host: `unix://${socketPath}`,
    calls,
    count: (path) => calls.filter((c) => c === path).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const WINDOW_MS = 3_000;
const POLL_MS = 1_000;

describeEachEngine('events refused by a proxy', (engine) => {
  const engineSocket = engine.host.slice('unix://'.length);
  let imageId: string;

  beforeAll(async () => {
    imageId = await buildImage(engine.docker, {
      tag: 'evproxy/victim:1',
      files: { '/victim.txt': `victim ${Date.now()}` },
    });
  });
  afterAll(async () => {
    await engine.docker
      .getImage(imageId)
      .remove({ force: true })
      .catch(() => undefined);
  });

  it.each<EventsMode>(['deny', 'end', 'hang-up'])(
    '/events %s: backs off, polls the lists, and stays connected',
    async (mode) => {
      const victim = normalizeImageId(mode === 'deny' ? imageId : await retag(mode));
      const proxy = await startEventsProxy(engineSocket, join(engine.dir, `events-${mode}.sock`), mode);
      const core = new BarnacleCore(
        { host: proxy.host, label: `${engine.kind} behind a proxy`, source: 'user' },
        {
          backoffMs: [200, 400],
          stableMs: 10_000,
          liveUpdates: { retryMs: { first: 250, max: 1_000 }, pollMs: POLL_MS },
        },
      );
      try {
        expect((await core.start()).state).toBe('connected');
        await sleep(WINDOW_MS);
        const figures = {
          version: proxy.count('/version'),
          images: proxy.count('/images/json'),
          containers: proxy.count('/containers/json'),
          df: proxy.count('/system/df'),
          events: proxy.count('/events'),
          total: proxy.calls.length,
        };
        console.log(`${engine.name} /events ${mode}: requests in ${WINDOW_MS} ms`, JSON.stringify(figures));
        expect(figures.version).toBeLessThanOrEqual(3);
        expect(figures.images).toBeLessThanOrEqual(10);
        expect(figures.containers).toBeLessThanOrEqual(10);
        expect(figures.df).toBeLessThanOrEqual(3);
        // It did keep trying the stream, with growing delays (250, 500, 1000, 1000 ms).
        expect(figures.events).toBeGreaterThanOrEqual(2);
        expect(figures.events).toBeLessThanOrEqual(8);

        const health = core.session.health;
        expect(health.state).toBe('connected');
        if (health.state === 'connected') expect(health.liveUpdates).toBe('polling');

        // Without events, the lists are read on the polling timer.
        expect(core.inventory.snapshot?.images.some((i) => i.id === victim)).toBe(true);
        assertHarnessClient(engine.docker);
        await engine.docker.getImage(victim).remove({ force: true });
        const removedAt = Date.now();
        while (core.inventory.snapshot?.images.some((i) => i.id === victim)) {
          if (Date.now() - removedAt > POLL_MS + 2_000)
            throw new Error(`still listed ${Date.now() - removedAt} ms later`);
          await sleep(50);
        }
      } finally {
        core.close();
        await proxy.close();
      }
    },
  );

  /** Each case removes an image: the later ones get their own. */
  async function retag(mode: EventsMode): Promise<string> {
    return buildImage(engine.docker, {
      tag: `evproxy/victim-${mode}:1`,
      files: { '/victim.txt': `victim ${mode} ${Date.now()}` },
    });
  }
});
