// Endpoint resolution against real config directories in temp dirs (no mocked fs).
// Expected behaviour was checked against docker CLI 28.2 on this machine with a temp
// DOCKER_CONFIG (`docker context show`, `docker context inspect`) and docker/cli's source.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContextNotFoundError, contextDirName } from '../../src-main/engine/context-store';
import { listContexts } from '../../src-main/engine/discovery';
import { resolveEndpoint, type ResolveInput } from '../../src-main/engine/endpoint-resolution';
import { normalizeDockerHost } from '../../src-main/engine/host-address';
import { tempDir, writeContext, writeCurrentContext } from '../fixtures/docker-config';

let dir: { path: string; remove: () => void };
let home: string;
let config: string; // $DOCKER_CONFIG

beforeEach(() => {
  dir = tempDir('bn-res-');
  home = join(dir.path, 'home');
  config = join(dir.path, 'cfg');
  mkdirSync(home, { recursive: true });
});
afterEach(() => dir.remove());

function resolve(overrides: Partial<ResolveInput> & { env?: ResolveInput['env'] } = {}) {
  return resolveEndpoint({
    homeDir: home,
    platform: 'linux',
    ...overrides,
    env: { DOCKER_CONFIG: config, ...overrides.env },
  });
}

describe('context directory names', () => {
  it('are the sha256 of the name, as the docker CLI wrote them', () => {
    // Directory names docker CLI 28.2 created/looked up here for these contexts.
    expect(contextDirName('foo')).toBe('2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae');
    expect(contextDirName('tlsfull')).toBe('0bb862489c953968327d23597bac6a8d81e7a0eb82a7aeb568455c6787fd2a6a');
    expect(contextDirName('nope')).toBe('ca3704aa0b06f5954c79ee837faa152d84d6b2d42838f0637a15eda8337dbdce');
    // `printf default | sha256sum`
    expect(contextDirName('default')).toBe('37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f');
  });
});

describe('precedence', () => {
  beforeEach(() => {
    writeContext(config, { name: 'from-config', host: 'unix:///tmp/config.sock' });
    writeContext(config, { name: 'from-env', host: 'unix:///tmp/env.sock' });
    writeContext(config, { name: 'from-flag', host: 'tcp://10.0.0.1:2376' });
    writeCurrentContext(config, 'from-config');
  });

  it('falls back to the platform default when nothing is set', () => {
    const none = { DOCKER_CONFIG: join(dir.path, 'empty') };
    expect(resolveEndpoint({ env: none, homeDir: home, platform: 'linux' })).toEqual({
      host: 'unix:///var/run/docker.sock',
      label: 'default',
      source: 'default',
      contextName: 'default',
    });
    expect(resolveEndpoint({ env: none, homeDir: home, platform: 'darwin' }).host).toBe('unix:///var/run/docker.sock');
    expect(resolveEndpoint({ env: none, homeDir: home, platform: 'win32' }).host).toBe(
      'npipe:////./pipe/docker_engine',
    );
  });

  it('uses currentContext from config.json', () => {
    expect(resolve()).toEqual({
      host: 'unix:///tmp/config.sock',
      label: 'from-config',
      source: 'config-current-context',
      contextName: 'from-config',
    });
  });

  it('reads ~/.docker when DOCKER_CONFIG is unset', () => {
    writeContext(join(home, '.docker'), { name: 'in-home', host: 'unix:///tmp/home.sock' });
    writeCurrentContext(join(home, '.docker'), 'in-home');
    const endpoint = resolveEndpoint({ env: {}, homeDir: home, platform: 'linux' });
    expect(endpoint.host).toBe('unix:///tmp/home.sock');
    expect(endpoint.source).toBe('config-current-context');
  });

  it('DOCKER_CONTEXT beats currentContext', () => {
    const endpoint = resolve({ env: { DOCKER_CONTEXT: 'from-env' } });
    expect(endpoint).toMatchObject({ host: 'unix:///tmp/env.sock', source: 'env-docker-context', label: 'from-env' });
  });

  it('DOCKER_HOST beats DOCKER_CONTEXT and currentContext (it selects the default context)', () => {
    const endpoint = resolve({ env: { DOCKER_HOST: 'unix:///tmp/host.sock', DOCKER_CONTEXT: 'from-env' } });
    expect(endpoint).toEqual({
      host: 'unix:///tmp/host.sock',
      label: 'unix:///tmp/host.sock',
      source: 'env-docker-host',
      contextName: 'default',
    });
  });

  it('an empty DOCKER_HOST counts as unset', () => {
    expect(resolve({ env: { DOCKER_HOST: '', DOCKER_CONTEXT: 'from-env' } }).source).toBe('env-docker-context');
  });

  it('--context beats DOCKER_HOST', () => {
    const endpoint = resolve({ contextFlag: 'from-flag', env: { DOCKER_HOST: 'unix:///tmp/host.sock' } });
    expect(endpoint).toMatchObject({ host: 'tcp://10.0.0.1:2376', source: 'flag-context', contextName: 'from-flag' });
  });

  it('--host beats DOCKER_HOST, DOCKER_CONTEXT and currentContext', () => {
    const endpoint = resolve({
      hostFlag: 'unix:///tmp/flag.sock',
      env: { DOCKER_HOST: 'tcp://10.0.0.9:2375', DOCKER_CONTEXT: 'from-env' },
    });
    expect(endpoint).toMatchObject({ host: 'unix:///tmp/flag.sock', source: 'flag-host', contextName: 'default' });
  });

  it("refuses --host together with --context, with the CLI's words", () => {
    expect(() => resolve({ hostFlag: 'unix:///tmp/a.sock', contextFlag: 'from-flag' })).toThrow(
      'conflicting options: cannot specify both --host and --context',
    );
  });

  it('a context named "default" means DOCKER_HOST or the platform default', () => {
    writeCurrentContext(config, 'default');
    expect(resolve()).toMatchObject({ host: 'unix:///var/run/docker.sock', label: 'default', contextName: 'default' });
    expect(resolve({ contextFlag: 'default', platform: 'win32' }).host).toBe('npipe:////./pipe/docker_engine');
    expect(resolve({ env: { DOCKER_CONTEXT: 'default' } }).source).toBe('env-docker-context');
  });

  it('ignores a config.json that is not JSON, as the CLI does', () => {
    writeFileSync(join(config, 'config.json'), '{not json');
    expect(resolve().source).toBe('default');
  });
});

describe('missing or unusable contexts', () => {
  it('names the context and what chose it', () => {
    const byFlag = () => resolve({ contextFlag: 'ghost' });
    expect(byFlag).toThrow(ContextNotFoundError);
    expect(byFlag).toThrow(/^context "ghost" does not exist \(chosen by --context; no .*meta\.json\)/);
    expect(() => resolve({ env: { DOCKER_CONTEXT: 'ghost' } })).toThrow(/chosen by DOCKER_CONTEXT/);
    writeCurrentContext(config, 'gone');
    expect(() => resolve()).toThrow(
      `context "gone" does not exist (chosen by currentContext in ${join(config, 'config.json')}`,
    );
    // The path it looked for is the hashed directory, not the name.
    expect(() => resolve()).toThrow(join(config, 'contexts', 'meta', contextDirName('gone'), 'meta.json'));
  });

  it('rejects a context without a docker endpoint', () => {
    writeContext(config, { name: 'k8s-only', noDockerEndpoint: true });
    expect(() => resolve({ contextFlag: 'k8s-only' })).toThrow(
      'context "k8s-only": cannot find docker endpoint in context',
    );
  });

  it('rejects a context whose address cannot be used', () => {
    writeContext(config, { name: 'odd', host: 'foo://somewhere' });
    expect(() => resolve({ contextFlag: 'odd' })).toThrow(
      /context "odd" has an unusable engine address: .*foo:\/\/somewhere/,
    );
  });

  it('a context with an empty Host uses the platform default, like the CLI client', () => {
    writeContext(config, { name: 'hostless', host: '' });
    expect(resolve({ contextFlag: 'hostless' }).host).toBe('unix:///var/run/docker.sock');
  });
});

describe('TLS', () => {
  it('takes ca/cert/key from the context tls directory and verifies by default', () => {
    const { tlsDir } = writeContext(config, {
      name: 'secure',
      host: 'tcp://10.0.0.1:2376',
      tlsFiles: ['ca.pem', 'cert.pem', 'key.pem'],
    });
    expect(resolve({ contextFlag: 'secure' }).tls).toEqual({
      caPath: join(tlsDir, 'ca.pem'),
      certPath: join(tlsDir, 'cert.pem'),
      keyPath: join(tlsDir, 'key.pem'),
      verify: true,
    });
  });

  it('lists only the files that are there', () => {
    const { tlsDir } = writeContext(config, { name: 'ca-only', host: 'tcp://10.0.0.1:2376', tlsFiles: ['ca.pem'] });
    expect(resolve({ contextFlag: 'ca-only' }).tls).toEqual({ caPath: join(tlsDir, 'ca.pem'), verify: true });
  });

  it('SkipTLSVerify turns verification off, with or without files', () => {
    writeContext(config, { name: 'insecure', host: 'tcp://10.0.0.1:2376', skipTlsVerify: true });
    expect(resolve({ contextFlag: 'insecure' }).tls).toEqual({ verify: false });
    const { tlsDir } = writeContext(config, {
      name: 'insecure-ca',
      host: 'tcp://h:2376',
      skipTlsVerify: true,
      tlsFiles: ['ca.pem'],
    });
    expect(resolve({ contextFlag: 'insecure-ca' }).tls).toEqual({ caPath: join(tlsDir, 'ca.pem'), verify: false });
  });

  it('a context without TLS material or SkipTLSVerify has no tls', () => {
    writeContext(config, { name: 'plain', host: 'tcp://10.0.0.1:2375' });
    expect(resolve({ contextFlag: 'plain' }).tls).toBeUndefined();
  });

  describe('from DOCKER_TLS_VERIFY / DOCKER_CERT_PATH with the default context', () => {
    let certs: string;
    beforeEach(() => {
      certs = join(dir.path, 'certs');
      mkdirSync(certs);
      for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(certs, f), 'x');
    });

    it('applies to DOCKER_HOST', () => {
      const endpoint = resolve({
        env: { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs },
      });
      expect(endpoint.tls).toEqual({
        caPath: join(certs, 'ca.pem'),
        certPath: join(certs, 'cert.pem'),
        keyPath: join(certs, 'key.pem'),
        verify: true,
      });
    });

    it('applies to --host too', () => {
      const endpoint = resolve({
        hostFlag: 'tcp://10.0.0.5',
        env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs },
      });
      expect(endpoint.tls?.verify).toBe(true);
      // Like the CLI, a tcp address without a port gets 2375 even with TLS on.
      expect(endpoint.host).toBe('tcp://10.0.0.5:2375');
    });

    it('any non-empty DOCKER_TLS_VERIFY means verify, even "0" (the CLI only checks it is set)', () => {
      expect(
        resolve({ env: { DOCKER_HOST: 'tcp://h:1', DOCKER_TLS_VERIFY: '0', DOCKER_CERT_PATH: certs } }).tls?.verify,
      ).toBe(true);
    });

    it('DOCKER_TLS alone means TLS without verification', () => {
      expect(resolve({ env: { DOCKER_HOST: 'tcp://h:1', DOCKER_TLS: '1', DOCKER_CERT_PATH: certs } }).tls?.verify).toBe(
        false,
      );
    });

    it('with TLS on and no address, goes to tcp://localhost:2376', () => {
      expect(resolve({ env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs } }).host).toBe('tcp://localhost:2376');
    });

    it('looks in the config directory when DOCKER_CERT_PATH is unset, and leaves out absent cert/key', () => {
      mkdirSync(config, { recursive: true });
      writeFileSync(join(config, 'ca.pem'), 'x');
      expect(resolve({ env: { DOCKER_HOST: 'tcp://h:1', DOCKER_TLS_VERIFY: '1' } }).tls).toEqual({
        caPath: join(config, 'ca.pem'),
        verify: true,
      });
    });

    it('fails like the CLI when ca.pem is missing', () => {
      expect(() => resolve({ env: { DOCKER_HOST: 'tcp://h:1', DOCKER_TLS_VERIFY: '1' } })).toThrow(
        `DOCKER_TLS_VERIFY is set but ${join(config, 'ca.pem')} does not exist`,
      );
    });

    it('is ignored for named contexts (they carry their own TLS)', () => {
      writeContext(config, { name: 'plain', host: 'tcp://10.0.0.1:2375' });
      expect(
        resolve({ contextFlag: 'plain', env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs } }).tls,
      ).toBeUndefined();
    });
  });
});

describe('addresses', () => {
  it.each([
    ['tcp://h', 'tcp://h:2375'],
    ['tcp://h:99', 'tcp://h:99'],
    ['h:99', 'tcp://h:99'],
    ['tcp://', 'tcp://localhost:2375'],
    ['unix://', 'unix:///var/run/docker.sock'],
    ['  unix:///tmp/x.sock  ', 'unix:///tmp/x.sock'],
    ['/tmp/bare.sock', 'unix:///tmp/bare.sock'],
    ['npipe://', 'npipe:////./pipe/docker_engine'],
    ['ssh://me@box', 'ssh://me@box'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeDockerHost(raw, 'linux')).toBe(expected);
  });

  it('refuses schemes the CLI refuses', () => {
    expect(() => normalizeDockerHost('foo://x', 'linux')).toThrow('invalid engine address "foo://x"');
    expect(() => resolve({ env: { DOCKER_HOST: 'foo://x' } })).toThrow('foo://x');
    expect(() => resolve({ hostFlag: 'unix://relative/path' })).toThrow('must be absolute');
  });

  it('names a DOCKER_HOST after the product that owns the socket', () => {
    const env = { XDG_RUNTIME_DIR: '/run/user/1000' };
    expect(resolve({ env: { ...env, DOCKER_HOST: 'unix:///run/user/1000/podman/podman.sock' } }).label).toBe(
      'Podman (rootless)',
    );
    expect(resolve({ env: { DOCKER_HOST: `unix://${home}/.colima/work/docker.sock` } }).label).toBe('Colima (work)');
    expect(resolve({ env: { DOCKER_HOST: `unix://${home}/.docker/run/docker.sock` } }).label).toBe('Docker Desktop');
    expect(resolve({ hostFlag: 'npipe:////./pipe/dockerDesktopLinuxEngine', platform: 'win32' }).label).toBe(
      'Docker Desktop (Linux engine)',
    );
  });
});

describe('listContexts', () => {
  it('lists default plus every stored context in name order, marking the current one', () => {
    writeContext(config, { name: 'zeta', host: 'unix:///tmp/z.sock', description: 'last' });
    writeContext(config, { name: 'alpha10', host: 'tcp://a:2375' });
    writeContext(config, { name: 'alpha9', host: 'tcp://b:2375' });
    writeCurrentContext(config, 'zeta');
    const contexts = listContexts({ env: { DOCKER_CONFIG: config }, homeDir: home, platform: 'linux' });
    expect(contexts).toEqual([
      {
        name: 'default',
        host: 'unix:///var/run/docker.sock',
        description: 'Current DOCKER_HOST based configuration',
        current: false,
      },
      { name: 'alpha9', host: 'tcp://b:2375', description: undefined, current: false },
      { name: 'alpha10', host: 'tcp://a:2375', description: undefined, current: false },
      { name: 'zeta', host: 'unix:///tmp/z.sock', description: 'last', current: true },
    ]);
  });

  it('shows DOCKER_HOST as the default context and makes it current', () => {
    writeContext(config, { name: 'other', host: 'unix:///tmp/o.sock' });
    writeCurrentContext(config, 'other');
    const contexts = listContexts({
      env: { DOCKER_CONFIG: config, DOCKER_HOST: 'tcp://h' },
      homeDir: home,
      platform: 'linux',
    });
    expect(contexts[0]).toMatchObject({ name: 'default', host: 'tcp://h:2375', current: true });
    expect(contexts[1]).toMatchObject({ name: 'other', current: false });
  });

  it('reports broken contexts instead of failing the list', () => {
    const { metaDir } = writeContext(config, { name: 'broken', host: 'tcp://x:1' });
    writeFileSync(join(metaDir, 'meta.json'), '{"Name":"broken",');
    writeContext(config, { name: 'k8s', noDockerEndpoint: true });
    writeContext(config, { name: 'fine', host: 'tcp://y:1' });
    const contexts = listContexts({ env: { DOCKER_CONFIG: config }, homeDir: home, platform: 'linux' });
    // A truncated meta.json has no readable name: all there is to show is its directory.
    const brokenRow = contexts.find((c) => c.name === contextDirName('broken'));
    expect(brokenRow?.error).toMatch(/^parsing .*meta\.json/);
    expect(contexts.find((c) => c.name === 'k8s')?.error).toBe('context "k8s": cannot find docker endpoint in context');
    expect(contexts.find((c) => c.name === 'fine')).toEqual({
      name: 'fine',
      host: 'tcp://y:1',
      description: undefined,
      current: false,
    });
  });
});
