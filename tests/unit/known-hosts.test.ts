// known_hosts read as ssh reads it (src-main/engine/ssh/known-hosts.ts). The keys,
// fingerprints and hashed lines below were made by OpenSSH 9.2 (ssh-keygen -t,
// ssh-keygen -l, ssh-keygen -H), so matching them checks us against ssh itself.
import { describe, expect, it } from 'vitest';
import {
  checkHostKey,
  entryNamesHost,
  fingerprintSha256,
  keyTypeOfBlob,
  knownHostKeyAlgorithms,
  knownHostsName,
  parseKnownHosts,
} from '../../src-main/engine/ssh/known-hosts';

const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDv/sxFF+0X0EnBYUzNGLoPCwKyqQAI592jD69mmhzjW';
const ED25519_OTHER = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC+OJuQIhlPlOk9EaMx+yy0e0873Sn620JVBeKRxUR0W';
const ECDSA =
  'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEs8gd1pWKqcen//T4st7QSsu2NFPnnDcvLGW2Kv+CmcrqWcu8Df2y9Ed+d+xbDtNieNcyN5Nn1HPltzw9Cg6Jg=';
const RSA =
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC9Rn96Y0e3qVwDSJFSgU3XMmxjlS8y2hQcnJ8/XDR7MeXIz37TDi3azD/f/B9MNH28vuz1Af1hC4eXugTfXyBlpueTCG+8yWz4gAiWT9//yP4T/Vwhg/vuKlpodvLkov7xY/klhlT4A8VWQejrXkSJKmijMrQ/MG44mzaOxDmEcQ==';

const blob = (line: string) => Buffer.from(line.split(' ')[1]!, 'base64');
const check = (text: string, host: string, port: number, key: string) =>
  checkHostKey(parseKnownHosts(text, '/h/.ssh/known_hosts'), knownHostsName(host, port), blob(key));

describe('key blobs', () => {
  it('read their type from the blob', () => {
    expect(keyTypeOfBlob(blob(ED25519))).toBe('ssh-ed25519');
    expect(keyTypeOfBlob(blob(ECDSA))).toBe('ecdsa-sha2-nistp256');
    expect(keyTypeOfBlob(blob(RSA))).toBe('ssh-rsa');
    expect(keyTypeOfBlob(Buffer.from([0, 0, 0, 200, 1]))).toBeUndefined();
  });

  it('print the fingerprint ssh-keygen -l prints', () => {
    expect(fingerprintSha256(blob(ED25519))).toBe('SHA256:/bNCvE92tcT2/Zp9Rvm13rbOI35zigzlAog0arRCf/Q');
    expect(fingerprintSha256(blob(ECDSA))).toBe('SHA256:zmbxtelBitZ3wip3taCJuANah29LbjYCwDy6LnMwZVc');
    expect(fingerprintSha256(blob(RSA))).toBe('SHA256:bzS8j7U/XfGTLJXlbK+e8fpi5Ep+fZpVQiRsei1415w');
  });
});

describe('knownHostsName', () => {
  it('is the bare name on port 22 and [name]:port elsewhere, in lower case', () => {
    expect(knownHostsName('Build-Box', 22)).toBe('build-box');
    expect(knownHostsName('build-box', 2222)).toBe('[build-box]:2222');
    expect(knownHostsName('::1', 2222)).toBe('[::1]:2222');
  });
});

describe('parseKnownHosts', () => {
  it('keeps where each line is, and skips comments, blanks and lines it cannot read', () => {
    const text = [
      '# a comment',
      '',
      `build-box ${ED25519} me@laptop`,
      'broken-line-without-key',
      `other ssh-ed25519 not-base64!`,
      `@unknown-marker h ${ED25519}`,
      `  [build-box]:2222,10.0.0.5 ${ECDSA}`,
    ].join('\n');
    const entries = parseKnownHosts(text, 'kh');
    expect(entries.map((e) => [e.line, e.keyType])).toEqual([
      [3, 'ssh-ed25519'],
      [7, 'ecdsa-sha2-nistp256'],
    ]);
    expect(entries[1]!.names).toEqual({ hashed: false, patterns: ['[build-box]:2222', '10.0.0.5'] });
  });

  it('reads CRLF files', () => {
    expect(parseKnownHosts(`a ${ED25519}\r\nb ${ECDSA}\r\n`, 'kh')).toHaveLength(2);
  });
});

describe('host patterns', () => {
  const names = (patterns: string, name: string) =>
    entryNamesHost(parseKnownHosts(`${patterns} ${ED25519}`, 'kh')[0]!, name);

  it.each([
    ['build-box', 'build-box', true],
    ['BUILD-BOX', 'build-box', true],
    ['build-box', 'Build-Box', true],
    ['a,build-box,b', 'build-box', true],
    ['*.example.com', 'ci.example.com', true],
    ['*.example.com', 'example.com', false],
    ['ci-?.example.com', 'ci-7.example.com', true],
    ['[build-box]:2222', '[build-box]:2222', true],
    ['[build-box]:2222', 'build-box', false],
    ['build-box', '[build-box]:2222', false],
    ['[*.lan]:*', '[nas.lan]:2200', true],
    ['*.lan,!nas.lan', 'nas.lan', false],
    ['!nas.lan,*.lan', 'nas.lan', false],
    ['*.lan,!nas.lan', 'pi.lan', true],
    ['!nas.lan', 'pi.lan', false],
  ])('%s names %s: %s', (patterns, name, expected) => expect(names(patterns, name)).toBe(expected));

  it('matches hashed names as ssh-keygen -H writes them, port form included', () => {
    const hashed = [
      `|1|qwFuUuOmj7GcOkrJfYD4CG1hQt4=|8D/xqg8vlweHSEmVT4HfUlSNbOk= ${ED25519}`,
      `|1|dgnSRG6K+vOuLjbFoxkFFYBn/4g=|KUHJBvFep95FgeyaKZZP5rXdLsM= ${ECDSA}`,
    ].join('\n');
    expect(check(hashed, 'build-box', 22, ED25519).verdict).toBe('known');
    expect(check(hashed, 'Build-Box', 22, ED25519).verdict).toBe('known');
    expect(check(hashed, 'build-box', 2222, ECDSA).verdict).toBe('known');
    expect(check(hashed, 'build-box', 2223, ECDSA).verdict).toBe('unknown');
    expect(check(hashed, 'build-box', 22, ED25519_OTHER).verdict).toBe('changed');
  });

  it('refuses a hashed field that is not |1|salt|sha1', () => {
    expect(parseKnownHosts(`|2|qwFuUuOmj7GcOkrJfYD4CG1hQt4=|8D/xqg8vlweHSEmVT4HfUlSNbOk= ${ED25519}`, 'kh')).toEqual(
      [],
    );
    expect(parseKnownHosts(`|1|qwFuUuOmj7GcOkrJfYD4CG1hQt4=|AAAA ${ED25519}`, 'kh')).toEqual([]);
  });

  it('takes time linear in name × pattern, whatever the pattern', () => {
    const started = performance.now();
    expect(names(`${'*a'.repeat(200)}*b`, 'a'.repeat(5000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('checkHostKey', () => {
  it('knows a listed key', () => {
    const result = check(`build-box ${ED25519}`, 'build-box', 22, ED25519);
    expect(result).toMatchObject({ verdict: 'known', entry: { line: 1, file: '/h/.ssh/known_hosts' } });
  });

  it('does not know a host that is not listed, or listed on another port', () => {
    expect(check(`other ${ED25519}`, 'build-box', 22, ED25519)).toEqual({ verdict: 'unknown', otherTypes: [] });
    expect(check(`build-box ${ED25519}`, 'build-box', 2222, ED25519).verdict).toBe('unknown');
  });

  it('says which other key types are listed when this type is not', () => {
    expect(check(`build-box ${ECDSA}\nbuild-box ${RSA}`, 'build-box', 22, ED25519)).toEqual({
      verdict: 'unknown',
      otherTypes: ['ecdsa-sha2-nistp256', 'ssh-rsa'],
    });
  });

  it('calls a different key of the same type changed, naming the line', () => {
    const text = `# mine\nbuild-box ${ECDSA}\nbuild-box ${ED25519}`;
    expect(check(text, 'build-box', 22, ED25519_OTHER)).toMatchObject({ verdict: 'changed', entry: { line: 3 } });
  });

  it('knows a key listed next to another of the same type (a host may have several)', () => {
    const text = `build-box ${ED25519_OTHER}\nbuild-box ${ED25519}`;
    expect(check(text, 'build-box', 22, ED25519).verdict).toBe('known');
  });

  it('refuses a revoked key even when it is also listed as known', () => {
    const text = `build-box ${ED25519}\n@revoked * ${ED25519}`;
    expect(check(text, 'build-box', 22, ED25519)).toMatchObject({ verdict: 'revoked', entry: { line: 2 } });
    expect(check(text, 'build-box', 22, ED25519_OTHER).verdict).toBe('changed');
  });

  it('a revoked line for other hosts does not apply', () => {
    expect(check(`build-box ${ED25519}\n@revoked elsewhere ${ED25519}`, 'build-box', 22, ED25519).verdict).toBe(
      'known',
    );
  });

  it('trusts no key through a @cert-authority line (host certificates are not checked)', () => {
    expect(check(`@cert-authority *.lan ${ED25519}`, 'nas.lan', 22, ED25519).verdict).toBe('unknown');
    expect(check(`@cert-authority *.lan ${ED25519_OTHER}`, 'nas.lan', 22, ED25519).verdict).toBe('unknown');
  });

  it('a negated pattern keeps a line from vouching for that host', () => {
    expect(check(`*.lan,!nas.lan ${ED25519}`, 'nas.lan', 22, ED25519).verdict).toBe('unknown');
  });
});

describe('knownHostKeyAlgorithms', () => {
  it('lists the algorithms of the listed keys, RSA as its SHA-2 signatures first', () => {
    const entries = parseKnownHosts(`build-box ${RSA}\nbuild-box ${ECDSA}\nother ${ED25519}`, 'kh');
    expect(knownHostKeyAlgorithms(entries, 'build-box')).toEqual([
      'rsa-sha2-512',
      'rsa-sha2-256',
      'ssh-rsa',
      'ecdsa-sha2-nistp256',
    ]);
    expect(knownHostKeyAlgorithms(entries, 'nobody')).toEqual([]);
  });
});
