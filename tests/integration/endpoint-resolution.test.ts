// Endpoint resolution and discovery against the harness engines: the endpoint we pick
// must be one connect() can really reach, and our choice must match the docker CLI's.
// Only read-only calls (/version, /info) go to the engines; nothing is changed.

import { execFile } from 'node:child_process';
import { accessSync, constants, mkdirSync, symlinkSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../../src-main/engine/connection';
import { contextMetaPath } from '../../src-main/engine/context-store';
import { discoverEndpoints } from '../../src-main/engine/discovery';
import { resolveEndpoint } from '../../src-main/engine/endpoint-resolution';
import { liveEngines } from '../engines/use-engines';
import { tempDir, writeContext, writeCurrentContext } from '../fixtures/docker-config';

const engines = liveEngines();
const docker = engines.find((e) => e.kind === 'docker');
const podman = engines.find((e) => e.kind === 'podman');

let dir: { path: string; remove: () => void };
let home: string;
beforeEach(() => {
  dir = tempDir('bn-ires-');
  home = join(dir.path, 'home');
  mkdirSync(home);
});
afterEach(() => dir.remove());

/** Runs `build` with DOCKER_HOST etc. set in this process, as a user's shell would have them. */
async function withProcessEnv<T>(vars: Record<string, string>, build: () => Promise<T>): Promise<T> {
  const saved = Object.keys(vars).map((k) => [k, process.env[k]] as const);
  Object.assign(process.env, vars);
  try {
    return await build();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe.skipIf(!docker)('resolving to the harness Docker', () => {
  it('follows currentContext in ~/.docker/config.json with an empty environment', async () => {
    const configDir = join(home, '.docker');
    writeContext(configDir, { name: 'barnacle-test', host: docker!.host, description: 'harness docker' });
    writeCurrentContext(configDir, 'barnacle-test');

    const endpoint = resolveEndpoint({ env: {}, homeDir: home, platform: 'linux' });
    expect(endpoint).toEqual({
      host: docker!.host,
      label: 'barnacle-test',
      source: 'config-current-context',
      contextName: 'barnacle-test',
    });
    const connection = await connect(endpoint);
    expect(connection.engine.kind).toBe('docker');
  });

  it('--host wins over a tcp DOCKER_HOST, and connect() still reaches the socket', async () => {
    const env = { DOCKER_HOST: 'tcp://127.0.0.1:9' }; // port 9 (discard): nothing answers there
    const endpoint = resolveEndpoint({ hostFlag: docker!.host, env, homeDir: home, platform: 'linux' });
    expect(endpoint).toMatchObject({ host: docker!.host, source: 'flag-host' });
    // docker-modem reads DOCKER_HOST from process.env and, left alone, lets it override socketPath.
    const connection = await withProcessEnv(env, () => connect(endpoint));
    expect(connection.engine.kind).toBe('docker');
  });
});

describe.skipIf(!podman)('resolving to the harness Podman', () => {
  it('DOCKER_HOST beats the configured context', async () => {
    const configDir = join(home, '.docker');
    writeContext(configDir, { name: 'elsewhere', host: 'unix:///nonexistent/docker.sock' });
    writeCurrentContext(configDir, 'elsewhere');
    const env = { DOCKER_HOST: podman!.host };

    const endpoint = resolveEndpoint({ env, homeDir: home, platform: 'linux' });
    expect(endpoint).toMatchObject({ host: podman!.host, source: 'env-docker-host', contextName: 'default' });
    const connection = await withProcessEnv(env, () => connect(endpoint));
    expect(connection.engine.kind).toBe('podman');
  });
});

describe.skipIf(!docker)('discovery', () => {
  it('finds a Colima profile socket that links to a live engine, and connect() reaches it', async () => {
    const colimaSocket = join(home, '.colima', 'default', 'docker.sock');
    mkdirSync(join(home, '.colima', 'default'), { recursive: true });
    symlinkSync(docker!.host.slice('unix://'.length), colimaSocket);

    const found = await discoverEndpoints({ env: {}, homeDir: home, platform: 'linux', uid: 4242 });
    const colima = found.find((e) => e.host === `unix://${colimaSocket}`);
    expect(colima).toEqual({ host: `unix://${colimaSocket}`, label: 'Colima (default)', source: 'discovered' });
    expect((await connect(colima!)).engine.kind).toBe('docker');
  });

  it('lists the harness engines once each when a context and DOCKER_HOST both name them', async () => {
    const configDir = join(home, '.docker');
    writeContext(configDir, { name: 'harness-docker', host: docker!.host });
    const link = join(home, '.rd', 'docker.sock'); // a second path to the same socket
    mkdirSync(join(home, '.rd'));
    symlinkSync(docker!.host.slice('unix://'.length), link);

    const found = await discoverEndpoints({
      env: { DOCKER_HOST: docker!.host },
      homeDir: home,
      platform: 'linux',
      uid: 4242,
    });
    const reachingDocker = found.filter((e) => e.host === docker!.host || e.host === `unix://${link}`);
    expect(reachingDocker).toEqual([
      { host: docker!.host, label: docker!.host, source: 'env-docker-host', contextName: 'default' },
    ]);
  });
});

// The docker CLI, when installed, is the reference: `docker context show` / `inspect`
// read the same files and never contact an engine.
function findDockerCli(): string | undefined {
  for (const d of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(d, 'docker'), constants.X_OK);
      return join(d, 'docker');
    } catch {
      // keep looking
    }
  }
  return undefined;
}
const dockerCli = findDockerCli();

describe.skipIf(!dockerCli)('agrees with the docker CLI', () => {
  const run = promisify(execFile);
  let configDir: string;

  beforeEach(() => {
    configDir = join(dir.path, 'cfg');
    writeContext(configDir, { name: 'alpha', host: 'unix:///tmp/alpha.sock' });
    writeContext(configDir, { name: 'beta', host: 'tcp://10.9.8.7:2376' });
    writeCurrentContext(configDir, 'alpha');
  });

  async function cli(env: Record<string, string>, flags: string[]): Promise<{ context: string; host: string }> {
    const fullEnv = { PATH: process.env.PATH ?? '', HOME: home, DOCKER_CONFIG: configDir, ...env };
    const show = await run(dockerCli!, [...flags, 'context', 'show'], { env: fullEnv });
    const inspect = await run(dockerCli!, [...flags, 'context', 'inspect', '--format', '{{.Endpoints.docker.Host}}'], {
      env: fullEnv,
    });
    return { context: show.stdout.trim(), host: inspect.stdout.trim() };
  }

  it.each([
    ['config.json currentContext', {}, {}],
    ['DOCKER_CONTEXT over config', { DOCKER_CONTEXT: 'beta' }, {}],
    ['DOCKER_HOST over DOCKER_CONTEXT', { DOCKER_HOST: 'tcp://build-box', DOCKER_CONTEXT: 'beta' }, {}],
    ['DOCKER_CONTEXT=default', { DOCKER_CONTEXT: 'default' }, {}],
    ['--context over DOCKER_HOST', { DOCKER_HOST: 'unix:///tmp/x.sock' }, { contextFlag: 'beta' }],
    ['--host over everything', { DOCKER_HOST: 'tcp://a:1', DOCKER_CONTEXT: 'beta' }, { hostFlag: 'tcp://q' }],
    ['unix:// alone', { DOCKER_HOST: 'unix://' }, {}],
  ] as const)('%s', async (_title, env, flags) => {
    const cliFlags = [
      ...('contextFlag' in flags ? ['--context', flags.contextFlag] : []),
      ...('hostFlag' in flags ? ['-H', flags.hostFlag] : []),
    ];
    const expected = await cli(env, cliFlags);
    const ours = resolveEndpoint({
      ...flags,
      env: { DOCKER_CONFIG: configDir, ...env },
      homeDir: home,
      platform: 'linux',
    });
    expect({ context: ours.contextName, host: ours.host }).toEqual(expected);
  });

  it('a missing context: both refuse, looking for the same meta.json', async () => {
    const failure = await run(dockerCli!, ['--context', 'ghost', 'context', 'inspect'], {
      env: { PATH: process.env.PATH ?? '', HOME: home, DOCKER_CONFIG: configDir },
    }).then(
      () => undefined,
      (err: { stderr?: string }) => err.stderr ?? '',
    );
    const metaPath = contextMetaPath(configDir, 'ghost');
    expect(failure).toContain(metaPath);
    expect(() =>
      resolveEndpoint({ contextFlag: 'ghost', env: { DOCKER_CONFIG: configDir }, homeDir: home, platform: 'linux' }),
    ).toThrow(`context "ghost" does not exist (chosen by --context; no ${metaPath})`);
  });
});
