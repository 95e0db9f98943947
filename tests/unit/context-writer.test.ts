// The docker context writer (engine/context-writer.ts) against the reader that
// resolves engines (context-store.ts, endpoint-resolution.ts): what one writes the
// other reads back, laid out as the docker CLI lays it out; and the TLS files'
// checks (engine/tls-files.ts) before anything is written.

import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextDirName, readStoredContext } from '../../src-main/engine/context-store';
import {
  checkContextName,
  contextMetaJson,
  removeContextDirs,
  writeDockerContext,
} from '../../src-main/engine/context-writer';
import { resolveEndpoint } from '../../src-main/engine/endpoint-resolution';
import { nodeFileView } from '../../src-main/engine/file-view';
import { readTlsFiles } from '../../src-main/engine/tls-files';
import { PhraseError } from '../../src-shared/phrase-error';
import { tempDir } from '../fixtures/docker-config';
import { OTHER_KEY, TEST_CERT, TEST_KEY } from './support/tls-fixture';

let dir: { path: string; remove: () => void };
let config: string;
beforeEach(() => {
  dir = tempDir('bn-ctxw-');
  config = join(dir.path, 'docker-config');
});
afterEach(() => dir.remove());

const keyOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    if (err instanceof PhraseError) return err.says.key;
    throw err;
  }
  throw new Error('did not throw');
};

describe('writing a context', () => {
  it('meta.json is the docker CLI’s, byte for byte', () => {
    expect(contextMetaJson({ name: 'remote', host: 'tcp://10.0.0.5:2376', skipTlsVerify: false })).toBe(
      '{"Name":"remote","Metadata":{},"Endpoints":{"docker":{"Host":"tcp://10.0.0.5:2376","SkipTLSVerify":false}}}',
    );
  });

  it('round-trips through the reader, with the TLS files private to the user', () => {
    const tls = { ca: Buffer.from(TEST_CERT), cert: Buffer.from(TEST_CERT), key: Buffer.from(TEST_KEY) };
    const metaPath = writeDockerContext(config, {
      name: 'remote',
      host: 'tcp://10.0.0.5:2376',
      skipTlsVerify: false,
      tls,
    });
    const hash = contextDirName('remote');
    expect(metaPath).toBe(join(config, 'contexts', 'meta', hash, 'meta.json'));
    const tlsDir = join(config, 'contexts', 'tls', hash, 'docker');
    expect(readdirSync(tlsDir).sort()).toEqual(['ca.pem', 'cert.pem', 'key.pem']);
    expect(readFileSync(join(tlsDir, 'key.pem'), 'utf8')).toBe(TEST_KEY);
    expect(statSync(join(tlsDir, 'key.pem')).mode & 0o777).toBe(0o600);
    // The modes `docker context create` leaves (seen with docker 20.10 on this machine).
    expect(statSync(join(config, 'contexts', 'tls', hash)).mode & 0o777).toBe(0o700);
    expect(statSync(join(config, 'contexts', 'tls')).mode & 0o777).toBe(0o700);
    expect(statSync(join(config, 'contexts')).mode & 0o777).toBe(0o755);
    expect(statSync(metaPath).mode & 0o777).toBe(0o644);

    expect(readStoredContext(config, 'remote', nodeFileView)).toEqual({
      name: 'remote',
      description: undefined,
      host: 'tcp://10.0.0.5:2376',
      skipTlsVerify: false,
      tls: { caPath: join(tlsDir, 'ca.pem'), certPath: join(tlsDir, 'cert.pem'), keyPath: join(tlsDir, 'key.pem') },
    });
    const endpoint = resolveEndpoint({
      contextFlag: 'remote',
      env: { DOCKER_CONFIG: config },
      homeDir: '/x',
      platform: 'linux',
    });
    expect(endpoint).toMatchObject({ host: 'tcp://10.0.0.5:2376', contextName: 'remote', tls: { verify: true } });
  });

  it('skip-verify without files: TLS on, unverified; an ssh:// context has no TLS', () => {
    writeDockerContext(config, { name: 'lab', host: 'tcp://lab:2376', skipTlsVerify: true, tls: {} });
    const env = { DOCKER_CONFIG: config };
    expect(resolveEndpoint({ contextFlag: 'lab', env, homeDir: '/x', platform: 'linux' }).tls).toEqual({
      verify: false,
    });
    writeDockerContext(config, { name: 'builder', host: 'ssh://me@builder', skipTlsVerify: false, tls: {} });
    const found = resolveEndpoint({ contextFlag: 'builder', env, homeDir: '/x', platform: 'linux' });
    expect(found.host).toBe('ssh://me@builder');
    expect(found.tls).toBeUndefined();
    // Neither has files to keep: the CLI makes no TLS folder then either.
    expect(existsSync(join(config, 'contexts', 'tls'))).toBe(false);
  });

  it('refuses a name that exists, or whose TLS folder was left behind, and changes nothing', () => {
    writeDockerContext(config, { name: 'remote', host: 'tcp://a:1', skipTlsVerify: false, tls: {} });
    const again = () => writeDockerContext(config, { name: 'remote', host: 'tcp://b:2', skipTlsVerify: true, tls: {} });
    expect(keyOf(again)).toBe('contexts.exists');
    expect(readStoredContext(config, 'remote', nodeFileView)?.host).toBe('tcp://a:1');

    mkdirSync(join(config, 'contexts', 'tls', contextDirName('stale'), 'docker'), { recursive: true });
    const stale = () => writeDockerContext(config, { name: 'stale', host: 'tcp://b:2', skipTlsVerify: false, tls: {} });
    expect(keyOf(stale)).toBe('contexts.exists');
    expect(readStoredContext(config, 'stale', nodeFileView)).toBeUndefined();
  });

  it('a config folder that cannot be written: said so, and nothing half-made is left', () => {
    mkdirSync(dir.path, { recursive: true });
    // A file where the contexts folder should be: mkdir fails whoever runs the test (root too).
    mkdirSync(config);
    writeFileSync(join(config, 'contexts'), 'not a folder');
    const tls = { ca: Buffer.from(TEST_CERT) };
    const write = () => writeDockerContext(config, { name: 'remote', host: 'tcp://a:1', skipTlsVerify: false, tls });
    expect(keyOf(write)).toBe('contexts.writeFailed');
    expect(readFileSync(join(config, 'contexts'), 'utf8')).toBe('not a folder');
  });

  it('checks names as the docker CLI does', () => {
    for (const good of ['ab', 'prod-1', 'a.b+c_d', '9x']) expect(() => checkContextName(good)).not.toThrow();
    expect(keyOf(() => checkContextName(''))).toBe('contexts.nameEmpty');
    expect(keyOf(() => checkContextName('default'))).toBe('contexts.nameReserved');
    for (const bad of ['a', '-ab', 'a b', 'a/b', '../x', 'ünï']) {
      expect(
        keyOf(() => checkContextName(bad)),
        bad,
      ).toBe('contexts.nameInvalid');
    }
  });
});

describe('removing a context', () => {
  it('removes its two folders and nothing else', () => {
    const tls = { ca: Buffer.from(TEST_CERT) };
    writeDockerContext(config, { name: 'gone', host: 'tcp://a:1', skipTlsVerify: false, tls });
    writeDockerContext(config, { name: 'kept', host: 'tcp://b:1', skipTlsVerify: false, tls });
    writeFileSync(join(config, 'config.json'), '{"currentContext":"kept"}');
    const removed = removeContextDirs(config, 'gone');
    expect(removed).toEqual([
      join(config, 'contexts', 'meta', contextDirName('gone')),
      join(config, 'contexts', 'tls', contextDirName('gone')),
    ]);
    expect(readStoredContext(config, 'gone', nodeFileView)).toBeUndefined();
    expect(readStoredContext(config, 'kept', nodeFileView)?.tls.caPath).toBeDefined();
    expect(readFileSync(join(config, 'config.json'), 'utf8')).toBe('{"currentContext":"kept"}');
    expect(removeContextDirs(config, 'gone')).toEqual([]);
  });
});

describe('TLS files for a new context', () => {
  const files = (contents: Record<string, string>) => (path: string) => {
    const text = contents[path];
    if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    return Buffer.from(text);
  };

  it('reads a CA, a certificate and its key', () => {
    const read = files({ '/ca': TEST_CERT, '/cert': TEST_CERT, '/key': TEST_KEY });
    const material = readTlsFiles({ caPath: '/ca', certPath: '/cert', keyPath: '/key' }, read);
    expect(material.key?.toString()).toBe(TEST_KEY);
    expect(readTlsFiles({}, read)).toEqual({});
  });

  it('refuses a missing file, a file that is not PEM, a key of another certificate, a certificate alone', () => {
    const read = files({ '/cert': TEST_CERT, '/key': TEST_KEY, '/other': OTHER_KEY, '/text': 'hello' });
    const caught = (paths: Parameters<typeof readTlsFiles>[0]) => {
      try {
        readTlsFiles(paths, read);
      } catch (err) {
        return (err as PhraseError).says;
      }
      throw new Error('accepted');
    };
    expect(caught({ caPath: '/nope' })).toMatchObject({
      key: 'contexts.fileUnreadable',
      params: { option: '--tls-ca', file: '/nope' },
    });
    expect(caught({ caPath: '/text' })).toMatchObject({
      key: 'contexts.notCertificate',
      params: { option: '--tls-ca' },
    });
    expect(caught({ certPath: '/key', keyPath: '/key' })).toMatchObject({
      key: 'contexts.notCertificate',
      params: { option: '--tls-cert' },
    });
    expect(caught({ certPath: '/cert', keyPath: '/text' })).toMatchObject({ key: 'contexts.notKey' });
    expect(caught({ certPath: '/cert', keyPath: '/other' })).toMatchObject({ key: 'contexts.keyMismatch' });
    expect(caught({ certPath: '/cert' })).toMatchObject({ key: 'contexts.certWithoutKey' });
  });
});
