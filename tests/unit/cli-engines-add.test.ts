// `barnacle engines add|rm`: the command line read into commands (every
// contradiction a usage error, exit 2), and the commands run in-process against a
// temp DOCKER_CONFIG (refusals exit 1 and change nothing). Connecting for real:
// tests/integration/tls-endpoint.test.ts.

import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src-main/cli/args';
import { CliError, EXIT_USAGE } from '../../src-main/cli/cli-error';
import { run } from '../../src-main/cli/main';
import { contextMetaPath } from '../../src-main/engine/context-store';
import { tempDir } from '../fixtures/docker-config';
import { captureIo } from './support/capture-io';

const parse = (line: string[]) => parseCommandLine(line, 'linux');

function usageKey(line: string[]): string {
  try {
    parse(line);
  } catch (err) {
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(EXIT_USAGE);
    return (err as CliError).error.says?.key ?? (err as CliError).message;
  }
  throw new Error(`parsed without error: ${line.join(' ')}`);
}

describe('engines add|rm on the command line', () => {
  it('reads the name, the address (normalised) and the TLS files', () => {
    const line = ['engines', 'add', 'remote', '-H', 'tcp://10.0.0.5:2376'];
    const tls = ['--tls-ca', 'ca.pem', '--tls-cert', 'c.pem', '--tls-key', 'k.pem'];
    expect(parse([...line, ...tls])).toEqual({
      global: { json: false },
      command: {
        name: 'engines-add',
        context: 'remote',
        host: 'tcp://10.0.0.5:2376',
        tls: { caPath: 'ca.pem', certPath: 'c.pem', keyPath: 'k.pem' },
        skipTlsVerify: false,
        test: true,
      },
    });
    expect(parse(['engines', 'add', 'lab', '--host', 'lab', '--tls-skip-verify', '--no-test']).command).toMatchObject({
      host: 'tcp://lab:2375',
      tls: {},
      skipTlsVerify: true,
      test: false,
    });
    expect(parse(['engines', 'add', 'b1', '--host', 'ssh://me@builder:2222']).command).toMatchObject({
      host: 'ssh://me@builder:2222',
    });
    expect(parse(['--json', 'engines', 'rm', 'remote'])).toEqual({
      global: { json: true },
      command: { name: 'engines-rm', context: 'remote' },
    });
    expect(parse(['engines']).command).toEqual({ name: 'engines' });
  });

  it('refuses what cannot make a context', () => {
    expect(usageKey(['engines', 'add', 'remote'])).toBe('contexts.needsHost');
    expect(usageKey(['engines', 'add', '--host', 'tcp://a:1'])).toBe('contexts.oneName');
    expect(usageKey(['engines', 'add', 'a', 'b', '--host', 'tcp://a:1'])).toBe('contexts.oneName');
    expect(usageKey(['engines', 'add', 'default', '--host', 'tcp://a:1'])).toBe('contexts.nameReserved');
    expect(usageKey(['engines', 'add', 'a/b', '--host', 'tcp://a:1'])).toBe('contexts.nameInvalid');
    expect(usageKey(['engines', 'add', 'remote', '--host', 'ftp://a'])).toBe('cli.usage.hostFlag');
    expect(usageKey(['engines', 'add', 'remote', '--host', 'ssh://a', '--tls-ca', 'ca.pem'])).toBe(
      'contexts.tlsNotTcp',
    );
    expect(usageKey(['engines', 'add', 'remote', '--host', 'unix:///s', '--tls-skip-verify'])).toBe(
      'contexts.tlsNotTcp',
    );
    const tcp = ['engines', 'add', 'remote', '--host', 'tcp://a:1'];
    expect(usageKey([...tcp, '--tls-ca', 'ca.pem', '--tls-skip-verify'])).toBe('contexts.caAndSkip');
    expect(usageKey([...tcp, '--tls-cert', 'c.pem'])).toBe('contexts.certWithoutKey');
    expect(usageKey([...tcp, '--tls-key', 'k.pem'])).toBe('contexts.certWithoutKey');
    expect(usageKey([...tcp, '--tls-ca', ''])).toBe('cli.usage.optionNeedsValue');
    expect(usageKey(['engines', 'add', 'remote', '--context', 'other'])).toBe('cli.usage.notForCommand');
    expect(usageKey([...tcp, '--all'])).toBe('cli.usage.notForCommand');
    expect(usageKey(['engines', 'rm'])).toBe('contexts.oneName');
    expect(usageKey(['engines', 'rm', 'remote', '--host', 'tcp://a:1'])).toBe('cli.usage.notForCommand');
    expect(usageKey(['engines', 'rm', 'remote', '--tls-skip-verify'])).toBe('cli.usage.notForCommand');
    expect(usageKey(['engines', '--no-test'])).toBe('cli.usage.notForCommand');
    expect(usageKey(['engines', 'ls'])).toBe('cli.usage.noArguments');
  });
});

describe('engines add|rm, run', () => {
  let dir: { path: string; remove: () => void };
  let env: Record<string, string>;
  beforeEach(() => {
    dir = tempDir('bn-eng-');
    env = { DOCKER_CONFIG: join(dir.path, 'cfg') };
  });
  afterEach(() => dir.remove());
  const meta = (name: string) => contextMetaPath(env.DOCKER_CONFIG!, name);

  it('--no-test writes the context; a second add of the name is refused; rm removes it', async () => {
    const io = captureIo(env);
    expect(await run(['engines', 'add', 'remote', '--host', 'tcp://10.0.0.5:2376', '--no-test'], io)).toBe(0);
    expect(io.stdout).toContain(`Added context "remote" for tcp://10.0.0.5:2376 (${meta('remote')})`);
    expect(JSON.parse(readFileSync(meta('remote'), 'utf8')).Endpoints.docker.Host).toBe('tcp://10.0.0.5:2376');

    const again = captureIo({ ...env, LANG: 'zh_CN.UTF-8' });
    expect(await run(['engines', 'add', 'remote', '--host', 'tcp://b:1', '--no-test'], again)).toBe(1);
    expect(again.stderr).toContain('上下文 "remote" 已存在');
    expect(JSON.parse(readFileSync(meta('remote'), 'utf8')).Endpoints.docker.Host).toBe('tcp://10.0.0.5:2376');

    const rm = captureIo(env);
    expect(await run(['engines', 'rm', 'remote', '--json'], rm)).toBe(0);
    expect(JSON.parse(rm.stdout)).toMatchObject({ name: 'remote', removed: [expect.stringContaining('meta')] });
    expect(existsSync(meta('remote'))).toBe(false);
  });

  it('a missing TLS file is refused before any connection, and nothing is written', async () => {
    const io = captureIo(env);
    const code = await run(
      ['engines', 'add', 'remote', '-H', 'tcp://127.0.0.1:1', '--tls-ca', '/nope/ca.pem', '--json'],
      io,
    );
    expect(code).toBe(1);
    expect(JSON.parse(io.stderr)).toMatchObject({ kind: 'validation', says: { key: 'contexts.fileUnreadable' } });
    expect(existsSync(join(env.DOCKER_CONFIG!, 'contexts'))).toBe(false);
  });

  it('a failed connection test writes nothing and says how to add it anyway', async () => {
    const io = captureIo(env);
    // Port 1 on loopback: nothing listens, the refusal is immediate.
    expect(await run(['engines', 'add', 'remote', '-H', 'tcp://127.0.0.1:1'], io)).toBe(1);
    expect(io.stderr).toContain(
      'Nothing was written: testing "remote" at tcp://127.0.0.1:1 failed. Nothing answers at',
    );
    expect(io.stderr).toContain('--no-test');
    expect(existsSync(meta('remote'))).toBe(false);
  });

  it('rm refuses the current context and a context that does not exist, touching nothing', async () => {
    expect(await run(['engines', 'add', 'remote', '-H', 'tcp://a:1', '--no-test'], captureIo(env))).toBe(0);
    mkdirSync(env.DOCKER_CONFIG!, { recursive: true });
    const configJson = join(env.DOCKER_CONFIG!, 'config.json');
    writeFileSync(configJson, '{"currentContext":"remote"}');
    const io = captureIo(env);
    expect(await run(['engines', 'rm', 'remote'], io)).toBe(1);
    expect(io.stderr).toContain('context "remote" is the current context');
    expect(io.stderr).toContain('docker context use default');
    expect(existsSync(meta('remote'))).toBe(true);
    expect(readFileSync(configJson, 'utf8')).toBe('{"currentContext":"remote"}');

    const none = captureIo(env);
    expect(await run(['engines', 'rm', 'elsewhere'], none)).toBe(1);
    expect(none.stderr).toContain('context "elsewhere" does not exist');
  });
});
