// A transparent unix-socket relay in front of a real engine that counts what the
// client sends. Nothing is answered or altered here: bytes go through both ways.
// The fuzz test points Barnacle at the relay, so "no request reached the engine"
// is measured on the wire rather than inferred.
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';

export interface CountingProxy {
  /** 'unix:///tmp/…/engine.sock' */
  host: string;
  /** Bytes the client has sent towards the engine. */
  readonly bytesSent: number;
  /** Request lines seen ("GET /v1.41/images/json?all=1"), for failure messages. */
  readonly requests: readonly string[];
  /** Resolves once nothing has been sent for `quietMs` (the client's background work has settled). */
  settle(quietMs?: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const REQUEST_LINE = /^(GET|HEAD|POST|PUT|DELETE|PATCH) (\S+) HTTP\/1\.[01]\r\n/;

export async function startCountingProxy(engineSocketPath: string): Promise<CountingProxy> {
  const dir = mkdtempSync('/tmp/bnfz-');
  const path = join(dir, 'engine.sock');
  let bytesSent = 0;
  let lastSentAt = Date.now();
  const requests: string[] = [];
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    const engine = createConnection(engineSocketPath);
    sockets.add(client).add(engine);
    client.on('data', (chunk: Buffer) => {
      bytesSent += chunk.length;
      lastSentAt = Date.now();
      const line = REQUEST_LINE.exec(chunk.toString('latin1', 0, 2048));
      if (line) requests.push(`${line[1]} ${line[2]}`);
    });
    client.pipe(engine).pipe(client);
    const drop = () => {
      client.destroy();
      engine.destroy();
      sockets.delete(client);
      sockets.delete(engine);
    };
    client.on('error', drop).on('close', drop);
    engine.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(path, resolve));

  return {
    host: `unix://${path}`,
    get bytesSent() {
      return bytesSent;
    },
    get requests() {
      return requests;
    },
    async settle(quietMs = 500, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() - lastSentAt < quietMs) {
        if (Date.now() > deadline)
          throw new Error(`client still sending after ${timeoutMs} ms: ${requests.slice(-5).join(', ')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
