// Turns an endpoint URL into dockerode options that mean exactly that endpoint.
//
// docker-modem merges its own defaults, read from DOCKER_HOST / DOCKER_CERT_PATH /
// DOCKER_TLS_VERIFY, under whatever we pass: with DOCKER_HOST=tcp://… an explicit
// socketPath is silently ignored, and a bad DOCKER_CERT_PATH throws. So every key
// the defaults could set is given explicitly, and the modem is built with those
// variables hidden (see withoutDockerEnv).

import { readFileSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import Docker from 'dockerode';
import type { Endpoint } from '../../src-shared/model';
import { parseHost } from './parsed-host';
import { PhraseError } from '../../src-shared/phrase-error';
import { phrase } from '../../src-shared/phrase';

import type { SshDial } from './ssh/ssh-dial';

const envKeys = ['DOCKER_HOST', 'DOCKER_CERT_PATH', 'DOCKER_TLS_VERIFY', 'DOCKER_CLIENT_TIMEOUT'] as const;

function withoutDockerEnv<T>(build: () => T): T {
  const saved = envKeys.map((k) => [k, process.env[k]] as const);
  for (const k of envKeys) delete process.env[k];
  try {
    return build();
  } finally {
    for (const [k, v] of saved) if (v !== undefined) process.env[k] = v;
  }
}

/** A context's or DOCKER_CERT_PATH's file that has gone: which one, in words, not a bare ENOENT. */
function readTlsFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new PhraseError(phrase('health.tls.fileMissing', { file: path, said: (err as Error).message }));
  }
}

/** `ssh`: the SSH settings for an ssh:// endpoint (ssh/ssh-dial.ts), required for those. */
export function dockerodeOptions(endpoint: Endpoint, apiVersion?: string, ssh?: SshDial): Docker.DockerOptions {
  const parsed = parseHost(endpoint.host);
  const version = apiVersion ? `v${apiVersion}` : undefined;
  const blank = {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    protocol: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
    version,
  };
  switch (parsed.scheme) {
    case 'unix':
    case 'npipe':
      return { ...blank, socketPath: parsed.socketPath };
    case 'ssh':
      if (!ssh) throw new Error(`no SSH settings for ${endpoint.host}`);
      return {
        ...blank,
        protocol: 'ssh',
        host: ssh.host.hostName,
        port: ssh.host.port,
        username: ssh.host.user,
        sshOptions: ssh.sshOptions,
      } as Docker.DockerOptions;
    case 'tcp': {
      const tls = endpoint.tls;
      if (!tls) return { ...blank, host: parsed.host, port: parsed.port, protocol: 'http' };
      const read = (p: string | undefined) => (p ? readTlsFile(p) : undefined);
      const material = { ca: read(tls.caPath), cert: read(tls.certPath), key: read(tls.keyPath) };
      return {
        ...blank,
        ...material,
        host: parsed.host,
        port: parsed.port,
        protocol: 'https',
        // SkipTLSVerify / DOCKER_TLS without VERIFY: TLS still, without checking the server's
        // certificate, as the docker CLI does. docker-modem has no switch for it; an agent does.
        ...(tls.verify ? {} : { agent: new HttpsAgent({ ...material, rejectUnauthorized: false }) }),
      } as Docker.DockerOptions;
    }
  }
}

export function createDockerode(endpoint: Endpoint, apiVersion?: string, ssh?: SshDial): Docker {
  const options = dockerodeOptions(endpoint, apiVersion, ssh);
  return withoutDockerEnv(() => new Docker(options));
}
