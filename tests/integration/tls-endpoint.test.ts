// tcp:// engines with TLS: a Docker 20.10 of this file's own listening on
// 127.0.0.1 with --tlsverify, its certificates made by openssl here
// (support/test-certs.ts). Reached only the ways a person would: a docker context
// that `barnacle engines add` writes (and the real docker CLI then uses), and
// DOCKER_HOST + DOCKER_TLS_VERIFY + DOCKER_CERT_PATH. Listed, cleaned by a plan,
// and refused, in words that say what to do, when a certificate is wrong (the client's,
// the CA, the address it is for, a missing file; an expired one on a bare TLS server).

import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BarnacleError } from '../../src-shared/errors';
import type { Phrase } from '../../src-shared/phrase';
import { contextMetaPath, contextTlsDir } from '../../src-main/engine/context-store';
import type { EngineReport } from '../../src-main/cli/json-output';
import {
  buildImage,
  connect,
  engineAvailability,
  ensureBaseImage,
  startEngine,
  type StartedEngine,
} from '../engines/harness';
import { barnacle, barnacleJson, cliShell, type CliShell } from '../fixtures/barnacle-cli';
import { tempDir } from '../fixtures/docker-config';
import { DOCKER_CLI } from './support/docker-cli';
import { makeCa, opensslAvailability, signServer, type CaFiles } from './support/test-certs';

const availability = engineAvailability('docker20');
const openssl = opensslAvailability();
const skipReason = !availability.ok ? availability.reason : !openssl.ok ? openssl.reason : null;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function dockerCli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(DOCKER_CLI, args, { env, timeout: 30_000 }, (error, out, err) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out, err }),
    );
  });
}

/** The --json error on stderr. */
function errorOf(stderr: string): BarnacleError {
  return JSON.parse(stderr) as BarnacleError;
}

/** The health phrase inside `engines add`'s "Nothing was written" refusal. */
const problemKey = (error: BarnacleError) => ((error.says?.params?.problem ?? {}) as Phrase).key;

// Named after the engine, for the per-engine summary of scripts/test-all.mjs.
const title = skipReason ? `tcp:// engines with TLS: skipped — ${skipReason}` : 'docker20: tcp:// engines with TLS';
(skipReason ? describe.skip : describe)(title, () => {
  let dir: { path: string; remove: () => void };
  let good: CaFiles;
  let stranger: CaFiles;
  let engine: StartedEngine;
  let shell: CliShell;
  /** No DOCKER_HOST: the engine is chosen by --context. */
  let env: Record<string, string>;
  let address: string;
  /** The same listener on another loopback address, which the engine's certificate does not list. */
  let unlisted: string;
  let baseImageId: string;
  let appId: string;

  beforeAll(async () => {
    dir = tempDir('bn-tls-');
    good = makeCa(dir.path, 'good');
    stranger = makeCa(dir.path, 'stranger');
    const port = await freePort();
    address = `tcp://127.0.0.1:${port}`;
    unlisted = `tcp://127.0.0.2:${port}`;
    // Its unix socket stays (plain) for the harness to build fixtures through.
    engine = await startEngine('docker20', undefined, {
      dockerdArgs: [
        `-H=${address}`,
        `-H=${unlisted}`,
        '--tlsverify',
        `--tlscacert=${good.ca}`,
        `--tlscert=${good.serverCert}`,
        `--tlskey=${good.serverKey}`,
      ],
    });
    const docker = connect(engine.host);
    baseImageId = await ensureBaseImage(docker);
    appId = await buildImage(docker, { tag: 'tls/app:1', files: { '/app.txt': 'over TLS' } });
    shell = cliShell(engine.host);
    const { DOCKER_HOST: _unused, ...rest } = shell.env;
    env = rest;
  });
  afterAll(async () => {
    await engine?.destroy();
    shell?.remove();
    dir?.remove();
  });

  const add = (name: string, ...flags: string[]) =>
    barnacle(['engines', 'add', name, '--host', address, ...flags], env);
  const goodClient = () => ['--tls-cert', good.clientCert, '--tls-key', good.clientKey];

  it('engines add tests the engine with the files, then writes a context the docker CLI uses', async () => {
    const ran = await add('tls-good', '--tls-ca', good.ca, ...goodClient());
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/^Added context "tls-good" for tcp:\/\/127\.0\.0\.1:\d+ /);
    expect(ran.stdout).toMatch(/It answered: docker 20\.10\.\S+ \(API 1\.41\)/);
    const tls = contextTlsDir(env.DOCKER_CONFIG!, 'tls-good');
    expect(statSync(join(tls, 'key.pem')).mode & 0o777).toBe(0o600);

    const version = await dockerCli(['--context', 'tls-good', 'version', '--format', '{{.Server.Version}}'], env);
    expect(version.code, version.err).toBe(0);
    expect(version.out.trim()).toMatch(/^20\.10\./);
    const inspect = await dockerCli(
      ['--context', 'tls-good', 'image', 'inspect', '--format', '{{.Id}}', 'tls/app:1'],
      env,
    );
    expect(inspect.out.trim()).toBe(appId);
  });

  it('barnacle engines lists the context as connected', async () => {
    const reports = await barnacleJson<EngineReport[]>(['engines'], env);
    const listed = reports.find((r) => r.contextName === 'tls-good');
    expect(listed, JSON.stringify(reports)).toMatchObject({ host: address, state: 'connected', tls: { verify: true } });
    expect(listed?.engine?.version).toMatch(/^20\.10\./);
  });

  it('barnacle --context lists the image, and a plan applied through it removes the image', async () => {
    const images = await barnacleJson<{ id: string }[]>(['--context', 'tls-good', 'ls'], env);
    expect(images.map((i) => i.id)).toContain(appId);
    const file = join(shell.dir, 'tls-plan.json');
    const plan = await barnacle(['--context', 'tls-good', 'plan', 'rmi', 'tls/app:1', '--out', file], env);
    expect(plan.code, plan.stderr).toBe(0);
    const applied = await barnacle(['--context', 'tls-good', 'apply', file, '--yes', '--json'], env);
    expect(applied.code, applied.stderr).toBe(0);
    await expect(connect(engine.host).getImage(appId).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('DOCKER_HOST + DOCKER_TLS_VERIFY + DOCKER_CERT_PATH reach the same engine', async () => {
    const tlsEnv = { ...env, DOCKER_HOST: address, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: good.clientDir };
    const images = await barnacleJson<{ id: string }[]>(['ls', '--all'], tlsEnv);
    expect(images.map((i) => i.id)).toContain(baseImageId);
  });

  it('a client certificate of another CA: the engine refuses it, and nothing is written', async () => {
    const ran = await add(
      'tls-stranger',
      '--tls-ca',
      good.ca,
      '--tls-cert',
      stranger.clientCert,
      '--tls-key',
      stranger.clientKey,
      '--json',
    );
    expect(ran.code).toBe(1);
    const error = errorOf(ran.stderr);
    expect(error.kind).toBe('engine-unreachable');
    expect(error.says?.key).toBe('contexts.testFailed');
    expect(problemKey(error), error.message).toBe('health.tls.clientRejected');
    expect(error.message).toContain("refused Barnacle's client certificate");
    expect(error.message).toContain('signed by the CA the engine trusts');
    expect(existsSync(contextMetaPath(env.DOCKER_CONFIG!, 'tls-stranger'))).toBe(false);
  });

  it('an engine certificate the trusted CA did not sign: refused, unless the context skips verification', async () => {
    const ran = await add('tls-wrong-ca', '--tls-ca', stranger.ca, ...goodClient(), '--json');
    expect(ran.code).toBe(1);
    expect(problemKey(errorOf(ran.stderr)), ran.stderr).toBe('health.tls.unknownCa');

    // The same through DOCKER_CERT_PATH, in both languages.
    const mixed = join(dir.path, 'wrong-ca');
    mkdirSync(mixed);
    copyFileSync(stranger.ca, join(mixed, 'ca.pem'));
    copyFileSync(good.clientCert, join(mixed, 'cert.pem'));
    copyFileSync(good.clientKey, join(mixed, 'key.pem'));
    const tlsEnv = { ...env, DOCKER_HOST: address, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: mixed };
    const en = await barnacle(['ls'], tlsEnv);
    expect(en.code).toBe(1);
    expect(en.stderr).toContain("is the CA that signed the engine's certificate");
    const zh = await barnacle(['ls'], { ...tlsEnv, LANG: 'zh_CN.UTF-8' });
    expect(zh.stderr).toContain('就是签发该引擎证书的 CA');

    const skip = await add('tls-skip', '--tls-skip-verify', ...goodClient());
    expect(skip.code, skip.stderr).toBe(0);
    const images = await barnacleJson<{ id: string }[]>(['--context', 'tls-skip', 'ls', '--all'], env);
    expect(images.map((i) => i.id)).toContain(baseImageId);
    const version = await dockerCli(['--context', 'tls-skip', 'version', '--format', '{{.Server.Version}}'], env);
    expect(version.out.trim(), version.err).toMatch(/^20\.10\./);
  });

  it('an address the engine certificate does not list is refused, naming the mismatch', async () => {
    const ran = await barnacle(
      ['engines', 'add', 'tls-alias', '--host', unlisted, '--tls-ca', good.ca, ...goodClient(), '--json'],
      env,
    );
    expect(ran.code).toBe(1);
    const error = errorOf(ran.stderr);
    expect(problemKey(error), ran.stderr).toBe('health.tls.hostMismatch');
    expect(error.message).toContain('is not made out for that address');
    expect(error.message).toContain('127.0.0.2');
  });

  it('an engine certificate that has expired is refused, saying so', async () => {
    // Refused by Barnacle's side of the handshake, before any HTTP: a bare TLS server
    // with that certificate is all the engine there is to see, so no second dockerd.
    const expired = signServer(dir.path, good, 'expired', -1);
    const server = createTlsServer({ cert: readFileSync(expired.cert), key: readFileSync(expired.key) }, (socket) =>
      socket.end(),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const host = `tcp://127.0.0.1:${(server.address() as { port: number }).port}`;
      const ran = await barnacle(
        ['engines', 'add', 'tls-expired', '--host', host, '--tls-ca', good.ca, ...goodClient(), '--json'],
        env,
      );
      expect(ran.code).toBe(1);
      const error = errorOf(ran.stderr);
      expect(problemKey(error), ran.stderr).toBe('health.tls.expired');
      expect(error.message).toContain(
        "has expired or is not valid yet (certificate has expired). Renew the engine's certificate",
      );
    } finally {
      server.close();
    }
  });

  it('missing certificate files: named before connecting, or refused by the engine when the key is gone', async () => {
    const missing = await add('tls-missing', '--tls-ca', join(dir.path, 'nope', 'ca.pem'), ...goodClient(), '--json');
    expect(missing.code).toBe(1);
    expect(errorOf(missing.stderr).says).toMatchObject({
      key: 'contexts.fileUnreadable',
      params: { option: '--tls-ca' },
    });

    const noCa = await barnacle(['ls', '--json'], {
      ...env,
      DOCKER_HOST: address,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: join(dir.path, 'nope'),
    });
    expect(noCa.code).toBe(1);
    expect(errorOf(noCa.stderr).says?.key).toBe('address.tlsWithoutCa');

    expect((await add('tls-keyless', '--tls-ca', good.ca, ...goodClient())).code).toBe(0);
    unlinkSync(join(contextTlsDir(env.DOCKER_CONFIG!, 'tls-keyless'), 'key.pem'));
    const keyless = await barnacle(['--context', 'tls-keyless', 'ls', '--json'], env);
    expect(keyless.code).toBe(1);
    expect(errorOf(keyless.stderr).says?.key, keyless.stderr).toBe('health.tls.clientRejected');
  });

  it('plain HTTP to the TLS port is told to switch TLS on', async () => {
    const ran = await barnacle(['ls', '--json'], { ...env, DOCKER_HOST: address });
    expect(ran.code).toBe(1);
    expect(errorOf(ran.stderr).says?.key, ran.stderr).toBe('health.tls.serverWantsTls');
  });

  it('engines rm removes the contexts it added, and the docker CLI no longer finds them', async () => {
    for (const name of ['tls-good', 'tls-skip', 'tls-keyless']) {
      const ran = await barnacle(['engines', 'rm', name], env);
      expect(ran.code, ran.stderr).toBe(0);
    }
    const gone = await dockerCli(['--context', 'tls-good', 'version'], env);
    expect(gone.code).not.toBe(0);
    expect(gone.err).toContain('tls-good');
  });
});
