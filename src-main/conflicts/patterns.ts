// What an engine's refusal says, read off its message. The wordings are the
// engines' own (moby daemon/images/image_delete.go, daemon/containerd/image_delete.go,
// daemon/delete.go; podman pkg/api/handlers/compat, containers/common libimage,
// containers/storage), older and newer, and the answers seen live on Docker 20.10,
// Docker 26.1 (containerd and classic stores), Podman 4.3 and Podman 5.4 (see
// tests/integration/conflicts.test.ts). Patterns search anywhere in the message
// because Podman wraps errors ("image X is in use: …").

import type { ConflictKind } from '../../src-shared/errors';

/**
 * Podman says a container uses the image but not whether it runs: the
 * classifier settles running vs stopped through the inventory.
 */
export type ReadKind = ConflictKind | 'container-in-use';

/** Why a not-found is not a plain "it is gone". */
export type ReadingNote = 'removal-in-progress';

export interface EngineReading {
  kind: ReadKind;
  /** Image ID or reference, as the engine printed it. */
  image?: string;
  /** Container IDs (or, in newer Docker wording, names) as the engine printed them. */
  containers: string[];
  references?: string[];
  /** A state the engine itself gave for the named container ("running", "paused", …). */
  containerState?: string;
  note?: ReadingNote;
}

interface MessagePattern {
  /** Which engine wording this is, for whoever reads a failing test. */
  source: string;
  pattern: RegExp;
  read: (m: RegExpExecArray) => EngineReading;
}

// Docker's classic store prints a 12-hex ID; the containerd store prints the
// reference ("nginx:latest") or the short ID. Seen live: "(must be forced)" and
// "(cannot be forced)" everywhere, except the classic store's last-tag conflict,
// which says "(must force)".
const forceClause = String.raw`\((?:must|cannot) (?:be )?forced?\)`;
const hex = String.raw`[0-9a-f]{12,64}`;

const g = (m: RegExpExecArray, i: number): string => m[i] ?? '';

/** Podman prints the requested name before the cause: "image X is in use: …", "image X is in an invalid state: …". */
function podmanImageName(message: string): string | undefined {
  return /\bimage (\S+) is in (?:use|an invalid state):/.exec(message)?.[1];
}

export const messagePatterns: readonly MessagePattern[] = [
  {
    source: 'docker: image used by running container',
    pattern: new RegExp(
      String.raw`unable to delete (\S+) ${forceClause} - image is being used by running container (${hex})`,
    ),
    read: (m) => ({ kind: 'running-container', image: g(m, 1), containers: [g(m, 2)], containerState: 'running' }),
  },
  {
    source: 'docker: image used by stopped container',
    pattern: new RegExp(
      String.raw`unable to delete (\S+) ${forceClause} - image is being used by stopped container (${hex})`,
    ),
    read: (m) => ({ kind: 'stopped-container', image: g(m, 1), containers: [g(m, 2)] }),
  },
  {
    // "multiple repositories" since moby 1.13; "one or more repositories" before.
    source: 'docker: image has several references',
    pattern: new RegExp(
      String.raw`unable to delete (\S+) ${forceClause} - image is referenced in (?:multiple|one or more) repositories`,
    ),
    read: (m) => ({ kind: 'multiple-references', image: g(m, 1), containers: [] }),
  },
  {
    source: 'docker classic store: last tag of an image a container uses',
    pattern: new RegExp(
      String.raw`unable to remove repository reference "([^"]+)" ${forceClause} - container (${hex}) is using its referenced image (${hex})`,
    ),
    read: (m) => ({ kind: 'reference-in-use', references: [g(m, 1)], containers: [g(m, 2)], image: g(m, 3) }),
  },
  {
    source: 'docker containerd store: last tag of an image a container uses',
    pattern: new RegExp(
      String.raw`unable to delete (\S+) ${forceClause} - container (${hex}) is using its referenced image (${hex})`,
    ),
    read: (m) => ({ kind: 'reference-in-use', references: [g(m, 1)], containers: [g(m, 2)], image: g(m, 3) }),
  },
  {
    source: 'docker classic store: child images',
    pattern: new RegExp(String.raw`unable to delete (\S+) ${forceClause} - image has dependent child images`),
    read: (m) => ({ kind: 'dependent-children', image: g(m, 1), containers: [] }),
  },
  {
    // Names are Go's %s of a []string: "[a b c]". "use force removal" is Podman 1/2's wording.
    source: 'podman: image has several tags, removed by ID or digest',
    pattern:
      /unable to delete image "?([^"\s]+)"? by (?:ID|digest) with more than one tag \(\[([^\]]*)\]\): (?:please|use) force removal/,
    read: (m) => ({
      kind: 'multiple-references',
      image: g(m, 1),
      containers: [],
      references: g(m, 2).split(/\s+/).filter(Boolean),
    }),
  },
  {
    // Podman 1.x said "Image used by …"; the compat API prefixes "image <name> is in use: ".
    source: 'podman: image used by a container (running or not)',
    pattern: new RegExp(String.raw`image used by (${hex}): image is in use by a container`, 'i'),
    read: (m) => {
      const reading: EngineReading = { kind: 'container-in-use', containers: [g(m, 1)] };
      const image = podmanImageName(m.input);
      if (image) reading.image = image;
      return reading;
    },
  },
  {
    // `rm` of a running or paused container (500 on Podman 4.3 and 5.4, seen live). Podman 5/6 source
    // also wraps it for force on an image a running container uses; 5.4.2 instead removed the container.
    source: 'podman: container is running',
    pattern: new RegExp(String.raw`cannot remove container (${hex}) as it is (running|paused|\w+)`),
    read: (m) => {
      const reading: EngineReading = { kind: 'container-running', containers: [g(m, 1)], containerState: g(m, 2) };
      const image = podmanImageName(m.input);
      if (image) reading.image = image;
      return reading;
    },
  },
  {
    source: 'docker < 25: removing a running container',
    pattern: new RegExp(String.raw`You cannot remove a (\w+) container (${hex})`),
    read: (m) => ({ kind: 'container-running', containers: [g(m, 2)], containerState: g(m, 1) }),
  },
  {
    // Docker 25+ names the container: `cannot remove container "/web": container is running: …`,
    // "… container is paused and must be unpaused first", "… container is restarting: …".
    source: 'docker 25+: removing a running container',
    pattern: /cannot remove container "?\/?([^":\s]+)"?: container is (running|paused|restarting)/,
    read: (m) => ({ kind: 'container-running', containers: [g(m, 1)], containerState: g(m, 2) }),
  },
  {
    // Two removals raced: the other one wins, and the container is gone in a moment.
    source: 'docker: container removal already in progress',
    pattern: /removal of container (\S+) is already in progress/,
    read: (m) => ({ kind: 'not-found', containers: [g(m, 1)], note: 'removal-in-progress' }),
  },
  {
    source: 'docker: a prune is already running',
    pattern: /a prune operation is already running/,
    read: () => ({ kind: 'prune-already-running', containers: [] }),
  },
  {
    source: 'docker: no such image',
    pattern: /No such image: (\S+)/,
    read: (m) => ({ kind: 'not-found', image: g(m, 1), containers: [] }),
  },
  {
    // An image that went while it was being removed (a removal that lost a race): Docker 20.10
    // answers 500, Docker 26's classic store 404.
    source: 'docker classic store: image ID gone',
    pattern: /unrecognized image ID (\S+)/,
    read: (m) => ({ kind: 'not-found', image: g(m, 1), containers: [] }),
  },
  {
    // The same on Docker 26's containerd store: `image "docker.io/library/x:1": not found`.
    source: 'docker containerd store: image gone',
    pattern: /\bimage "([^"]+)": not found/,
    read: (m) => ({ kind: 'not-found', image: g(m, 1), containers: [] }),
  },
  {
    // Podman 4.3 and 5.4 read a 64-hex ID that names no image as a repository name, and refuse
    // that with 500: `normalizing image: normalizing name "<id>" (orig: "<id>") for compat API:
    // invalid repository name (<id>), cannot specify 64-byte hexadecimal strings`.
    source: 'podman: image ID that names no image',
    pattern: /invalid repository name \(([0-9a-f]{64})\), cannot specify 64-byte hexadecimal strings/,
    read: (m) => ({ kind: 'not-found', image: g(m, 1), containers: [] }),
  },
  {
    source: 'docker: no such container',
    pattern: /No such container: (\S+)/,
    read: (m) => ({ kind: 'not-found', containers: [g(m, 1)] }),
  },
  {
    // "failed to find image nope:latest: docker.io/library/nope:latest: image not known"; an ID that went
    // mid-removal adds `locating image with ID "<hex>": ` or `reading image "<hex>": …` (seen live).
    source: 'podman: image not known',
    pattern: /(?:failed to find image (\S+?): (?:.*?: )?)?image not known/,
    read: (m) => {
      const reading: EngineReading = { kind: 'not-found', containers: [] };
      if (m[1]) reading.image = m[1];
      return reading;
    },
  },
  {
    // Podman 4.3, seen live when two removals race: the loser's container is already out of the database.
    source: 'podman: container gone from the database',
    pattern: /container (\S+) does not exist in database/,
    read: (m) => ({ kind: 'not-found', containers: [g(m, 1)] }),
  },
  {
    // `no container with name or ID "web" found: no such container`
    source: 'podman: no such container',
    pattern: /(?:no container with (?:name or ID|ID or name) "?([^"\s]+)"? found: )?no such container/i,
    read: (m) => ({ kind: 'not-found', containers: m[1] ? [m[1]] : [] }),
  },
  {
    source: 'docker/podman: API version refused',
    pattern:
      /client version \S+ is too (?:old|new)|(?:minimum|maximum) supported API version|client is newer than server/i,
    read: () => ({ kind: 'api-version', containers: [] }),
  },
];

/** Reads the engine's message; null when no known wording matches. */
export function readEngineMessage(message: string): EngineReading | null {
  for (const { pattern, read } of messagePatterns) {
    const m = pattern.exec(message);
    if (m) return read(m);
  }
  return null;
}

// Socket-level failures: no HTTP answer came at all.
const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENOTSOCK',
]);
const permissionCodes = new Set(['EACCES', 'EPERM']);

/** Classifies a failure that carries a socket error code instead of an HTTP status. */
export function readSocketFailure(
  code: string | undefined,
  message: string,
): 'engine-unreachable' | 'permission-denied' | null {
  if (code && permissionCodes.has(code)) return 'permission-denied';
  if (code && unreachableCodes.has(code)) return 'engine-unreachable';
  // docker-modem's request timeout surfaces as a bare "socket hang up" (ECONNRESET), sometimes without a code.
  if (/socket hang up|\bconnect E[A-Z]+\b/.test(message)) {
    return /\bconnect E(?:ACCES|PERM)\b/.test(message) ? 'permission-denied' : 'engine-unreachable';
  }
  return null;
}
