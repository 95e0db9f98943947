import { describe, expect, it } from 'vitest';
import { conflictKinds, type ConflictKind } from '../../src-shared/errors';
import type { ContainerState, ContainerSummary, EngineKind } from '../../src-shared/model';
import {
  classifyFailure,
  isAlreadyInRequestedState,
  resolverFromContainers,
  type FailedOperation,
} from '../../src-main/conflicts/classify';
import { engineWording, type WordingFacts } from '../../src-main/conflicts/wording';
import type { PredictedConflict } from '../../src-shared/plan';
import { readEngineFailure, type EngineFailure } from '../../src-main/engine/engine-error';

const imgShort = 'f90217510c5a';
const imgFull = 'f90217510c5a3bd1e1f2a7b1c0b5c4e4d1a3f4c9b8e7d6c5b4a39281706f5e4d';
const webFull = '56e94dad7775aa11bb22cc33dd44ee55ff6677889900aabbccddeeff00112233';
const webShort = webFull.slice(0, 12);
const dbFull = '0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c';

function container(id: string, name: string, state: ContainerState): ContainerSummary {
  return {
    id,
    names: [`/${name}`],
    imageId: `sha256:${imgFull}`,
    imageRef: 'tiny:latest',
    state,
    status: state,
    created: 0,
    composeProject: null,
    labels: {},
    mounts: [],
    sizeRw: null,
  };
}

const running = resolverFromContainers([container(webFull, 'web-1', 'running'), container(dbFull, 'db', 'exited')]);
const stopped = resolverFromContainers([container(webFull, 'web-1', 'exited')]);
const paused = resolverFromContainers([container(webFull, 'web-1', 'paused')]);

interface Row {
  what: string;
  engine: EngineKind;
  operation: FailedOperation;
  failure: EngineFailure;
  kind: ConflictKind;
  target?: string;
  image?: string;
  /** Container IDs expected in `containers`, in order. */
  containers?: string[];
  /** Names expected for those containers (null: unknown to the inventory). */
  names?: (string | null)[];
  references?: string[];
  resolver?: ReturnType<typeof resolverFromContainers>;
}

const rows: Row[] = [
  // Docker wordings from moby's source, older versions and reports; each engine's live answers are in liveRows below.
  {
    what: 'docker: several tags, by ID',
    engine: 'docker',
    operation: 'remove-image',
    failure: {
      statusCode: 409,
      message: `conflict: unable to delete ${imgShort} (must be forced) - image is referenced in multiple repositories`,
    },
    kind: 'multiple-references',
    image: imgShort,
  },
  {
    what: 'docker: running container, by ID',
    engine: 'docker',
    operation: 'remove-image',
    failure: {
      statusCode: 409,
      message: `conflict: unable to delete ${imgShort} (cannot be forced) - image is being used by running container ${webShort}`,
    },
    kind: 'running-container',
    image: imgShort,
    containers: [webFull],
    names: ['web-1'],
    resolver: running,
  },
  {
    what: 'docker: stopped container, by ID',
    engine: 'docker',
    operation: 'remove-image',
    failure: {
      statusCode: 409,
      message: `conflict: unable to delete ${imgShort} (must be forced) - image is being used by stopped container ${webShort}`,
    },
    kind: 'stopped-container',
    image: imgShort,
    containers: [webFull],
    names: ['web-1'],
    resolver: stopped,
  },
  {
    what: 'docker: stopped container unknown to the inventory keeps its ID',
    engine: 'docker',
    operation: 'remove-image',
    failure: {
      statusCode: 409,
      message: `conflict: unable to delete ${imgShort} (must be forced) - image is being used by stopped container 0123456789ab`,
    },
    kind: 'stopped-container',
    image: imgShort,
    containers: ['0123456789ab'],
    names: [null],
    resolver: stopped,
  },
  {
    what: 'docker classic store: last tag in use, by name',
    engine: 'docker',
    operation: 'remove-image',
    target: 'other/tiny:x',
    failure: {
      statusCode: 409,
      message: `conflict: unable to remove repository reference "other/tiny:x" (must force) - container ${webShort} is using its referenced image ${imgShort}`,
    },
    kind: 'reference-in-use',
    image: imgShort,
    containers: [webFull],
    names: ['web-1'],
    references: ['other/tiny:x'],
    resolver: stopped,
  },
  {
    what: 'docker containerd store: last tag in use (moby source wording)',
    engine: 'docker',
    operation: 'remove-image',
    failure: {
      statusCode: 409,
      message: `conflict: unable to delete nginx:latest (must be forced) - container ${webShort} is using its referenced image ${imgShort}`,
    },
    kind: 'reference-in-use',
    image: imgShort,
    containers: [webFull],
    references: ['nginx:latest'],
    resolver: stopped,
  },
  {
    what: 'docker containerd store: last tag in use ("must force": reported, never seen live; 26.1.5 says "must be forced")',
    engine: 'docker',
    operation: 'remove-image',
    failure: {
      statusCode: 409,
      message: `conflict: unable to delete nginx:latest (must force) - container ${webShort} is using its referenced image ${imgShort}`,
    },
    kind: 'reference-in-use',
    image: imgShort,
    containers: [webShort],
    names: [null],
    references: ['nginx:latest'],
  },
  {
    what: 'docker classic store: dependent child images',
    engine: 'docker',
    operation: 'remove-image',
    failure: {
      statusCode: 409,
      message: 'conflict: unable to delete b6a6514d0a21 (cannot be forced) - image has dependent child images',
    },
    kind: 'dependent-children',
    image: 'b6a6514d0a21',
  },
  {
    what: 'docker < 1.13: several tags, older wording',
    engine: 'docker',
    operation: 'remove-image',
    failure: {
      statusCode: 409,
      message:
        'conflict: unable to delete 94df4f0ce8a4 (must be forced) - image is referenced in one or more repositories',
    },
    kind: 'multiple-references',
    image: '94df4f0ce8a4',
  },
  {
    what: 'docker: missing image',
    engine: 'docker',
    operation: 'remove-image',
    failure: { statusCode: 404, message: 'No such image: nope:latest' },
    kind: 'not-found',
    image: 'nope:latest',
  },
  {
    what: 'docker: missing container',
    engine: 'docker',
    operation: 'remove-container',
    failure: { statusCode: 404, message: `No such container: ${webShort}` },
    kind: 'not-found',
    containers: [webFull],
    names: ['web-1'],
    resolver: running,
  },
  {
    what: 'docker: overlapping prunes',
    engine: 'docker',
    operation: 'prune-images',
    failure: { statusCode: 409, message: 'a prune operation is already running' },
    kind: 'prune-already-running',
  },
  {
    what: 'docker < 25: removing a running container',
    engine: 'docker',
    operation: 'remove-container',
    failure: {
      statusCode: 409,
      message: `You cannot remove a running container ${webFull}. Stop the container before attempting removal or force remove`,
    },
    kind: 'container-running',
    containers: [webFull],
    names: ['web-1'],
    resolver: running,
  },
  {
    what: 'docker < 25: removing a paused container',
    engine: 'docker',
    operation: 'remove-container',
    failure: {
      statusCode: 409,
      message: `You cannot remove a paused container ${webFull}. Unpause and then stop the container before attempting removal or force remove`,
    },
    kind: 'container-running',
    containers: [webFull],
    names: ['web-1'],
    resolver: paused,
  },
  {
    what: 'docker 25+: removing a running container names it',
    engine: 'docker',
    operation: 'remove-container',
    failure: {
      statusCode: 409,
      message:
        'cannot remove container "/web-1": container is running: stop the container before removing or force remove',
    },
    kind: 'container-running',
    containers: [webFull],
    names: ['web-1'],
    resolver: running,
  },
  {
    what: 'docker 25+: paused container, not in the inventory',
    engine: 'docker',
    operation: 'remove-container',
    failure: {
      statusCode: 409,
      message: 'cannot remove container "/ghost": container is paused and must be unpaused first',
    },
    kind: 'container-running',
    containers: ['ghost'],
    names: ['ghost'],
    resolver: running,
  },
  {
    what: 'docker: two removals raced',
    engine: 'docker',
    operation: 'remove-container',
    failure: { statusCode: 409, message: 'removal of container web-1 is already in progress' },
    kind: 'not-found',
    containers: [webFull],
    names: ['web-1'],
    resolver: running,
  },
  {
    what: 'docker: API too new',
    engine: 'docker',
    operation: 'list',
    failure: { statusCode: 400, message: 'client version 1.47 is too new. Maximum supported API version is 1.41' },
    kind: 'api-version',
  },
  {
    what: 'docker 29: API too old',
    engine: 'docker',
    operation: 'connect',
    failure: {
      statusCode: 400,
      message:
        'client version 1.41 is too old. Minimum supported API version is 1.44, please upgrade your client to a newer version',
    },
    kind: 'api-version',
  },
  // Podman compat API wordings, older versions and source; live answers in liveRows below.
  {
    what: 'podman: several tags, by ID (500)',
    engine: 'podman',
    operation: 'remove-image',
    failure: {
      statusCode: 500,
      message: `unable to delete image "${imgFull}" by ID with more than one tag ([docker.io/library/tiny:latest docker.io/library/tiny:v2]): please force removal`,
    },
    kind: 'multiple-references',
    image: imgFull,
    references: ['docker.io/library/tiny:latest', 'docker.io/library/tiny:v2'],
  },
  {
    what: 'podman 1/2: several tags, "use force removal"',
    engine: 'podman',
    operation: 'remove-image',
    failure: {
      statusCode: 500,
      message: `unable to delete image "${imgFull}" by ID with more than one tag ([localhost/foo:latest localhost/foo:bar]): use force removal`,
    },
    kind: 'multiple-references',
    image: imgFull,
    references: ['localhost/foo:latest', 'localhost/foo:bar'],
  },
  {
    what: 'podman: several tags, by digest',
    engine: 'podman',
    operation: 'remove-image',
    failure: {
      statusCode: 500,
      message: `unable to delete image "${imgFull}" by digest with more than one tag ([quay.io/a/b:1 quay.io/a/b:2 quay.io/a/b:3]): please force removal`,
    },
    kind: 'multiple-references',
    image: imgFull,
    references: ['quay.io/a/b:1', 'quay.io/a/b:2', 'quay.io/a/b:3'],
  },
  {
    what: 'podman: in use by a container the inventory says is running',
    engine: 'podman',
    operation: 'remove-image',
    failure: {
      statusCode: 409,
      message: `image 308be65f43e5 is in use: image used by ${webFull}: image is in use by a container: consider listing external containers and force-removing image`,
    },
    kind: 'running-container',
    image: '308be65f43e5',
    containers: [webFull],
    names: ['web-1'],
    resolver: running,
  },
  {
    what: 'podman: in use by a container the inventory says is paused',
    engine: 'podman',
    operation: 'remove-image',
    failure: {
      statusCode: 409,
      message: `image tiny:latest is in use: image used by ${webFull}: image is in use by a container: consider listing external containers and force-removing image`,
    },
    kind: 'running-container',
    image: 'tiny:latest',
    containers: [webFull],
    resolver: paused,
  },
  {
    what: 'podman: in use by a stopped container',
    engine: 'podman',
    operation: 'remove-image',
    failure: {
      statusCode: 409,
      message: `image 308be65f43e5 is in use: image used by ${dbFull}: image is in use by a container: consider listing external containers and force-removing image`,
    },
    kind: 'stopped-container',
    image: '308be65f43e5',
    containers: [dbFull],
    names: ['db'],
    resolver: running,
  },
  {
    what: 'podman: in use by a container nobody lists (an external build container)',
    engine: 'podman',
    operation: 'remove-image',
    failure: {
      statusCode: 409,
      message: `image 308be65f43e5 is in use: image used by ${imgFull}: image is in use by a container: consider listing external containers and force-removing image`,
    },
    kind: 'stopped-container',
    image: '308be65f43e5',
    containers: [imgFull],
    names: [null],
    resolver: running,
  },
  {
    what: 'podman 1.x: "Image used by", capitalised, no compat prefix',
    engine: 'podman',
    operation: 'remove-image',
    target: 'tiny:latest',
    failure: { statusCode: 409, message: `Image used by ${webFull}: image is in use by a container` },
    kind: 'running-container',
    image: 'tiny:latest',
    containers: [webFull],
    resolver: running,
  },
  {
    what: 'podman 5/6 source: force on an image a running container uses (not seen live: 5.4.2 removes the container)',
    engine: 'podman',
    operation: 'remove-image',
    failure: {
      statusCode: 409,
      message: `image tiny:latest is in an invalid state: cannot remove container ${webFull} as it is running - running or paused containers cannot be removed without force: container state improper`,
    },
    kind: 'container-running',
    image: 'tiny:latest',
    containers: [webFull],
    names: ['web-1'],
    resolver: running,
  },
  {
    what: 'podman 4.3: removing a running container (500, seen live)',
    engine: 'podman',
    operation: 'remove-container',
    failure: {
      statusCode: 500,
      message: `cannot remove container ${webFull} as it is running - running or paused containers cannot be removed without force: container state improper`,
    },
    kind: 'container-running',
    containers: [webFull],
    names: ['web-1'],
    resolver: running,
  },
  {
    what: 'podman: missing image',
    engine: 'podman',
    operation: 'remove-image',
    failure: {
      statusCode: 404,
      message: 'failed to find image nope:latest: docker.io/library/nope:latest: image not known',
    },
    kind: 'not-found',
    image: 'nope:latest',
  },
  {
    what: 'podman: missing container',
    engine: 'podman',
    operation: 'stop-container',
    failure: { statusCode: 404, message: 'no container with name or ID "web-1" found: no such container' },
    kind: 'not-found',
    containers: [webFull],
    names: ['web-1'],
    resolver: running,
  },
  {
    what: 'podman 4.3: two removals raced, the loser finds nothing (seen live)',
    engine: 'podman',
    operation: 'remove-container',
    failure: { statusCode: 404, message: `container ${webFull} does not exist in database: no such container` },
    kind: 'not-found',
    containers: [webFull],
    names: ['web-1'],
    resolver: running,
  },
  {
    what: 'podman: a bare "no such container" falls back to the target',
    engine: 'podman',
    operation: 'start-container',
    target: 'db',
    failure: { statusCode: 404, message: 'no such container' },
    kind: 'not-found',
    containers: [dbFull],
    names: ['db'],
    resolver: running,
  },
  {
    what: 'podman 4.3: in use, image removed by "sha256:" ID (seen live)',
    engine: 'podman',
    operation: 'remove-image',
    failure: {
      statusCode: 409,
      message: `image sha256:${imgFull} is in use: image used by ${webFull}: image is in use by a container: consider listing external containers and force-removing image`,
    },
    kind: 'running-container',
    image: `sha256:${imgFull}`,
    containers: [webFull],
    names: ['web-1'],
    resolver: running,
  },
  {
    what: 'docker: missing image by short ID (seen live: ":latest" appended)',
    engine: 'docker',
    operation: 'remove-image',
    failure: { statusCode: 404, message: 'No such image: 0123456789ab:latest' },
    kind: 'not-found',
    image: '0123456789ab:latest',
  },
  {
    // Callers check isAlreadyInRequestedState first; if one does not, it is no conflict we know.
    what: 'docker/podman: 304 on stop, empty body (seen live)',
    engine: 'docker',
    operation: 'stop-container',
    target: 'web-1',
    failure: { statusCode: 304, message: '' },
    kind: 'unknown',
  },
  // No HTTP answer at all: docker-modem passes Node's socket errors through with `code`. Node's words,
  // whatever the engine (seen live against each harness engine: `connect ENOENT <path>`, code ENOENT).
  {
    what: 'socket refused',
    engine: 'docker',
    operation: 'list',
    failure: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED /run/docker.sock' },
    kind: 'engine-unreachable',
  },
  {
    what: 'socket missing',
    engine: 'podman',
    operation: 'connect',
    failure: { code: 'ENOENT', message: 'connect ENOENT /run/podman/podman.sock' },
    kind: 'engine-unreachable',
  },
  {
    what: 'request timed out (docker-modem: socket hang up)',
    engine: 'docker',
    operation: 'prune-images',
    failure: { code: 'ECONNRESET', message: 'socket hang up' },
    kind: 'engine-unreachable',
  },
  {
    what: 'socket hang up without a code',
    engine: 'docker',
    operation: 'list',
    failure: { message: 'socket hang up' },
    kind: 'engine-unreachable',
  },
  {
    what: 'tcp timeout',
    engine: 'docker',
    operation: 'list',
    failure: { code: 'ETIMEDOUT', message: 'connect ETIMEDOUT 10.0.0.5:2375' },
    kind: 'engine-unreachable',
  },
  {
    what: 'socket not ours',
    engine: 'docker',
    operation: 'connect',
    failure: { code: 'EACCES', message: 'connect EACCES /var/run/docker.sock' },
    kind: 'permission-denied',
  },
  {
    what: 'socket refused by the kernel',
    engine: 'podman',
    operation: 'connect',
    failure: { code: 'EPERM', message: 'connect EPERM /run/podman/podman.sock' },
    kind: 'permission-denied',
  },
  {
    what: 'an answer nobody has seen yet',
    engine: 'docker',
    operation: 'prune-build-cache',
    failure: { statusCode: 500, message: 'failed to prune build cache: context canceled' },
    kind: 'unknown',
  },
  {
    what: 'a 404 in a wording nobody has seen yet, on a container',
    engine: 'podman',
    operation: 'stop-container',
    target: 'web-1',
    failure: { statusCode: 404, message: 'container vanished' },
    kind: 'not-found',
    containers: [webFull],
    names: ['web-1'],
    resolver: running,
  },
];

// Every answer below was produced live by tests/integration/conflicts.test.ts on the
// harness's engines (2026-12-01; BARNACLE_PRINT_ENGINE_MESSAGES=1 prints them) and is
// pasted verbatim, one row per engine for each kind that engine answers.
type LiveEngineName = 'docker20' | 'docker26-containerd' | 'docker26-classic' | 'podman43' | 'podman54';
const liveEngines: Record<LiveEngineName, { kind: EngineKind; label: string }> = {
  docker20: { kind: 'docker', label: 'Docker 20.10.24, classic store' },
  'docker26-containerd': { kind: 'docker', label: 'Docker 26.1.5, containerd store' },
  'docker26-classic': { kind: 'docker', label: 'Docker 26.1.5, classic store' },
  podman43: { kind: 'podman', label: 'Podman 4.3.1' },
  podman54: { kind: 'podman', label: 'Podman 5.4.2' },
};

/**
 * Kinds an engine never answers, as seen live: the containerd store and Podman have no
 * dependent-children conflict; Podman answers a last tag in use as "in use", has no prune
 * lock, and takes any API version. Socket failures are Node's, whatever the engine.
 */
const socketKinds: ConflictKind[] = ['engine-unreachable', 'permission-denied'];
const neverAnswered: Record<LiveEngineName, ConflictKind[]> = {
  docker20: socketKinds,
  'docker26-containerd': ['dependent-children', ...socketKinds],
  'docker26-classic': socketKinds,
  podman43: ['reference-in-use', 'dependent-children', 'prune-already-running', 'api-version', ...socketKinds],
  podman54: ['reference-in-use', 'dependent-children', 'prune-already-running', 'api-version', ...socketKinds],
};

interface LiveRow {
  on: LiveEngineName;
  what: string;
  operation: FailedOperation;
  target?: string;
  status: number;
  message: string;
  kind: ConflictKind;
  image?: string;
  /** The containers the inventory held, which the error must name in this order. */
  containers?: [id: string, name: string, state: ContainerState][];
  /** Containers the engine named that no inventory holds (a name or ID we asked for). */
  unlisted?: string[];
  references?: string[];
}

/** Docker printed only the short ID: the inventory's full ID is made up around it. */
const fullOf = (shortId: string): string => shortId.padEnd(64, '0');

const liveRows: LiveRow[] = [
  // running-container
  {
    on: 'docker20',
    what: 'running container, by ID',
    operation: 'remove-image',
    status: 409,
    message:
      'conflict: unable to delete dd06d057f22e (cannot be forced) - image is being used by running container 6e33d6b3d4ae',
    kind: 'running-container',
    image: 'dd06d057f22e',
    containers: [[fullOf('6e33d6b3d4ae'), 'conf-running', 'running']],
  },
  {
    on: 'docker26-containerd',
    what: 'running container, by ID',
    operation: 'remove-image',
    status: 409,
    message:
      'conflict: unable to delete 9e931034cb32 (cannot be forced) - image is being used by running container 17a02824bd89',
    kind: 'running-container',
    image: '9e931034cb32',
    containers: [[fullOf('17a02824bd89'), 'conf-running', 'running']],
  },
  {
    on: 'docker26-classic',
    what: 'running container, by ID',
    operation: 'remove-image',
    status: 409,
    message:
      'conflict: unable to delete 76c844050924 (cannot be forced) - image is being used by running container 280fe0fd61f9',
    kind: 'running-container',
    image: '76c844050924',
    containers: [[fullOf('280fe0fd61f9'), 'conf-running', 'running']],
  },
  {
    on: 'podman43',
    what: 'running container, by ID (the inventory says it runs)',
    operation: 'remove-image',
    status: 409,
    message:
      'image sha256:ee3db5722bb22094872f592b1b13e22175e9defa85050d7f87e1aa78275f76a6 is in use: image used by 6fbf0fea86957ae4a859637b714070814ef3a19eef5ecacce1415f64d9ba5fa7: image is in use by a container: consider listing external containers and force-removing image',
    kind: 'running-container',
    image: 'sha256:ee3db5722bb22094872f592b1b13e22175e9defa85050d7f87e1aa78275f76a6',
    containers: [['6fbf0fea86957ae4a859637b714070814ef3a19eef5ecacce1415f64d9ba5fa7', 'conf-running', 'running']],
  },
  {
    on: 'podman43',
    what: 'last tag of an image a running container uses, by name',
    operation: 'remove-image',
    target: 'conf/lastrunning:1',
    status: 409,
    message:
      'image conf/lastrunning:1 is in use: image used by 6aad684e5a3adc9162222c6de97fe5a53275110afe7f2a271f695762faab9331: image is in use by a container: consider listing external containers and force-removing image',
    kind: 'running-container',
    image: 'conf/lastrunning:1',
    containers: [['6aad684e5a3adc9162222c6de97fe5a53275110afe7f2a271f695762faab9331', 'conf-lastrunning', 'running']],
  },
  {
    on: 'podman54',
    what: 'running container, by ID (the inventory says it runs)',
    operation: 'remove-image',
    status: 409,
    message:
      'image sha256:20089ac8b7d8ea2b0b1cbd83b6d253559e8ffbaf1b48fb405756d81688b15c06 is in use: image used by 5e799b0ac5bc87da96b620d2a3eb6be9d512bf294cff42069c7b00a9b69f3efb: image is in use by a container: consider listing external containers and force-removing image',
    kind: 'running-container',
    image: 'sha256:20089ac8b7d8ea2b0b1cbd83b6d253559e8ffbaf1b48fb405756d81688b15c06',
    containers: [['5e799b0ac5bc87da96b620d2a3eb6be9d512bf294cff42069c7b00a9b69f3efb', 'conf-running', 'running']],
  },
  {
    on: 'podman54',
    what: 'last tag of an image a running container uses, by name',
    operation: 'remove-image',
    target: 'conf/lastrunning:1',
    status: 409,
    message:
      'image conf/lastrunning:1 is in use: image used by 6178755ea1569f3deee6ecf50c3ce4140bbc1a275a57860cf6249c9807aa94b6: image is in use by a container: consider listing external containers and force-removing image',
    kind: 'running-container',
    image: 'conf/lastrunning:1',
    containers: [['6178755ea1569f3deee6ecf50c3ce4140bbc1a275a57860cf6249c9807aa94b6', 'conf-lastrunning', 'running']],
  },
  // stopped-container
  {
    on: 'docker20',
    what: 'stopped container, by ID',
    operation: 'remove-image',
    status: 409,
    message:
      'conflict: unable to delete 8c3d27a2e57a (must be forced) - image is being used by stopped container c28c7a1baff2',
    kind: 'stopped-container',
    image: '8c3d27a2e57a',
    containers: [[fullOf('c28c7a1baff2'), 'conf-stopped', 'exited']],
  },
  {
    on: 'docker26-containerd',
    what: 'stopped container, by ID',
    operation: 'remove-image',
    status: 409,
    message:
      'conflict: unable to delete 5da77e279a0c (must be forced) - image is being used by stopped container bd8963a182ea',
    kind: 'stopped-container',
    image: '5da77e279a0c',
    containers: [[fullOf('bd8963a182ea'), 'conf-stopped', 'exited']],
  },
  {
    on: 'docker26-containerd',
    what: 'stopped container and two tags, by ID (containerd store: stopped before references)',
    operation: 'remove-image',
    status: 409,
    message:
      'conflict: unable to delete 67f3b88a9a90 (must be forced) - image is being used by stopped container f53b34569b34',
    kind: 'stopped-container',
    image: '67f3b88a9a90',
    containers: [[fullOf('f53b34569b34'), 'conf-order-stopped', 'exited']],
  },
  {
    on: 'docker26-classic',
    what: 'stopped container, by ID',
    operation: 'remove-image',
    status: 409,
    message:
      'conflict: unable to delete 36bb89725963 (must be forced) - image is being used by stopped container 2e65bb820e9d',
    kind: 'stopped-container',
    image: '36bb89725963',
    containers: [[fullOf('2e65bb820e9d'), 'conf-stopped', 'exited']],
  },
  {
    on: 'podman43',
    what: 'stopped container, by ID',
    operation: 'remove-image',
    status: 409,
    message:
      'image sha256:436d5e05b930eda161cf5218b777c34a569623e61e9cac5616837bb9fa51ed2d is in use: image used by 90030768a06790609119a9ffbdb4923638169a6319b22c15ee8297449a526d3d: image is in use by a container: consider listing external containers and force-removing image',
    kind: 'stopped-container',
    image: 'sha256:436d5e05b930eda161cf5218b777c34a569623e61e9cac5616837bb9fa51ed2d',
    containers: [['90030768a06790609119a9ffbdb4923638169a6319b22c15ee8297449a526d3d', 'conf-stopped', 'exited']],
  },
  {
    on: 'podman43',
    what: 'last tag of an image a stopped container uses, by name',
    operation: 'remove-image',
    target: 'conf/laststopped:1',
    status: 409,
    message:
      'image conf/laststopped:1 is in use: image used by 2b985b58356c1f31ee26c2f56507b012e48fc3c9c073ea4a6465e70bd8b7b00b: image is in use by a container: consider listing external containers and force-removing image',
    kind: 'stopped-container',
    image: 'conf/laststopped:1',
    containers: [['2b985b58356c1f31ee26c2f56507b012e48fc3c9c073ea4a6465e70bd8b7b00b', 'conf-laststopped', 'exited']],
  },
  {
    on: 'podman54',
    what: 'stopped container, by ID',
    operation: 'remove-image',
    status: 409,
    message:
      'image sha256:1a0347d11c6bc8b6204274ea576ea0e5815a54a4fed65e587c180f0a96e6a50d is in use: image used by 34b1345473661a35a5c005ae4b6495947c50edc35dfef2837a77a1a11847f002: image is in use by a container: consider listing external containers and force-removing image',
    kind: 'stopped-container',
    image: 'sha256:1a0347d11c6bc8b6204274ea576ea0e5815a54a4fed65e587c180f0a96e6a50d',
    containers: [['34b1345473661a35a5c005ae4b6495947c50edc35dfef2837a77a1a11847f002', 'conf-stopped', 'exited']],
  },
  {
    on: 'podman54',
    what: 'last tag of an image a stopped container uses, by name',
    operation: 'remove-image',
    target: 'conf/laststopped:1',
    status: 409,
    message:
      'image conf/laststopped:1 is in use: image used by 8d403435300102f971920f2eac80b82580a17835ea46a8867bbecfff23741443: image is in use by a container: consider listing external containers and force-removing image',
    kind: 'stopped-container',
    image: 'conf/laststopped:1',
    containers: [['8d403435300102f971920f2eac80b82580a17835ea46a8867bbecfff23741443', 'conf-laststopped', 'exited']],
  },
  // multiple-references
  {
    on: 'docker20',
    what: 'two tags, by ID',
    operation: 'remove-image',
    status: 409,
    message: 'conflict: unable to delete 7c021f80f188 (must be forced) - image is referenced in multiple repositories',
    kind: 'multiple-references',
    image: '7c021f80f188',
  },
  {
    on: 'docker20',
    what: 'two tags and a stopped container, by ID (classic store: references before stopped)',
    operation: 'remove-image',
    status: 409,
    message: 'conflict: unable to delete 200c6b752159 (must be forced) - image is referenced in multiple repositories',
    kind: 'multiple-references',
    image: '200c6b752159',
  },
  {
    on: 'docker26-containerd',
    what: 'two tags, by ID',
    operation: 'remove-image',
    status: 409,
    message: 'conflict: unable to delete fa97264693c1 (must be forced) - image is referenced in multiple repositories',
    kind: 'multiple-references',
    image: 'fa97264693c1',
  },
  {
    on: 'docker26-classic',
    what: 'two tags, by ID',
    operation: 'remove-image',
    status: 409,
    message: 'conflict: unable to delete a0212188313a (must be forced) - image is referenced in multiple repositories',
    kind: 'multiple-references',
    image: 'a0212188313a',
  },
  {
    on: 'podman43',
    what: 'two tags, by ID (500)',
    operation: 'remove-image',
    status: 500,
    message:
      'unable to delete image "c575db29f21d6b2641a7541e2cf28d585d5bb627169b8d7e2fb3f3e4f39c8bf9" by ID with more than one tag ([docker.io/conf/multi:1 docker.io/conf/multi:2]): please force removal',
    kind: 'multiple-references',
    image: 'c575db29f21d6b2641a7541e2cf28d585d5bb627169b8d7e2fb3f3e4f39c8bf9',
    references: ['docker.io/conf/multi:1', 'docker.io/conf/multi:2'],
  },
  {
    on: 'podman54',
    what: 'two tags, by ID (500; the tags in no fixed order)',
    operation: 'remove-image',
    status: 500,
    message:
      'unable to delete image "8e18ecdf0805b8a640fbe8f9e61ef4efd9c0ff20daae57a4f54b152569fe2731" by ID with more than one tag ([docker.io/conf/multi:2 docker.io/conf/multi:1]): please force removal',
    kind: 'multiple-references',
    image: '8e18ecdf0805b8a640fbe8f9e61ef4efd9c0ff20daae57a4f54b152569fe2731',
    references: ['docker.io/conf/multi:2', 'docker.io/conf/multi:1'],
  },
  {
    on: 'podman54',
    what: 'two tags, a stopped and a running container, by ID (tags come first)',
    operation: 'remove-image',
    status: 500,
    message:
      'unable to delete image "6567e36fdded4caf4923dd73c27aaa867013c98a9a2f5072fcba871d41321cb6" by ID with more than one tag ([docker.io/conf/order:2 docker.io/conf/order:1]): please force removal',
    kind: 'multiple-references',
    image: '6567e36fdded4caf4923dd73c27aaa867013c98a9a2f5072fcba871d41321cb6',
    references: ['docker.io/conf/order:2', 'docker.io/conf/order:1'],
  },
  // reference-in-use
  {
    on: 'docker20',
    what: 'last tag of an image a running container uses, by name',
    operation: 'remove-image',
    target: 'conf/lastrunning:1',
    status: 409,
    message:
      'conflict: unable to remove repository reference "conf/lastrunning:1" (must force) - container 64a1b45edaec is using its referenced image a93b09e8c88f',
    kind: 'reference-in-use',
    image: 'a93b09e8c88f',
    containers: [[fullOf('64a1b45edaec'), 'conf-lastrunning', 'running']],
    references: ['conf/lastrunning:1'],
  },
  {
    on: 'docker20',
    what: 'last tag of an image a stopped container uses, by name',
    operation: 'remove-image',
    target: 'conf/laststopped:1',
    status: 409,
    message:
      'conflict: unable to remove repository reference "conf/laststopped:1" (must force) - container ee9f7f47e29b is using its referenced image 0b8eba48326f',
    kind: 'reference-in-use',
    image: '0b8eba48326f',
    containers: [[fullOf('ee9f7f47e29b'), 'conf-laststopped', 'exited']],
    references: ['conf/laststopped:1'],
  },
  {
    on: 'docker26-containerd',
    what: 'last tag of an image a running container uses, by name',
    operation: 'remove-image',
    target: 'conf/lastrunning:1',
    status: 409,
    message:
      'conflict: unable to delete conf/lastrunning:1 (must be forced) - container c35ae69850fd is using its referenced image 41460629aeca',
    kind: 'reference-in-use',
    image: '41460629aeca',
    containers: [[fullOf('c35ae69850fd'), 'conf-lastrunning', 'running']],
    references: ['conf/lastrunning:1'],
  },
  {
    on: 'docker26-containerd',
    what: 'last tag of an image a stopped container uses, by name',
    operation: 'remove-image',
    target: 'conf/laststopped:1',
    status: 409,
    message:
      'conflict: unable to delete conf/laststopped:1 (must be forced) - container c610ec009004 is using its referenced image 606f78bacc21',
    kind: 'reference-in-use',
    image: '606f78bacc21',
    containers: [[fullOf('c610ec009004'), 'conf-laststopped', 'exited']],
    references: ['conf/laststopped:1'],
  },
  {
    on: 'docker26-classic',
    what: 'last tag of an image a running container uses, by name',
    operation: 'remove-image',
    target: 'conf/lastrunning:1',
    status: 409,
    message:
      'conflict: unable to remove repository reference "conf/lastrunning:1" (must force) - container 4ba1e0e07242 is using its referenced image b2cad3998810',
    kind: 'reference-in-use',
    image: 'b2cad3998810',
    containers: [[fullOf('4ba1e0e07242'), 'conf-lastrunning', 'running']],
    references: ['conf/lastrunning:1'],
  },
  {
    on: 'docker26-classic',
    what: 'last tag of an image a stopped container uses, by name',
    operation: 'remove-image',
    target: 'conf/laststopped:1',
    status: 409,
    message:
      'conflict: unable to remove repository reference "conf/laststopped:1" (must force) - container b9f7f9cd1c3c is using its referenced image ecefbaaa4f4f',
    kind: 'reference-in-use',
    image: 'ecefbaaa4f4f',
    containers: [[fullOf('b9f7f9cd1c3c'), 'conf-laststopped', 'exited']],
    references: ['conf/laststopped:1'],
  },
  // dependent-children
  {
    on: 'docker20',
    what: 'parent of a child image, by ID, with or without force',
    operation: 'remove-image',
    status: 409,
    message: 'conflict: unable to delete 1ecf7dbe836d (cannot be forced) - image has dependent child images',
    kind: 'dependent-children',
    image: '1ecf7dbe836d',
  },
  {
    on: 'docker26-classic',
    what: 'parent of a child image, by ID, with or without force',
    operation: 'remove-image',
    status: 409,
    message: 'conflict: unable to delete 0e27129584c8 (cannot be forced) - image has dependent child images',
    kind: 'dependent-children',
    image: '0e27129584c8',
  },
  // not-found
  {
    on: 'docker20',
    what: 'missing image',
    operation: 'remove-image',
    status: 404,
    message: 'No such image: conf/nope:1',
    kind: 'not-found',
    image: 'conf/nope:1',
  },
  {
    on: 'docker20',
    what: 'missing container',
    operation: 'remove-container',
    target: 'conf-nobody',
    status: 404,
    message: 'No such container: conf-nobody',
    kind: 'not-found',
    unlisted: ['conf-nobody'],
  },
  {
    on: 'docker20',
    what: 'racing removals of one container, a loser',
    operation: 'remove-container',
    status: 409,
    message:
      'removal of container a78d195cec754bbffb4bb04c161bce60919fbe9f5afc0b0d550138e82acf8725 is already in progress',
    kind: 'not-found',
    containers: [['a78d195cec754bbffb4bb04c161bce60919fbe9f5afc0b0d550138e82acf8725', 'conf-race-0', 'exited']],
  },
  {
    on: 'docker20',
    what: 'racing removals of one image by ID, a loser (500)',
    operation: 'remove-image',
    status: 500,
    message: 'unrecognized image ID sha256:92b9d7a699090fb8b83b11cef094c47b555d1f50c9b3a5d428408e57047c5f14',
    kind: 'not-found',
    image: 'sha256:92b9d7a699090fb8b83b11cef094c47b555d1f50c9b3a5d428408e57047c5f14',
  },
  {
    on: 'docker26-containerd',
    what: 'an image ID that names no image',
    operation: 'remove-image',
    status: 404,
    message: 'No such image: sha256:5ef024abc99ff333559deadb2243ca04d0fe3f62eee3e6c8ce52e7ed7607425a',
    kind: 'not-found',
    image: 'sha256:5ef024abc99ff333559deadb2243ca04d0fe3f62eee3e6c8ce52e7ed7607425a',
  },
  {
    on: 'docker26-containerd',
    what: 'racing removals of one image by ID, a loser (the store names the tag it resolved)',
    operation: 'remove-image',
    status: 404,
    message: 'image "docker.io/conf/rmirace:0": not found',
    kind: 'not-found',
    image: 'docker.io/conf/rmirace:0',
  },
  {
    on: 'docker26-containerd',
    what: 'missing container',
    operation: 'remove-container',
    target: 'conf-nobody',
    status: 404,
    message: 'No such container: conf-nobody',
    kind: 'not-found',
    unlisted: ['conf-nobody'],
  },
  {
    on: 'docker26-classic',
    what: 'racing removals of one image by ID, a loser (404)',
    operation: 'remove-image',
    status: 404,
    message: 'unrecognized image ID sha256:2bf1839e82e9207738035f184a04ca3583c3271de4b21c719502cf5e09bb159b',
    kind: 'not-found',
    image: 'sha256:2bf1839e82e9207738035f184a04ca3583c3271de4b21c719502cf5e09bb159b',
  },
  {
    on: 'docker26-classic',
    what: 'racing removals of one container, a loser',
    operation: 'remove-container',
    status: 409,
    message:
      'removal of container 36e2bd27256a95b12e014c94929a78e82a0514500dc93747093bb956e358eebc is already in progress',
    kind: 'not-found',
    containers: [['36e2bd27256a95b12e014c94929a78e82a0514500dc93747093bb956e358eebc', 'conf-race-0', 'exited']],
  },
  {
    on: 'podman43',
    what: 'missing image',
    operation: 'remove-image',
    status: 404,
    message: 'failed to find image conf/nope:1: docker.io/conf/nope:1: image not known',
    kind: 'not-found',
    image: 'conf/nope:1',
  },
  {
    on: 'podman43',
    what: 'missing container',
    operation: 'remove-container',
    target: 'conf-nobody',
    status: 404,
    message: 'no container with name or ID "conf-nobody" found: no such container',
    kind: 'not-found',
    unlisted: ['conf-nobody'],
  },
  {
    on: 'podman43',
    what: 'racing removals of one container, a loser',
    operation: 'remove-container',
    status: 404,
    message:
      'container d2c5a09a5584688d2187fa6c6215977d31b3db66ed812d16d902a8397fecdd1b does not exist in database: no such container',
    kind: 'not-found',
    containers: [['d2c5a09a5584688d2187fa6c6215977d31b3db66ed812d16d902a8397fecdd1b', 'conf-race-0', 'exited']],
  },
  {
    on: 'podman43',
    what: 'an image ID that names no image, bare 64 hex (500: refused as a repository name)',
    operation: 'remove-image',
    status: 500,
    message:
      'normalizing image: normalizing name "edf2fd23b8dc72db81bcf063c1234fcf433e1a05d9c4e45ae5aad1411f778c18" (orig: "edf2fd23b8dc72db81bcf063c1234fcf433e1a05d9c4e45ae5aad1411f778c18") for compat API: invalid repository name (edf2fd23b8dc72db81bcf063c1234fcf433e1a05d9c4e45ae5aad1411f778c18), cannot specify 64-byte hexadecimal strings',
    kind: 'not-found',
    image: 'edf2fd23b8dc72db81bcf063c1234fcf433e1a05d9c4e45ae5aad1411f778c18',
  },
  {
    on: 'podman43',
    what: 'racing removals of one image by ID, a loser (500)',
    operation: 'remove-image',
    status: 500,
    message:
      'normalizing image: normalizing name for compat API: parsing named reference "124122909f54f4a083be34505efa47e7c315734047e1d7d805f2e88c2c336516": invalid repository name (124122909f54f4a083be34505efa47e7c315734047e1d7d805f2e88c2c336516), cannot specify 64-byte hexadecimal strings',
    kind: 'not-found',
    image: '124122909f54f4a083be34505efa47e7c315734047e1d7d805f2e88c2c336516',
  },
  {
    on: 'podman43',
    what: 'racing removals of one image by ID, a loser (404)',
    operation: 'remove-image',
    status: 404,
    message:
      'failed to find image sha256:3bc1c16cbfe8e8c93251f593ba215a043596ec6f3eb325d97037925293fa1f86: reading image "3bc1c16cbfe8e8c93251f593ba215a043596ec6f3eb325d97037925293fa1f86": locating image with ID "3bc1c16cbfe8e8c93251f593ba215a043596ec6f3eb325d97037925293fa1f86": image not known',
    kind: 'not-found',
    image: 'sha256:3bc1c16cbfe8e8c93251f593ba215a043596ec6f3eb325d97037925293fa1f86',
  },
  {
    on: 'podman54',
    what: 'an image ID that names no image, "sha256:" form',
    operation: 'remove-image',
    status: 404,
    message:
      'failed to find image sha256:6db1ba344636c72ab3336f4b7702a678b41b1eecaa8e395cd83d11872f6f3086: docker.io/library/sha256:6db1ba344636c72ab3336f4b7702a678b41b1eecaa8e395cd83d11872f6f3086: image not known',
    kind: 'not-found',
    image: 'sha256:6db1ba344636c72ab3336f4b7702a678b41b1eecaa8e395cd83d11872f6f3086',
  },
  {
    on: 'podman54',
    what: 'missing container ("ID or name" when removing)',
    operation: 'remove-container',
    target: 'conf-nobody',
    status: 404,
    message: 'no container with ID or name "conf-nobody" found: no such container',
    kind: 'not-found',
    unlisted: ['conf-nobody'],
  },
  {
    on: 'podman54',
    what: 'racing removals of one image by ID, a loser (the bare ID in between)',
    operation: 'remove-image',
    status: 404,
    message:
      'failed to find image sha256:dc9d9ccc22f98c92e4967ab6334e8c949d86c7d76bc0f896520094df99aa7503: dc9d9ccc22f98c92e4967ab6334e8c949d86c7d76bc0f896520094df99aa7503: image not known',
    kind: 'not-found',
    image: 'sha256:dc9d9ccc22f98c92e4967ab6334e8c949d86c7d76bc0f896520094df99aa7503',
  },
  {
    on: 'podman54',
    what: 'racing removals of one image by ID, a loser ("locating image with ID")',
    operation: 'remove-image',
    status: 404,
    message:
      'failed to find image sha256:373bf71616af669e1b40e1b31d4854af0a06537f80704cd58e7ab8018918feff: locating image with ID "373bf71616af669e1b40e1b31d4854af0a06537f80704cd58e7ab8018918feff": image not known',
    kind: 'not-found',
    image: 'sha256:373bf71616af669e1b40e1b31d4854af0a06537f80704cd58e7ab8018918feff',
  },
  {
    on: 'podman54',
    what: 'racing removals of one image by ID, a loser (500)',
    operation: 'remove-image',
    status: 500,
    message:
      'normalizing image: normalizing name for compat API: parsing named reference "ac41ae5f031a064afc7e586e898919d165cae6a7fb74e5252f3c183481ade32a": invalid repository name (ac41ae5f031a064afc7e586e898919d165cae6a7fb74e5252f3c183481ade32a), cannot specify 64-byte hexadecimal strings',
    kind: 'not-found',
    image: 'ac41ae5f031a064afc7e586e898919d165cae6a7fb74e5252f3c183481ade32a',
  },
  // prune-already-running
  ...(['docker20', 'docker26-containerd', 'docker26-classic'] as const).map((on): LiveRow => ({
    on,
    what: 'overlapping prunes, a loser',
    operation: 'prune-images',
    status: 409,
    message: 'a prune operation is already running',
    kind: 'prune-already-running',
  })),
  // container-running
  {
    on: 'docker20',
    what: 'removing a running container',
    operation: 'remove-container',
    status: 409,
    message:
      'You cannot remove a running container 3cea7e8219b8ba570210453e8d5bb663d315a96e6ddbf8d9f46df7a037d01be0. Stop the container before attempting removal or force remove',
    kind: 'container-running',
    containers: [['3cea7e8219b8ba570210453e8d5bb663d315a96e6ddbf8d9f46df7a037d01be0', 'conf-rmrun', 'running']],
  },
  {
    on: 'docker20',
    what: 'removing a paused container',
    operation: 'remove-container',
    status: 409,
    message:
      'You cannot remove a paused container 8f06de4d0db655da4d677e02fe84fcd7f1e269a89620c12437d95fbb87793081. Unpause and then stop the container before attempting removal or force remove',
    kind: 'container-running',
    containers: [['8f06de4d0db655da4d677e02fe84fcd7f1e269a89620c12437d95fbb87793081', 'conf-rmpause', 'paused']],
  },
  // Docker 25+ names the container, not its ID: the inventory's ID here is made up.
  ...(['docker26-containerd', 'docker26-classic'] as const).flatMap((on): LiveRow[] => [
    {
      on,
      what: 'removing a running container (named)',
      operation: 'remove-container',
      status: 409,
      message:
        'cannot remove container "/conf-rmrun": container is running: stop the container before removing or force remove',
      kind: 'container-running',
      containers: [[webFull, 'conf-rmrun', 'running']],
    },
    {
      on,
      what: 'removing a paused container (named)',
      operation: 'remove-container',
      status: 409,
      message: 'cannot remove container "/conf-rmpause": container is paused and must be unpaused first',
      kind: 'container-running',
      containers: [[webFull, 'conf-rmpause', 'paused']],
    },
  ]),
  {
    on: 'podman43',
    what: 'removing a running container (500)',
    operation: 'remove-container',
    status: 500,
    message:
      'cannot remove container 3b56f1ca9432b472c0dbead7a81c5717c76f44fafd42b8bae0a7b2008ee7b6a0 as it is running - running or paused containers cannot be removed without force: container state improper',
    kind: 'container-running',
    containers: [['3b56f1ca9432b472c0dbead7a81c5717c76f44fafd42b8bae0a7b2008ee7b6a0', 'conf-rmrun', 'running']],
  },
  {
    on: 'podman43',
    what: 'removing a paused container (500)',
    operation: 'remove-container',
    status: 500,
    message:
      'cannot remove container 1de0f489310a184a745c3cd2bafc7658a61b60eb77ad0de590efcf4e406c0480 as it is paused - running or paused containers cannot be removed without force: container state improper',
    kind: 'container-running',
    containers: [['1de0f489310a184a745c3cd2bafc7658a61b60eb77ad0de590efcf4e406c0480', 'conf-rmpause', 'paused']],
  },
  {
    on: 'podman54',
    what: 'removing a running container (500)',
    operation: 'remove-container',
    status: 500,
    message:
      'cannot remove container 29556960ababb83f554bf56271722718f796f78306ced50c469b90c92e862ee7 as it is running - running or paused containers cannot be removed without force: container state improper',
    kind: 'container-running',
    containers: [['29556960ababb83f554bf56271722718f796f78306ced50c469b90c92e862ee7', 'conf-rmrun', 'running']],
  },
  {
    on: 'podman54',
    what: 'removing a paused container (500)',
    operation: 'remove-container',
    status: 500,
    message:
      'cannot remove container 78070bdce9b0c53c83b3f9a562b4f758d8304949589fd98199153be471403841 as it is paused - running or paused containers cannot be removed without force: container state improper',
    kind: 'container-running',
    containers: [['78070bdce9b0c53c83b3f9a562b4f758d8304949589fd98199153be471403841', 'conf-rmpause', 'paused']],
  },
  // api-version
  {
    on: 'docker20',
    what: 'API version too new',
    operation: 'connect',
    status: 400,
    message: 'client version 1.99 is too new. Maximum supported API version is 1.41',
    kind: 'api-version',
  },
  {
    on: 'docker20',
    what: 'API version too old',
    operation: 'connect',
    status: 400,
    message:
      'client version 1.0 is too old. Minimum supported API version is 1.12, please upgrade your client to a newer version',
    kind: 'api-version',
  },
  ...(['docker26-containerd', 'docker26-classic'] as const).flatMap((on): LiveRow[] => [
    {
      on,
      what: 'API version too new',
      operation: 'connect',
      status: 400,
      message: 'client version 1.99 is too new. Maximum supported API version is 1.45',
      kind: 'api-version',
    },
    {
      on,
      what: 'API version too old',
      operation: 'connect',
      status: 400,
      message:
        'client version 1.0 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version',
      kind: 'api-version',
    },
  ]),
  // unknown: answers Barnacle has no kind for
  {
    on: 'docker20',
    what: 'a reference the engine cannot parse',
    operation: 'remove-image',
    target: 'UPPER/Case:1',
    status: 400,
    message: 'invalid reference format: repository name must be lowercase',
    kind: 'unknown',
    image: 'UPPER/Case:1',
  },
  ...(['docker26-containerd', 'docker26-classic'] as const).map((on): LiveRow => ({
    on,
    what: 'a reference the engine cannot parse',
    operation: 'remove-image',
    target: 'UPPER/Case:1',
    status: 400,
    message: 'invalid reference format: repository name (Case) must be lowercase',
    kind: 'unknown',
    image: 'UPPER/Case:1',
  })),
  {
    on: 'podman43',
    what: 'a reference the engine cannot parse (500)',
    operation: 'remove-image',
    target: 'UPPER/Case:1',
    status: 500,
    message: 'normalizing image: normalizing name for compat API: repository name must be lowercase',
    kind: 'unknown',
    image: 'UPPER/Case:1',
  },
  {
    on: 'podman54',
    what: 'a reference the engine cannot parse (500)',
    operation: 'remove-image',
    target: 'UPPER/Case:1',
    status: 500,
    message:
      'normalizing image: normalizing name for compat API: parsing reference "UPPER/Case:1": repository name must be lowercase',
    kind: 'unknown',
    image: 'UPPER/Case:1',
  },
  // 304 on stop/start: an empty body on all five; 'not modified' is readEngineFailure's word for it.
  ...(Object.keys(liveEngines) as LiveEngineName[]).map((on): LiveRow => ({
    on,
    what: 'stopping a stopped container (304, callers treat it as done)',
    operation: 'stop-container',
    target: 'conf-stop304',
    status: 304,
    message: 'not modified',
    kind: 'unknown',
  })),
];

function fromLive(row: LiveRow): Row {
  const { kind, label } = liveEngines[row.on];
  const listed = row.containers ?? [];
  const named = [...listed.map(([id]) => id), ...(row.unlisted ?? [])];
  return {
    what: `${row.on} (${label}), seen live: ${row.what}`,
    engine: kind,
    operation: row.operation,
    target: row.target,
    failure: { statusCode: row.status, message: row.message },
    kind: row.kind,
    image: row.image,
    containers: named.length > 0 ? named : undefined,
    names: named.length > 0 ? [...listed.map(([, name]) => name), ...(row.unlisted ?? [])] : undefined,
    references: row.references,
    resolver: resolverFromContainers(listed.map(([id, name, state]) => container(id, name, state))),
  };
}

describe('classifyFailure over engine wordings', () => {
  it('has a row for every conflict kind an engine can answer', () => {
    const covered = new Set(rows.map((r) => r.kind));
    for (const kind of conflictKinds) expect(covered, kind).toContain(kind);
  });

  it('has a live row for every kind each engine answers, and none for the kinds it never answers', () => {
    for (const on of Object.keys(liveEngines) as LiveEngineName[]) {
      const seen = new Set(liveRows.filter((r) => r.on === on).map((r) => r.kind));
      for (const kind of conflictKinds) {
        expect(seen.has(kind) || neverAnswered[on].includes(kind), `${on}: ${kind}`).toBe(true);
        if (neverAnswered[on].includes(kind)) expect(seen.has(kind), `${on} never answers ${kind}`).toBe(false);
      }
    }
  });

  it.each([...rows, ...liveRows.map(fromLive)])('$what → $kind', (row) => {
    const context = { operation: row.operation, engine: row.engine, target: row.target, resolve: row.resolver };
    const error = classifyFailure(row.failure, context);

    expect(error.kind).toBe(row.kind);
    expect(error.engineMessage).toBe(row.failure.message);
    expect(error.statusCode).toBe(row.failure.statusCode);
    expect(error.image).toBe(row.image);
    expect(error.references).toEqual(row.references);
    expect(error.containers?.map((c) => c.id)).toEqual(row.containers);
    if (row.names) expect(error.containers?.map((c) => c.name)).toEqual(row.names);
    expect(error.message.length).toBeGreaterThan(20);
    // Plain words name a resolved container by name, never by ID.
    for (const c of error.containers ?? []) {
      if (c.name && c.name !== c.id) {
        expect(error.message).toContain(`"${c.name}"`);
        expect(error.message).not.toContain(c.id.slice(0, 12));
      }
    }
  });
});

describe('engineWording: what the engine in use would answer, for a predicted conflict', () => {
  const live = (on: LiveEngineName, what: string): LiveRow => {
    const row = liveRows.find((r) => r.on === on && r.what === what);
    if (!row) throw new Error(`no live row ${on}: ${what}`);
    return row;
  };
  const store = (on: LiveEngineName) => (on === 'docker26-containerd' ? 'containerd' : 'classic');
  const cases: [LiveEngineName, string, PredictedConflict, WordingFacts][] = [
    [
      'docker20',
      'running container, by ID',
      'running-container',
      { imageId: 'sha256:' + fullOf('dd06d057f22e'), containerId: fullOf('6e33d6b3d4ae') },
    ],
    [
      'docker26-containerd',
      'stopped container, by ID',
      'stopped-container',
      { imageId: fullOf('5da77e279a0c'), containerId: fullOf('bd8963a182ea') },
    ],
    ['docker26-classic', 'two tags, by ID', 'multiple-references', { imageId: fullOf('a0212188313a') }],
    [
      'docker26-classic',
      'last tag of an image a stopped container uses, by name',
      'reference-in-use',
      { imageId: fullOf('ecefbaaa4f4f'), containerId: fullOf('b9f7f9cd1c3c'), reference: 'conf/laststopped:1' },
    ],
    [
      'docker26-containerd',
      'last tag of an image a running container uses, by name',
      'reference-in-use',
      { imageId: fullOf('41460629aeca'), containerId: fullOf('c35ae69850fd'), reference: 'conf/lastrunning:1' },
    ],
    [
      'docker20',
      'parent of a child image, by ID, with or without force',
      'dependent-children',
      { imageId: fullOf('1ecf7dbe836d') },
    ],
    [
      'podman54',
      'running container, by ID (the inventory says it runs)',
      'running-container',
      {
        imageId: 'sha256:20089ac8b7d8ea2b0b1cbd83b6d253559e8ffbaf1b48fb405756d81688b15c06',
        containerId: '5e799b0ac5bc87da96b620d2a3eb6be9d512bf294cff42069c7b00a9b69f3efb',
      },
    ],
    [
      'podman43',
      'last tag of an image a stopped container uses, by name',
      'reference-in-use',
      {
        imageId: 'sha256:0000000000000000000000000000000000000000000000000000000000000000',
        requested: 'conf/laststopped:1',
        containerId: '2b985b58356c1f31ee26c2f56507b012e48fc3c9c073ea4a6465e70bd8b7b00b',
        reference: 'conf/laststopped:1',
      },
    ],
    [
      'podman54',
      'two tags, by ID (500; the tags in no fixed order)',
      'multiple-references',
      {
        imageId: 'sha256:8e18ecdf0805b8a640fbe8f9e61ef4efd9c0ff20daae57a4f54b152569fe2731',
        tags: ['docker.io/conf/multi:2', 'docker.io/conf/multi:1'],
      },
    ],
  ];

  it.each(cases)('%s: %s', (on, what, conflict, facts) => {
    const row = live(on, what);
    const wording = engineWording(conflict, facts, { kind: liveEngines[on].kind, imageStore: store(on) });
    expect(wording).toBe(row.message);
    // And it reads back as what the engine's own answer reads as.
    const { operation, engine, target, resolver } = fromLive(row);
    const context = { operation, engine, target, resolve: resolver };
    expect(classifyFailure({ statusCode: row.status, message: wording ?? '' }, context).kind).toBe(row.kind);
  });

  it('is null where the engine has no such conflict and would go ahead', () => {
    const facts = { imageId: fullOf('1ecf7dbe836d') };
    expect(engineWording('dependent-children', facts, { kind: 'docker', imageStore: 'containerd' })).toBeNull();
    expect(engineWording('dependent-children', facts, { kind: 'podman', imageStore: 'classic' })).toBeNull();
  });

  it('never words a Podman answer like Docker’s', () => {
    for (const conflict of [
      'running-container',
      'stopped-container',
      'multiple-references',
      'reference-in-use',
    ] as const) {
      const wording = engineWording(
        conflict,
        { imageId: imgFull, containerId: webFull, tags: ['a:1'] },
        {
          kind: 'podman',
          imageStore: 'classic',
        },
      );
      expect(wording).not.toMatch(/^conflict: /);
    }
  });
});

describe('messages in plain words', () => {
  it('says what runs and what fixes it', () => {
    const error = classifyFailure(
      {
        statusCode: 409,
        message: `conflict: unable to delete ${imgShort} (cannot be forced) - image is being used by running container ${webShort}`,
      },
      { operation: 'remove-image', engine: 'docker', target: 'tiny:latest', resolve: running },
    );
    expect(error.message).toBe(
      'The image tiny:latest is used by the running container "web-1". Stop and remove that container first, or keep the image.',
    );
  });

  it('lists the tags Podman named', () => {
    const error = classifyFailure(
      {
        statusCode: 500,
        message: `unable to delete image "${imgFull}" by ID with more than one tag ([docker.io/library/tiny:latest docker.io/library/tiny:v2]): please force removal`,
      },
      { operation: 'remove-image', engine: 'podman', target: imgFull },
    );
    expect(error.message).toContain('docker.io/library/tiny:latest, docker.io/library/tiny:v2');
    expect(error.message).toContain(imgShort);
    expect(error.message).not.toContain(imgFull);
  });

  it('says a paused container must be unpaused', () => {
    const error = classifyFailure(
      { statusCode: 409, message: 'cannot remove container "/web-1": container is paused and must be unpaused first' },
      { operation: 'remove-container', engine: 'docker', resolve: paused },
    );
    expect(error.message).toMatch(/paused.*Unpause/);
  });

  it('hints at external build containers when Podman names one nobody lists', () => {
    const error = classifyFailure(
      {
        statusCode: 409,
        message: `image x is in use: image used by ${imgFull}: image is in use by a container: consider listing external containers and force-removing image`,
      },
      { operation: 'remove-image', engine: 'podman', resolve: running },
    );
    expect(error.message).toContain('--external');
  });

  it('keeps the raw engine words for an unknown failure', () => {
    const error = classifyFailure(
      { statusCode: 500, message: 'disk on fire' },
      { operation: 'prune-images', engine: 'docker' },
    );
    expect(error.message).toContain('disk on fire');
    expect(error.message).toContain('prune images');
  });
});

describe('through dockerode errors', () => {
  // What docker-modem hands over: status on the error, the engine's body in `json`.
  function dockerodeError(statusCode: number, body: object): Error {
    const err = new Error(`(HTTP code ${statusCode}) conflict - ${JSON.stringify(body)} `);
    return Object.assign(err, { statusCode, json: body, reason: 'conflict' });
  }

  it('reads a Podman body {cause, message, response}', () => {
    const failure = readEngineFailure(
      dockerodeError(500, {
        cause: 'image is in use by a container',
        message: `unable to delete image "${imgFull}" by ID with more than one tag ([docker.io/library/a:1 docker.io/library/a:2]): please force removal`,
        response: 500,
      }),
    );
    const error = classifyFailure(failure, { operation: 'remove-image', engine: 'podman' });
    expect(error.kind).toBe('multiple-references');
    expect(error.references).toEqual(['docker.io/library/a:1', 'docker.io/library/a:2']);
    expect(error.statusCode).toBe(500);
  });

  it('reads a socket error with a code and no status', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED /tmp/x.sock'), { code: 'ECONNREFUSED', errno: -111 });
    const error = classifyFailure(readEngineFailure(err), { operation: 'list', engine: 'docker' });
    expect(error.kind).toBe('engine-unreachable');
    expect(error.statusCode).toBeUndefined();
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('isAlreadyInRequestedState', () => {
  it('treats 304 on stop/start as done, and nothing else', () => {
    expect(isAlreadyInRequestedState({ statusCode: 304, message: '' }, 'stop-container')).toBe(true);
    expect(isAlreadyInRequestedState({ statusCode: 304, message: '' }, 'start-container')).toBe(true);
    expect(isAlreadyInRequestedState({ statusCode: 304, message: '' }, 'remove-image')).toBe(false);
    expect(isAlreadyInRequestedState({ statusCode: 409, message: '' }, 'stop-container')).toBe(false);
  });
});

describe('resolverFromContainers', () => {
  const resolve = resolverFromContainers([
    container(webFull, 'web-1', 'running'),
    container(dbFull, 'db', 'exited'),
    // Shares the first 12 hex with nothing else; a second one below shares 12 with it.
    container('aaaaaaaaaaaa1111111111111111111111111111111111111111111111111111', 'twin-a', 'exited'),
    container('aaaaaaaaaaaa2222222222222222222222222222222222222222222222222222', 'twin-b', 'exited'),
  ]);

  it('finds a container by full ID, short ID, name and /name', () => {
    for (const key of [webFull, webShort, 'web-1', '/web-1', webFull.toUpperCase()]) {
      expect(resolve(key), key).toEqual({ id: webFull, name: 'web-1', state: 'running' });
    }
    expect(resolve(dbFull.slice(0, 12))?.name).toBe('db');
  });

  it('does not guess between containers sharing a prefix, nor from a too-short one', () => {
    expect(resolve('aaaaaaaaaaaa')).toBeNull();
    expect(resolve('aaaaaaaaaaaa1')?.name).toBe('twin-a');
    expect(resolve(webFull.slice(0, 6))).toBeNull();
  });

  it('answers null for what it does not know', () => {
    expect(resolve('nobody')).toBeNull();
    expect(resolve('')).toBeNull();
    expect(resolve('0123456789abcdef')).toBeNull();
  });
});
