// Opens one endpoint: ping, identify the engine, pin the API version, and turn
// connection failures into a health state a person can act on.

import { phrase, type Phrase } from '../../src-shared/phrase';
import { say } from '../../src-shared/messages/translate';
import type Docker from 'dockerode';
import type {
  Endpoint,
  EngineHealth,
  EngineInfo,
  EngineKind,
  HostKeyProblem,
  ImageStore,
} from '../../src-shared/model';
import { createDockerode } from './dockerode-options';
import { parseHost } from './parsed-host';
import { readEngineFailure, type EngineFailure } from './engine-error';
import { hostKeyPhrase } from './ssh/host-key-guide';
import { tlsFailurePhrase } from './tls-failure';
import { saysOf } from '../../src-shared/phrase-error';
import { sshDial, sshSetupFromEnvironment, sshTarget, type SshDial, type SshSetup } from './ssh/ssh-dial';

/** Newest API we speak. Docker 29 refuses anything below 1.44, so this must stay above that. */
export const OUR_API_VERSION = '1.47';
/** Oldest API we can work with (Docker 19.03). */
export const MIN_API_VERSION = '1.40';

export interface EngineConnection {
  endpoint: Endpoint;
  docker: Docker;
  engine: EngineInfo;
}

export function compareApiVersions(a: string, b: string): number {
  const [amaj = 0, amin = 0] = a.split('.').map(Number);
  const [bmaj = 0, bmin = 0] = b.split('.').map(Number);
  return amaj - bmaj || amin - bmin;
}

interface VersionAnswer {
  Version?: string;
  ApiVersion?: string;
  MinAPIVersion?: string;
  Os?: string;
  Arch?: string;
  Platform?: { Name?: string };
  Components?: { Name?: string; Version?: string }[];
}

interface InfoAnswer {
  Name?: string;
  OperatingSystem?: string;
  DriverStatus?: [string, string][] | null;
}

export function engineKindOf(version: VersionAnswer): EngineKind {
  const names = [version.Platform?.Name ?? '', ...(version.Components ?? []).map((c) => c.Name ?? '')];
  return names.some((n) => /podman/i.test(n)) ? 'podman' : 'docker';
}

export function imageStoreOf(info: InfoAnswer): ImageStore {
  const driverType = (info.DriverStatus ?? []).find(([k]) => k === 'driver-type')?.[1] ?? '';
  return driverType.includes('containerd.snapshotter') ? 'containerd' : 'classic';
}

export class ConnectionFailure extends Error {
  constructor(readonly health: Exclude<EngineHealth, { state: 'connected' | 'connecting' }>) {
    super(health.message);
  }
}

type DownState = 'not-running' | 'socket-not-found' | 'permission-denied' | 'api-too-old' | 'unreachable';

/** A failed connection's health: the phrase people read, and the same in English for logs and --json. */
function down(state: DownState, endpoint: Endpoint, says: Phrase): ConnectionFailure['health'] {
  return { state, endpoint, message: say('en', says), says };
}

/** Plain-words health for a failed connection attempt. */
export function healthFromFailure(endpoint: Endpoint, failure: EngineFailure): ConnectionFailure['health'] {
  const scheme = safeScheme(endpoint.host);
  const where = endpoint.host;
  const tls = scheme === 'tcp' ? tlsFailurePhrase(failure, where) : undefined;
  if (tls) return down('unreachable', endpoint, tls);
  switch (failure.code) {
    case 'ENOENT':
      return down('socket-not-found', endpoint, phrase('health.noSocket', { where }));
    case 'EACCES':
    case 'EPERM':
      return down(
        'permission-denied',
        endpoint,
        phrase(process.platform === 'linux' ? 'health.permissionLinux' : 'health.permission', { where }),
      );
    case 'ECONNREFUSED':
      return scheme === 'tcp' || scheme === 'ssh'
        ? down('unreachable', endpoint, phrase('health.nothingAnswers', { where }))
        : down('not-running', endpoint, phrase('health.notRunning', { where }));
  }
  if (
    failure.statusCode === 400 &&
    /client version .* too (old|new)|minimum supported API version/i.test(failure.message)
  ) {
    const barnacleTooOld = /too old/i.test(failure.message);
    return down(
      'api-too-old',
      endpoint,
      phrase(barnacleTooOld ? 'health.apiRefusedUpdateBarnacle' : 'health.apiRefusedUpdateEngine', {
        where,
        said: failure.message,
      }),
    );
  }
  return down('unreachable', endpoint, phrase('health.couldNotReach', { where, said: failure.message }));
}

/** An ssh:// engine whose host key was refused: what was offered, and how to check and trust it. */
export function hostKeyHealth(endpoint: Endpoint, problem: HostKeyProblem): ConnectionFailure['health'] {
  const says = hostKeyPhrase(problem);
  return { state: `host-key-${problem.verdict}`, endpoint, message: say('en', says), says, hostKey: problem };
}

/** A refused host key explains the failure better than the "Host denied" ssh2 reports for it. */
function failureHealth(endpoint: Endpoint, err: unknown, ssh: SshDial | undefined): ConnectionFailure['health'] {
  const refused = ssh?.refusal();
  return refused ? hostKeyHealth(endpoint, refused) : healthFromFailure(endpoint, readEngineFailure(err));
}

function safeScheme(host: string): string {
  try {
    return parseHost(host).scheme;
  } catch {
    return 'invalid';
  }
}

/**
 * Connects, or throws ConnectionFailure carrying the health to show. `ssh`: where an
 * ssh:// engine's ~/.ssh files are; the user's own (HOME, SSH_AUTH_SOCK) by default.
 */
export async function connect(endpoint: Endpoint, ssh?: SshSetup): Promise<EngineConnection> {
  let probe: Docker;
  let dial: SshDial | undefined;
  try {
    const parsed = parseHost(endpoint.host);
    if (parsed.scheme === 'ssh') dial = sshDial(sshTarget(parsed), ssh ?? sshSetupFromEnvironment());
    probe = createDockerode(endpoint, undefined, dial);
  } catch (err) {
    // A bad address or an unreadable TLS file: its phrase, when it has one, travels along.
    throw new ConnectionFailure({ state: 'unreachable', endpoint, ...saysOf(err) });
  }
  // Unversioned /version answers on every engine, whatever API it speaks. /info is asked
  // at the same time, unversioned too (the fields read from it are the same in every API
  // version): one round trip less before anything else, on every connection.
  const infoAnswer = (probe.info() as Promise<InfoAnswer>).then(
    (info) => ({ info }),
    (err: unknown) => ({ err }),
  );
  let version: VersionAnswer;
  try {
    version = (await probe.version()) as VersionAnswer;
  } catch (err) {
    throw new ConnectionFailure(failureHealth(endpoint, err, dial));
  }
  const serverApi = version.ApiVersion ?? MIN_API_VERSION;
  if (compareApiVersions(serverApi, MIN_API_VERSION) < 0) {
    throw new ConnectionFailure(
      down('api-too-old', endpoint, phrase('health.apiTooOld', { api: serverApi, needs: MIN_API_VERSION })),
    );
  }
  const pinned = compareApiVersions(serverApi, OUR_API_VERSION) < 0 ? serverApi : OUR_API_VERSION;
  const docker = createDockerode(endpoint, pinned, dial);
  const answered = await infoAnswer;
  if ('err' in answered) throw new ConnectionFailure(failureHealth(endpoint, answered.err, dial));
  const { info } = answered;
  const kind = engineKindOf(version);
  const podmanVersion = version.Components?.find((c) => /podman/i.test(c.Name ?? ''))?.Version;
  return {
    endpoint,
    docker,
    engine: {
      kind,
      version: (kind === 'podman' ? podmanVersion : undefined) ?? version.Version ?? 'unknown',
      apiVersion: serverApi,
      pinnedApiVersion: pinned,
      imageStore: kind === 'podman' ? 'classic' : imageStoreOf(info),
      os: version.Os ?? info.OperatingSystem ?? 'unknown',
      arch: version.Arch ?? 'unknown',
      name: info.Name ?? endpoint.label,
    },
  };
}
