// The endpoint → dockerode options mapping, including the docker-modem trap:
// its defaults from DOCKER_HOST must never override the endpoint we chose.

import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from 'node:https';
import { createDockerode, dockerodeOptions } from '../../src-main/engine/dockerode-options';
import { parseHost } from '../../src-main/engine/parsed-host';

const saved = process.env.DOCKER_HOST;
afterEach(() => {
  if (saved === undefined) delete process.env.DOCKER_HOST;
  else process.env.DOCKER_HOST = saved;
});

describe('parseHost', () => {
  it.each([
    ['unix:///var/run/docker.sock', { scheme: 'unix', socketPath: '/var/run/docker.sock' }],
    ['npipe:////./pipe/docker_engine', { scheme: 'npipe', socketPath: '//./pipe/docker_engine' }],
    ['tcp://10.0.0.5:2376', { scheme: 'tcp', host: '10.0.0.5', port: 2376 }],
    ['tcp://build-box', { scheme: 'tcp', host: 'build-box', port: 2375 }],
    ['ssh://me@build-box', { scheme: 'ssh', host: 'build-box', port: undefined, username: 'me' }],
    ['ssh://build-box:2222', { scheme: 'ssh', host: 'build-box', port: 2222, username: undefined }],
  ])('%s', (host, expected) => expect(parseHost(host)).toEqual(expected));

  it.each(['unix://relative.sock', 'npipe://docker', 'ftp://x', 'tcp://'])('refuses %s', (host) =>
    expect(() => parseHost(host)).toThrow(),
  );
});

describe('dockerodeOptions', () => {
  it('keeps the socket we chose even when DOCKER_HOST says tcp', () => {
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:9';
    const docker = createDockerode({ host: 'unix:///tmp/x.sock', label: 'x', source: 'user' }, '1.41');
    // docker-modem's typings leave out the fields it sets from its options.
    const modem = docker.modem as unknown as { socketPath?: string; host?: string; version?: string };
    expect(modem.socketPath).toBe('/tmp/x.sock');
    expect(modem.host).toBeUndefined();
    expect(modem.version).toBe('v1.41');
    expect(process.env.DOCKER_HOST).toBe('tcp://127.0.0.1:9');
  });

  it('speaks TLS without verification when the context skips verification', () => {
    const options = dockerodeOptions({ host: 'tcp://h:2376', label: 'h', source: 'user', tls: { verify: false } });
    expect(options.protocol).toBe('https');
    expect((options as { agent?: unknown }).agent).toBeInstanceOf(Agent);
  });

  it('plain http without TLS settings', () => {
    expect(dockerodeOptions({ host: 'tcp://h:2375', label: 'h', source: 'user' }).protocol).toBe('http');
  });
});
