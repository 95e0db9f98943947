// Engine addresses written the way the docker CLI writes them, so an endpoint we show
// (and the `docker -H …` command we print) reads the same as `docker context inspect`.
// Mirrors docker/cli `opts.ParseHost`: `tcp://h` gains port 2375, `unix://` alone
// means /var/run/docker.sock, an empty DOCKER_HOST means the platform default.

import { PhraseError } from '../../src-shared/phrase-error';
import { phrase } from '../../src-shared/phrase';
import { parseHost } from './parsed-host';

/** The docker CLI's default engine on this platform (its "default" context without DOCKER_HOST). */
export function platformDefaultHost(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock';
}

/** Where the CLI goes when TLS is switched on (DOCKER_TLS / DOCKER_TLS_VERIFY) but no host is given. */
export const DEFAULT_TLS_HOST = 'tcp://localhost:2376';

const DEFAULT_TCP_PORT = '2375';

/**
 * Normalises a --host / DOCKER_HOST value like the docker CLI, then checks that Barnacle
 * can connect to it. Throws a PhraseError naming the bad value.
 */
export function normalizeDockerHost(raw: string, platform: NodeJS.Platform, tlsEnabled = false): string {
  const value = raw.trim();
  if (value === '') return tlsEnabled ? DEFAULT_TLS_HOST : platformDefaultHost(platform);
  const host = withCliDefaults(value);
  parseHost(host); // throws with a readable message when dockerode-options cannot use it
  return host;
}

function withCliDefaults(value: string): string {
  const schemeEnd = value.indexOf('://');
  if (schemeEnd < 0) {
    // Current docker/cli master reads a bare path as a unix socket; CLI 28.2 still turned
    // DOCKER_HOST=/x.sock into tcp://localhost:2375/x.sock, which can never have worked.
    if (value.startsWith('/') || value.startsWith('./')) return `unix://${value}`;
    return tcpWithPort(value, value);
  }
  const scheme = value.slice(0, schemeEnd);
  const rest = value.slice(schemeEnd + 3);
  switch (scheme) {
    case 'tcp':
      return tcpWithPort(rest, value);
    case 'unix':
      return `unix://${rest || '/var/run/docker.sock'}`;
    case 'npipe':
      return `npipe://${rest || '//./pipe/docker_engine'}`;
    case 'ssh':
      return value;
    default:
      throw new PhraseError(phrase('address.invalidScheme', { host: value }));
  }
}

function tcpWithPort(address: string, original: string): string {
  if (address === '') return `tcp://localhost:${DEFAULT_TCP_PORT}`;
  if (address.includes('://')) throw new PhraseError(phrase('address.invalidTcp', { host: original }));
  let url: URL;
  try {
    url = new URL(`tcp://${address}`);
  } catch {
    throw new PhraseError(phrase('address.invalidTcp', { host: original }));
  }
  const hostname = url.hostname || 'localhost';
  const port = url.port || DEFAULT_TCP_PORT;
  return `tcp://${hostname}:${port}${url.pathname}`;
}
