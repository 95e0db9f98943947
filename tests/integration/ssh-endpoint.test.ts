// ssh:// engines through a real OpenSSH sshd on 127.0.0.1 (support/private-sshd.ts),
// whose sessions run `docker system dial-stdio` against a harness Docker engine,
// as a remote Docker host does. Barnacle must trust exactly the host keys
// known_hosts lists (plain or hashed), refuse an unknown or changed key before
// logging in, with the guide to check and trust it, and follow ~/.ssh/config.
// The ~/.ssh files are a temp HOME's, handed over as explicit paths.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Endpoint, EngineHealth } from '../../src-shared/model';
import { BarnacleCore } from '../../src-main/core/barnacle-core';
import { connect } from '../../src-main/engine/connection';
import { contextMetaPath } from '../../src-main/engine/context-store';
import type { SshSetup } from '../../src-main/engine/ssh/ssh-dial';
import { firstEngine } from '../engines/use-engines';
import { buildImage } from '../engines/harness';
import { randomBytes } from 'node:crypto';
import { barnacle } from '../fixtures/barnacle-cli';
import { tempDir } from '../fixtures/docker-config';
import { fingerprintOf, keygen, sshdAvailability, startPrivateSshd, type PrivateSshd } from './support/private-sshd';

const engine = firstEngine('docker');
const sshd = sshdAvailability();
const skipReason = !sshd.ok ? sshd.reason : !engine ? 'no Docker engine started' : null;

// Named after the engine behind the sshd, for the per-engine summary of scripts/test-all.mjs.
const title = skipReason
  ? `ssh:// engines through a real sshd: skipped — ${skipReason}`
  : `${engine!.name}: ssh:// engines through a real sshd`;
(skipReason ? describe.skip : describe)(title, () => {
  const user = userInfo().username;
  let dir: { path: string; remove: () => void };
  let home: string;
  let server: PrivateSshd;
  let setup: SshSetup;
  let knownHosts: string;
  let core: BarnacleCore | undefined;

  beforeAll(async () => {
    if (!sshd.ok || !engine) return;
    dir = tempDir('bn-ssh-');
    home = join(dir.path, 'home');
    mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
    // The default identity, found without any IdentityFile line.
    const clientKey = keygen(join(home, '.ssh', 'id_ed25519'));
    const serverDir = join(dir.path, 'server');
    mkdirSync(serverDir);
    server = await startPrivateSshd(sshd.sshd, serverDir, clientKey, engine.host);
    knownHosts = join(home, '.ssh', 'known_hosts');
    // No agent, no system files: only what this test writes counts.
    setup = { configFiles: [join(home, '.ssh', 'config')], homeDir: home, localUser: user };
  });
  afterAll(async () => {
    await server?.stop();
    dir?.remove();
  });
  beforeEach(async () => {
    // A closed core's background reads (disk usage, layer facts) may still be dialling.
    await server.settle();
    server.forget();
    writeFileSync(knownHosts, '');
    writeFileSync(join(home, '.ssh', 'config'), '');
  });
  afterEach(() => {
    core?.close();
    core = undefined;
  });

  const address = () => `ssh://${user}@127.0.0.1:${server.port}`;
  const listed = () => `[127.0.0.1]:${server.port} ${server.hostKey}\n`;

  async function start(host: string): Promise<EngineHealth> {
    const endpoint: Endpoint = { host, label: 'ssh test', source: 'user' };
    // One attempt, no retries in the background: a refusal is read as it stands.
    core = new BarnacleCore(endpoint, { connect: (e) => connect(e, setup), live: false, backoffMs: [60_000] });
    return core.start();
  }

  async function expectEngineImages(): Promise<void> {
    const snapshot = await core!.inventory.refresh();
    const ids = new Set(snapshot.images.map((i) => i.id));
    expect(ids).toContain(engine!.baseImageId);
    for (const image of await engine!.docker.listImages()) expect(ids).toContain(image.Id);
  }

  it('known key: connects through dial-stdio and lists the engine’s images', async () => {
    writeFileSync(knownHosts, listed());
    const health = await start(address());
    expect(health.state, 'message' in health ? health.message : '').toBe('connected');
    await expectEngineImages();
    expect(server.commands()).toContain('docker system dial-stdio');
    expect(server.log()).toContain(`Accepted publickey for ${user}`);
  });

  it('the barnacle command (its bundle loads ssh2 on first use) lists the engine’s images over ssh://', async () => {
    writeFileSync(knownHosts, listed());
    // HOME is the test's: its ~/.ssh holds the identity and known_hosts; no agent.
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, DOCKER_HOST: address() };
    const ran = await barnacle(['ls', '--all', '--json'], { ...env, DOCKER_CONFIG: join(dir.path, 'docker-config') });
    expect(ran.code, ran.stderr).toBe(0);
    const ids = (JSON.parse(ran.stdout) as { id: string }[]).map((i) => i.id);
    expect(ids).toContain(engine!.baseImageId);
    expect(server.commands()).toContain('docker system dial-stdio');
  });

  it('barnacle engines add NAME --host ssh://… tests the host first, then writes a context barnacle --context uses', async () => {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, DOCKER_CONFIG: join(dir.path, 'ctx-config') };
    // Not in known_hosts yet: refused with the host-key guide, nothing written.
    const unknown = await barnacle(['engines', 'add', 'ssh-test', '--host', address(), '--json'], env);
    expect(unknown.code).toBe(1);
    const refused = JSON.parse(unknown.stderr) as { says?: { key: string; params?: { problem?: { key?: string } } } };
    expect(refused.says?.key).toBe('contexts.testFailed');
    expect(refused.says?.params?.problem?.key).toMatch(/^health\.hostKey\.unknown/);
    expect(server.commands()).toEqual([]);

    writeFileSync(knownHosts, listed());
    const added = await barnacle(['engines', 'add', 'ssh-test', '--host', address()], env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/It answered: docker \d/);
    const meta = JSON.parse(readFileSync(contextMetaPath(env.DOCKER_CONFIG, 'ssh-test'), 'utf8')) as unknown;
    expect(meta).toEqual({
      Name: 'ssh-test',
      Metadata: {},
      Endpoints: { docker: { Host: address(), SkipTLSVerify: false } },
    });
    const ran = await barnacle(['--context', 'ssh-test', 'ls', '--all', '--json'], env);
    expect(ran.code, ran.stderr).toBe(0);
    expect((JSON.parse(ran.stdout) as { id: string }[]).map((i) => i.id)).toContain(engine!.baseImageId);
    expect((await barnacle(['engines', 'rm', 'ssh-test'], env)).code).toBe(0);
  });

  it('cleaned by a plan over ssh://: plan rmi --out, then apply, removes exactly that image; fleet df lists the engine', async () => {
    writeFileSync(knownHosts, listed());
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      DOCKER_CONFIG: join(dir.path, 'clean-config'),
    };
    const id = await buildImage(engine!.docker, { tag: 'ssh/clean:1', files: { '/x': randomBytes(4096) } });
    expect((await barnacle(['engines', 'add', 'ssh-clean', '--host', address()], env)).code).toBe(0);
    const file = join(dir.path, 'ssh-plan.json');
    const planned = await barnacle(
      ['--context', 'ssh-clean', 'plan', 'rmi', 'ssh/clean:1', '--no-trash', '--out', file, '--json'],
      env,
    );
    expect(planned.code, planned.stderr).toBe(0);
    expect((JSON.parse(planned.stdout) as { steps: { target: string }[] }).steps.map((s) => s.target)).toEqual([id]);
    const applied = await barnacle(['--context', 'ssh-clean', 'apply', file, '--yes', '--json'], env);
    expect(applied.code, applied.stderr).toBe(0);
    const left = (await engine!.docker.listImages({ all: true })).map((i) => i.Id);
    expect(left).not.toContain(id);
    expect(left).toContain(engine!.baseImageId);
    const fleet = await barnacle(['fleet', 'df', '--contexts', 'ssh-clean', '--json'], env);
    expect(fleet.code, fleet.stderr).toBe(0);
    expect(JSON.parse(fleet.stdout)).toMatchObject({
      engines: [{ health: 'connected', endpoint: { contextName: 'ssh-clean' } }],
    });
    expect((await barnacle(['engines', 'rm', 'ssh-clean'], env)).code).toBe(0);
  });

  it('barnacle df over ssh://: storage unknown (remote-engine); with --helper measured by a helper container there', async () => {
    writeFileSync(knownHosts, listed());
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      DOCKER_HOST: address(),
      DOCKER_CONFIG: join(dir.path, 'docker-config'),
    };
    // The app's Settings file in the data folder names the helper image (no registry here: the fixture image).
    const dataDir = join(home, '.local', 'share', 'barnacle');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      join(dataDir, 'disk-settings.json'),
      JSON.stringify({ measureWithHelper: false, helperImage: 'barnacle-test/busybox:base' }),
    );
    const plain = await barnacle(['df', '--json'], env);
    expect(plain.code, plain.stderr).toBe(0);
    expect(JSON.parse(plain.stdout).levels.storage).toEqual({
      state: 'unknown',
      reason: 'remote-engine',
      source: 'walk-data-root',
    });
    const helped = await barnacle(['df', '--helper', '--json'], env);
    expect(helped.code, helped.stderr).toBe(0);
    const root = ((await engine!.docker.info()) as { DockerRootDir: string }).DockerRootDir;
    expect(JSON.parse(helped.stdout).levels.storage).toMatchObject({
      state: 'measured',
      via: 'helper-container',
      source: 'helper-container',
      helperImage: 'barnacle-test/busybox:base',
      root,
      allocatedBytes: expect.any(Number),
    });
    const text = await barnacle(['df', '--helper'], env);
    expect(text.stdout).toMatch(
      /Storage on disk: .+ \(du in a helper container of barnacle-test\/busybox:base, rounded to KiB/,
    );
    const left = await engine!.docker.listContainers({ all: true, filters: { label: ['org.barnacle.helper'] } });
    expect(left).toEqual([]);
  });

  it('unknown key: refused before logging in, with the fingerprint and commands that really trust it', async () => {
    const health = await start(address());
    if (health.state !== 'host-key-unknown') throw new Error(`${health.state}: ${JSON.stringify(health)}`);
    expect(health.hostKey.fingerprint).toBe(fingerprintOf(server.hostKeyPub));
    expect(health.hostKey.knownHostsName).toBe(`[127.0.0.1]:${server.port}`);
    expect(health.message).toContain(health.hostKey.fingerprint);
    expect(health.message).toContain(`ssh -p ${server.port} ${user}@127.0.0.1`);
    expect(server.commands()).toEqual([]);
    expect(server.log()).not.toContain('Accepted publickey');

    // The guide's ssh-keyscan line, run as printed, makes the next attempt connect.
    const scan = health.hostKey.fixes.find((f) => f.value === 'scan')!.commands.at(-1)!;
    expect(scan).toBe(`ssh-keyscan -t ssh-ed25519 -p ${server.port} 127.0.0.1 >> ${knownHosts}`);
    execFileSync('/bin/sh', ['-c', scan], { stdio: 'ignore' });
    core!.close();
    expect((await start(address())).state).toBe('connected');
  });

  it('changed key: refused with the warning, naming the known_hosts line', async () => {
    const otherKey = keygen(join(dir.path, 'other_host_key')).split(' ').slice(0, 2).join(' ');
    writeFileSync(knownHosts, `# the host as it was\n[127.0.0.1]:${server.port} ${otherKey}\n`);
    const health = await start(address());
    if (health.state !== 'host-key-changed') throw new Error(`${health.state}: ${JSON.stringify(health)}`);
    expect(health.hostKey.knownHostsLine).toEqual({ file: knownHosts, line: 2 });
    expect(health.message).toMatch(/^WARNING: the SSH host key of \[127\.0\.0\.1\]:\d+ has changed/);
    expect(health.message).toContain('man-in-the-middle');
    expect(health.message).toContain(`${knownHosts} line 2`);
    expect(server.commands()).toEqual([]);
    expect(server.log()).not.toContain('Accepted publickey');
  });

  it('a hashed known_hosts entry (ssh-keygen -H) is known', async () => {
    writeFileSync(knownHosts, listed());
    execFileSync('ssh-keygen', ['-H', '-f', knownHosts], { stdio: 'ignore' });
    expect(readFileSync(knownHosts, 'utf8')).toMatch(/^\|1\|[^ ]+ ssh-ed25519 /);
    expect((await start(address())).state).toBe('connected');
    await expectEngineImages();
  });

  it('~/.ssh/config: a Host alias with HostName, Port, User and its own known_hosts file', async () => {
    const aliasKnownHosts = join(home, '.ssh', 'known_hosts.builders');
    writeFileSync(aliasKnownHosts, listed());
    writeFileSync(
      join(home, '.ssh', 'config'),
      [
        'Host builder',
        '  HostName 127.0.0.1',
        `  Port ${server.port}`,
        `  User ${user}`,
        '  UserKnownHostsFile ~/.ssh/known_hosts.builders',
        '',
      ].join('\n'),
    );
    const health = await start('ssh://builder');
    expect(health.state, 'message' in health ? health.message : '').toBe('connected');
    await expectEngineImages();
    expect(server.commands()).toContain('docker system dial-stdio');
  });
});
