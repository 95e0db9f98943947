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

export type ParsedHost =
  | { scheme: 'unix'; socketPath: string }
  | { scheme: 'npipe'; socketPath: string }
  | { scheme: 'tcp'; host: string; port: number }
  | { scheme: 'ssh'; host: string; port: number; username: string | undefined };

export function parseHost(host: string): ParsedHost {
  if (host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length);
    if (!socketPath.startsWith('/')) throw new Error(`unix socket path must be absolute: ${host}`);
    return { scheme: 'unix', socketPath };
  }
  if (host.startsWith('npipe://')) {
    // npipe:////./pipe/docker_engine → //./pipe/docker_engine
    const pipe = host.slice('npipe://'.length).replace(/\\/g, '/');
    if (!pipe.startsWith('//./pipe/')) throw new Error(`named pipe must look like npipe:////./pipe/NAME: ${host}`);
    return { scheme: 'npipe', socketPath: pipe };
  }
  const withScheme = host.includes('://') ? host : `tcp://${host}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`not an engine address: ${host}`);
  }
  if (!url.hostname) throw new Error(`engine address has no host: ${host}`);
  if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:') {
    return { scheme: 'tcp', host: url.hostname, port: url.port ? Number(url.port) : 2375 };
  }
  if (url.protocol === 'ssh:') {
    return {
      scheme: 'ssh',
      host: url.hostname,
      port: url.port ? Number(url.port) : 22,
      username: url.username || undefined,
    };
  }
  throw new Error(`unsupported engine address scheme ${url.protocol} in ${host}`);
}

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

export function dockerodeOptions(endpoint: Endpoint, apiVersion?: string): Docker.DockerOptions {
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
      return {
        ...blank,
        protocol: 'ssh',
        host: parsed.host,
        port: parsed.port,
        username: parsed.username,
        sshOptions: { agent: process.env.SSH_AUTH_SOCK },
      } as Docker.DockerOptions;
    case 'tcp': {
      const tls = endpoint.tls;
      if (!tls) return { ...blank, host: parsed.host, port: parsed.port, protocol: 'http' };
      const read = (p: string | undefined) => (p ? readFileSync(p) : undefined);
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

export function createDockerode(endpoint: Endpoint, apiVersion?: string): Docker {
  const options = dockerodeOptions(endpoint, apiVersion);
  return withoutDockerEnv(() => new Docker(options));
}
