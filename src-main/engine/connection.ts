// Opens one endpoint: ping, identify the engine, pin the API version, and turn
// connection failures into a health state a person can act on.

import type Docker from 'dockerode';
import type { Endpoint, EngineHealth, EngineInfo, EngineKind, ImageStore } from '../../src-shared/model';
import { createDockerode, parseHost } from './dockerode-options';
import { readEngineFailure, type EngineFailure } from './engine-error';

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

/** Plain-words health for a failed connection attempt. */
export function healthFromFailure(endpoint: Endpoint, failure: EngineFailure): ConnectionFailure['health'] {
  const scheme = safeScheme(endpoint.host);
  const where = endpoint.host;
  switch (failure.code) {
    case 'ENOENT':
      return {
        state: 'socket-not-found',
        endpoint,
        message: `No engine socket at ${where}. Start Docker (or Podman's API service), or choose another engine.`,
      };
    case 'EACCES':
    case 'EPERM':
      return {
        state: 'permission-denied',
        endpoint,
        message:
          process.platform === 'linux'
            ? `Permission denied on ${where}. Add your user to the "docker" group (sudo usermod -aG docker $USER), then log out and in again.`
            : `Permission denied on ${where}. Check that your user may use the engine.`,
      };
    case 'ECONNREFUSED':
      return scheme === 'tcp' || scheme === 'ssh'
        ? { state: 'unreachable', endpoint, message: `Nothing answers at ${where}: is the engine running there?` }
        : {
            state: 'not-running',
            endpoint,
            message: `The engine at ${where} is not running. Start it, and Barnacle reconnects.`,
          };
  }
  if (
    failure.statusCode === 400 &&
    /client version .* too (old|new)|minimum supported API version/i.test(failure.message)
  ) {
    const barnacleTooOld = /too old/i.test(failure.message);
    return {
      state: 'api-too-old',
      endpoint,
      message: `The engine at ${where} refused our API version (${failure.message}). ${
        barnacleTooOld ? 'Update Barnacle.' : 'Update the engine.'
      }`,
    };
  }
  return {
    state: 'unreachable',
    endpoint,
    message: `Could not reach the engine at ${where}: ${failure.message}`,
  };
}

function safeScheme(host: string): string {
  try {
    return parseHost(host).scheme;
  } catch {
    return 'invalid';
  }
}

/** Connects, or throws ConnectionFailure carrying the health to show. */
export async function connect(endpoint: Endpoint): Promise<EngineConnection> {
  let probe: Docker;
  try {
    probe = createDockerode(endpoint);
  } catch (err) {
    throw new ConnectionFailure({ state: 'unreachable', endpoint, message: (err as Error).message });
  }
  let version: VersionAnswer;
  try {
    // Unversioned /version answers on every engine, whatever API it speaks.
    version = (await probe.version()) as VersionAnswer;
  } catch (err) {
    throw new ConnectionFailure(healthFromFailure(endpoint, readEngineFailure(err)));
  }
  const serverApi = version.ApiVersion ?? MIN_API_VERSION;
  if (compareApiVersions(serverApi, MIN_API_VERSION) < 0) {
    throw new ConnectionFailure({
      state: 'api-too-old',
      endpoint,
      message: `This engine speaks API ${serverApi}; Barnacle needs ${MIN_API_VERSION} or newer (Docker 19.03+, Podman 3+). Update the engine.`,
    });
  }
  const pinned = compareApiVersions(serverApi, OUR_API_VERSION) < 0 ? serverApi : OUR_API_VERSION;
  const docker = createDockerode(endpoint, pinned);
  let info: InfoAnswer;
  try {
    info = (await docker.info()) as InfoAnswer;
  } catch (err) {
    throw new ConnectionFailure(healthFromFailure(endpoint, readEngineFailure(err)));
  }
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
