// A bounded connection attempt: an address that accepts the connection and then
// says nothing is given up on in time, in words, not left hanging.

import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say } from '../../src-shared/messages/translate';
import { testConnection } from '../../src-main/engine/test-connection';

describe('testConnection', () => {
  let server: Server;
  let port = 0;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts, never answers: what a firewall's black hole or a wrong port can look like.
    server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives up on a silent engine after the bound, saying so in both languages', async () => {
    const started = Date.now();
    const found = await testConnection({ host: `tcp://127.0.0.1:${port}`, label: 'x', source: 'user' }, 300);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(found).toMatchObject({ state: 'unreachable', says: { key: 'health.noAnswerWithin' } });
    expect(found.message).toBe(
      `No answer from tcp://127.0.0.1:${port} within 0.3 s: is the engine running there, and is the address right?`,
    );
    expect(say('zh', found.says!)).toContain('秒内没有应答');
  });

  it('passes the connection failure’s own state and words on', async () => {
    const found = await testConnection({ host: 'tcp://127.0.0.1:1', label: 'x', source: 'user' });
    expect(found).toMatchObject({ state: 'unreachable', says: { key: 'health.nothingAnswers' } });
    expect(found.engine).toBeUndefined();
  });
});
