import { describe, expect, it } from 'vitest';
import { conflictKinds, type ConflictKind } from '../../src-shared/errors';
import type { ContainerState, ContainerSummary, EngineKind } from '../../src-shared/model';
import {
  classifyFailure,
  isAlreadyInRequestedState,
  resolverFromContainers,
  type FailedOperation,
} from '../../src-main/conflicts/classify';
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
  // Docker 20.10, seen live (engine-facts.md and tests/integration/conflicts.test.ts).
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
    what: 'docker containerd store: last tag in use ("must force" as reported)',
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
  // Podman 4.3 compat API, seen live; Podman 5/6 from source.
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
    what: 'podman 5: force on an image a running container uses',
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
  // No HTTP answer at all: docker-modem passes Node's socket errors through with `code`.
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

describe('classifyFailure over engine wordings', () => {
  it('has a row for every conflict kind an engine can answer', () => {
    const covered = new Set(rows.map((r) => r.kind));
    for (const kind of conflictKinds) expect(covered, kind).toContain(kind);
  });

  it.each(rows)('$what → $kind', (row) => {
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
