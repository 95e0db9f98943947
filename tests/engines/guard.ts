// The harness only ever changes engines it started itself. Each engine dir holds
// a marker file; anything that deletes or prunes checks the socket sits next to it,
// so a stray DOCKER_HOST can never point `npm test` at a developer's own engine.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import Dockerode from 'dockerode';

export const MARKER = '.barnacle-harness';

/** What the marker records, so a later run can reap engines whose owner died. */
export interface MarkerData {
  /** The engine's name in the matrix (tests/engines/matrix.ts). */
  kind: string;
  /** The process that started the engine (vitest, or scripts/engines.mjs). */
  owner: number;
  /** Engine processes, outermost last (stop order is the reverse). */
  pids: number[];
}

export function writeMarker(dir: string, data: MarkerData): void {
  writeFileSync(join(dir, MARKER), JSON.stringify(data) + '\n');
}

export function readMarker(dir: string): MarkerData | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as MarkerData;
  } catch {
    return undefined;
  }
}

function socketPathOf(host: string): string {
  if (!host.startsWith('unix://')) throw new Error(`not a harness engine: ${host} is not a unix:// socket`);
  const path = host.slice('unix://'.length);
  if (!isAbsolute(path)) throw new Error(`not a harness engine: ${host} is not an absolute socket path`);
  return path;
}

/** Throws unless `host` is a unix socket inside a directory holding the harness marker. */
export function assertHarnessHost(host: string): void {
  const dir = dirname(socketPathOf(host));
  if (!existsSync(join(dir, MARKER))) {
    throw new Error(`refusing to touch ${host}: ${dir} has no ${MARKER} (not an engine the test harness started)`);
  }
}

/** Same check for a client, for the fixture helpers that change engine state. */
export function assertHarnessClient(docker: Dockerode): void {
  // docker-modem keeps socketPath on the instance but its typings omit it.
  const socketPath: unknown = (docker.modem as unknown as { socketPath?: unknown }).socketPath;
  if (typeof socketPath !== 'string') {
    throw new Error('refusing to touch an engine reached without an explicit unix socket (use connect())');
  }
  assertHarnessHost(`unix://${socketPath}`);
}

/** A client bound to exactly this socket, whatever DOCKER_HOST/DOCKER_TLS_VERIFY say. */
export function connect(host: string): Dockerode {
  // docker-modem merges env defaults under our options: a tcp DOCKER_HOST would set
  // `host` and silently win over socketPath, so clear it and pin plain http.
  return new Dockerode({ socketPath: socketPathOf(host), host: undefined, port: undefined, protocol: 'http' });
}
