// An engine address split into what reaching it needs, for every scheme Barnacle
// speaks. Its own file so that the ssh dialler and the dockerode options, which
// both read it, do not import each other. Its errors are phrases: a bad --host or
// DOCKER_HOST is told to the CLI's user in their language.

import { PhraseError } from '../../src-shared/phrase-error';
import { phrase } from '../../src-shared/phrase';

export type ParsedHost =
  | { scheme: 'unix'; socketPath: string }
  | { scheme: 'npipe'; socketPath: string }
  | { scheme: 'tcp'; host: string; port: number }
  /** port: undefined when the address names none (~/.ssh/config may then set it). */
  | { scheme: 'ssh'; host: string; port: number | undefined; username: string | undefined };

export function parseHost(host: string): ParsedHost {
  if (host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length);
    if (!socketPath.startsWith('/')) throw new PhraseError(phrase('address.unixNotAbsolute', { host }));
    return { scheme: 'unix', socketPath };
  }
  if (host.startsWith('npipe://')) {
    // npipe:////./pipe/docker_engine → //./pipe/docker_engine
    const pipe = host.slice('npipe://'.length).replace(/\\/g, '/');
    if (!pipe.startsWith('//./pipe/')) throw new PhraseError(phrase('address.badPipe', { host }));
    return { scheme: 'npipe', socketPath: pipe };
  }
  const withScheme = host.includes('://') ? host : `tcp://${host}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new PhraseError(phrase('address.notAnAddress', { host }));
  }
  if (!url.hostname) throw new PhraseError(phrase('address.noHost', { host }));
  if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:') {
    return { scheme: 'tcp', host: url.hostname, port: url.port ? Number(url.port) : 2375 };
  }
  if (url.protocol === 'ssh:') {
    return {
      scheme: 'ssh',
      host: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      username: url.username || undefined,
    };
  }
  throw new PhraseError(phrase('address.badScheme', { scheme: url.protocol, host }));
}
