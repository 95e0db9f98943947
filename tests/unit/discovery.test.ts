// Discovery in a fake home full of real unix sockets (net.Server listening on each path):
// existence is checked with stat().isSocket(), so plain files and directories named
// docker.sock must NOT be found — those are created too, as negatives. Windows named
// pipes cannot exist on Linux; that one case uses a small in-memory FileView.

import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverEndpoints } from '../../src-main/engine/discovery';
import { nodeFileView, type FileView } from '../../src-main/engine/file-view';
import { socketCandidates } from '../../src-main/engine/known-sockets';
import { tempDir, writeContext, writeCurrentContext } from '../fixtures/docker-config';

let dir: { path: string; remove: () => void };
let home: string;
let runtime: string; // XDG_RUNTIME_DIR
let servers: Server[];

beforeEach(() => {
  dir = tempDir('bn-d-');
  home = join(dir.path, 'h');
  runtime = join(dir.path, 'r');
  mkdirSync(home);
  mkdirSync(runtime);
  servers = [];
});
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  dir.remove();
});

async function listenAt(path: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const server = createServer();
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(path, ready);
  });
  servers.push(server);
}

function discover(env: Record<string, string | undefined> = {}, platform: NodeJS.Platform = 'linux') {
  // DOCKER_CONFIG inside the temp dir keeps the developer's ~/.docker out of it.
  return discoverEndpoints({
    env: { DOCKER_CONFIG: join(home, '.docker'), XDG_RUNTIME_DIR: runtime, ...env },
    homeDir: home,
    platform,
    uid: 4242,
  });
}

const discovered = (host: string, label: string) => ({ host, label, source: 'discovered' });

// Machine-wide sockets this test cannot create; if the machine running it has them, they are not ours to assert on.
const systemHosts = new Set(['unix:///run/podman/podman.sock', 'unix:///var/run/docker.sock']);
const withoutSystem = <T extends { host: string }>(endpoints: T[]) => endpoints.filter((e) => !systemHosts.has(e.host));
const fromTempHome = <T extends { host: string; source: string }>(endpoints: T[]) =>
  withoutSystem(endpoints).filter((e) => e.source === 'discovered');

describe('discoverEndpoints on Linux', () => {
  it('finds every product socket that exists, with its product name', async () => {
    const sockets: [string, string][] = [
      [join(home, '.docker/run/docker.sock'), 'Docker Desktop'],
      [join(home, '.colima/default/docker.sock'), 'Colima (default)'],
      [join(home, '.colima/work/docker.sock'), 'Colima (work)'],
      [join(home, '.rd/docker.sock'), 'Rancher Desktop'],
      [join(home, '.local/share/containers/podman/machine/qemu/podman.sock'), 'Podman machine (qemu)'],
      [
        join(home, '.local/share/containers/podman/machine/podman-machine-default/podman.sock'),
        'Podman machine (podman-machine-default)',
      ],
      [join(runtime, 'docker.sock'), 'Docker (rootless)'],
      [join(runtime, 'podman/podman.sock'), 'Podman (rootless)'],
      [join(runtime, 'podman/dev-api.sock'), 'Podman machine (dev)'],
    ];
    for (const [path] of sockets) await listenAt(path);
    mkdirSync(join(home, '.colima/_lima/colima'), { recursive: true }); // Colima's VM state, not a profile

    const found = await discover();
    // The first entry is the CLI's current engine (the default context), listed whether or not it answers.
    expect(found[0]).toMatchObject({ host: 'unix:///var/run/docker.sock', source: 'default' });
    const rest = fromTempHome(found);
    expect(rest).toHaveLength(sockets.length);
    for (const [path, label] of sockets) expect(rest).toContainEqual(discovered(`unix://${path}`, label));
  });

  it('ignores paths that are not sockets: missing, plain files, directories, dangling symlinks', async () => {
    mkdirSync(join(home, '.docker/run'), { recursive: true });
    writeFileSync(join(home, '.docker/run/docker.sock'), ''); // plain file
    mkdirSync(join(home, '.rd/docker.sock'), { recursive: true }); // what `-v ~/.rd/docker.sock:…` leaves behind
    mkdirSync(join(home, '.colima/default'), { recursive: true }); // profile dir without a socket (stopped)
    symlinkSync(join(dir.path, 'nowhere.sock'), join(runtime, 'docker.sock')); // dangling
    const found = await discover();
    expect(fromTempHome(found)).toEqual([]);
  });

  it('follows a symlink to a live socket, and lists one engine once', async () => {
    const desktop = join(home, '.docker/run/docker.sock');
    await listenAt(desktop);
    mkdirSync(join(home, '.rd'));
    symlinkSync(desktop, join(home, '.rd/docker.sock'));
    const found = await discover();
    expect(fromTempHome(found)).toEqual([discovered(`unix://${desktop}`, 'Docker Desktop')]);
  });

  it('puts the current context first and lists the other contexts, with their TLS', async () => {
    const colima = join(home, '.colima/default/docker.sock');
    await listenAt(colima);
    const config = join(home, '.docker');
    writeContext(config, { name: 'colima', host: `unix://${colima}`, description: 'colima' });
    const { tlsDir } = writeContext(config, { name: 'remote', host: 'tcp://10.1.2.3:2376', tlsFiles: ['ca.pem'] });
    writeCurrentContext(config, 'colima');

    const found = await discover();
    expect(withoutSystem(found)).toEqual([
      { host: `unix://${colima}`, label: 'colima', source: 'config-current-context', contextName: 'colima' },
      {
        host: 'tcp://10.1.2.3:2376',
        label: 'remote',
        source: 'discovered',
        contextName: 'remote',
        tls: { caPath: join(tlsDir, 'ca.pem'), verify: true },
      },
      // The Colima socket itself is the current context's: not listed twice.
    ]);
  });

  it('DOCKER_HOST makes that address current even when nothing listens there', async () => {
    await listenAt(join(home, '.rd/docker.sock'));
    const found = await discover({ DOCKER_HOST: 'tcp://build-box:2375' });
    expect(found[0]).toEqual({
      host: 'tcp://build-box:2375',
      label: 'tcp://build-box:2375',
      source: 'env-docker-host',
      contextName: 'default',
    });
    expect(found[1]).toEqual(discovered(`unix://${join(home, '.rd/docker.sock')}`, 'Rancher Desktop'));
  });

  it('still lists what exists when the configured context is missing', async () => {
    await listenAt(join(home, '.rd/docker.sock'));
    writeCurrentContext(join(home, '.docker'), 'deleted-long-ago');
    const found = await discover();
    expect(found).toEqual([discovered(`unix://${join(home, '.rd/docker.sock')}`, 'Rancher Desktop')]);
  });

  it('honours COLIMA_HOME and XDG_DATA_HOME', async () => {
    const colimaHome = join(dir.path, 'ch');
    const dataHome = join(dir.path, 'dh');
    await listenAt(join(colimaHome, 'p1/docker.sock'));
    await listenAt(join(dataHome, 'containers/podman/machine/m1/podman.sock'));
    const found = await discover({ COLIMA_HOME: colimaHome, XDG_DATA_HOME: dataHome });
    expect(found).toContainEqual(discovered(`unix://${join(colimaHome, 'p1/docker.sock')}`, 'Colima (p1)'));
    expect(found).toContainEqual(
      discovered(`unix://${join(dataHome, 'containers/podman/machine/m1/podman.sock')}`, 'Podman machine (m1)'),
    );
  });
});

describe('socket candidates', () => {
  it('fall back to /run/user/<uid> without XDG_RUNTIME_DIR, and include the system sockets last', () => {
    const hosts = socketCandidates({ env: {}, homeDir: home, platform: 'linux', uid: 4242 }, nodeFileView).map(
      (c) => c.host,
    );
    expect(hosts).toContain('unix:///run/user/4242/docker.sock');
    expect(hosts).toContain('unix:///run/user/4242/podman/podman.sock');
    expect(hosts.slice(-2)).toEqual(['unix:///run/podman/podman.sock', 'unix:///var/run/docker.sock']);
  });

  it("skip Colima's own '_…' directories (VM state), keeping its profiles", () => {
    mkdirSync(join(home, '.colima/_lima/colima'), { recursive: true });
    mkdirSync(join(home, '.colima/default'), { recursive: true });
    const hosts = socketCandidates({ env: {}, homeDir: home, platform: 'linux', uid: 1 }, nodeFileView).map(
      (c) => c.host,
    );
    expect(hosts).toContain(`unix://${join(home, '.colima/default/docker.sock')}`);
    expect(hosts.filter((h) => h.includes('_lima'))).toEqual([]);
  });

  it('on macOS: OrbStack, Podman 5 machines under TMPDIR, no Linux-only places', async () => {
    const tmp = join(dir.path, 'T');
    await listenAt(join(home, '.orbstack/run/docker.sock'));
    await listenAt(join(tmp, 'podman/podman-machine-default-api.sock'));
    writeFileSync(join(tmp, 'podman/podman-machine-default-gvproxy.sock'), ''); // not an API socket
    await listenAt(join(runtime, 'podman/podman.sock')); // exists, but not a macOS place
    const found = await discover({ TMPDIR: tmp }, 'darwin');
    expect(fromTempHome(found)).toEqual([
      discovered(`unix://${join(home, '.orbstack/run/docker.sock')}`, 'OrbStack'),
      discovered(
        `unix://${join(tmp, 'podman/podman-machine-default-api.sock')}`,
        'Podman machine (podman-machine-default)',
      ),
    ]);
  });

  it('on Windows: the named pipes that exist', async () => {
    // No named pipes on Linux: this view answers for pipe paths only, and reads nothing else.
    const livePipes = new Set(['\\\\.\\pipe\\dockerDesktopLinuxEngine', '\\\\.\\pipe\\podman-machine-default']);
    const pipesOnly: FileView = {
      readText: () => undefined,
      listDirs: () => [],
      listFiles: () => [],
      fileExists: () => false,
      socketExists: (path) => livePipes.has(path),
      realPath: () => undefined,
    };
    const found = await discoverEndpoints({ env: {}, homeDir: 'C:\\Users\\me', platform: 'win32', fs: pipesOnly });
    expect(withoutSystem(found)).toEqual([
      { host: 'npipe:////./pipe/docker_engine', label: 'default', source: 'default', contextName: 'default' },
      discovered('npipe:////./pipe/dockerDesktopLinuxEngine', 'Docker Desktop (Linux engine)'),
      discovered('npipe:////./pipe/podman-machine-default', 'Podman machine (podman-machine-default)'),
    ]);
  });
});
