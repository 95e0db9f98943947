// ~/.ssh/config resolved for one host (src-main/engine/ssh/ssh-config.ts). The
// expected values for the shared config are what `ssh -G -F config HOST` printed
// with OpenSSH 9.2 (before token and ~ expansion, which ssh -G leaves as written).
import { describe, expect, it } from 'vitest';
import { parseSshConfigLines } from '../../src-main/engine/ssh/ssh-config-lines';
import { resolveSshHost, type SshTarget } from '../../src-main/engine/ssh/ssh-config';

const HOME = '/home/me';
const local = { homeDir: HOME, localUser: 'me' };

/** An in-memory disk: path → text. */
function disk(files: Record<string, string>) {
  return {
    readText: (path: string) => files[path],
    listFiles: (dir: string) =>
      Object.keys(files)
        .filter((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/'))
        .map((p) => p.slice(dir.length + 1)),
  };
}

const CONFIG = `# comment
Host builder build-*  !build-secret
    HostName 10.0.0.%h
    Port=2200
    User deploy
    IdentityFile ~/.ssh/id_builder
    IdentityFile %d/.ssh/%r@%h
Host build-secret
    HostName secret.lan
Host *.lan
    UserKnownHostsFile ~/.ssh/known_hosts.lan /etc/extra_known
    StrictHostKeyChecking accept-new
Include config.d/*
Host *
    User everyone
    Port 22
    IdentityFile ~/.ssh/id_all
`;

const files = disk({
  [`${HOME}/.ssh/config`]: CONFIG,
  [`${HOME}/.ssh/config.d/a`]: 'Host nas.lan\n  User nasuser\n  ProxyJump bastion\n',
  [`${HOME}/.ssh/config.d/b`]: 'Host nas.lan\n  User too-late\n  Port 2022\n',
});
const resolve = (target: SshTarget, fs = files) => resolveSshHost(target, [`${HOME}/.ssh/config`], local, fs);

describe('parseSshConfigLines', () => {
  it('reads "Key value", "Key=value", "Key = value", quotes and trailing comments', () => {
    const lines = parseSshConfigLines(
      'HostName a\n  port=22\nUser = bob\nIdentityFile "/x y/id" \'b c\' # mine\n#Host x\n\nHost a\\ b',
      'f',
    );
    expect(lines.map((l) => [l.keyword, l.args, l.line])).toEqual([
      ['hostname', ['a'], 1],
      ['port', ['22'], 2],
      ['user', ['bob'], 3],
      ['identityfile', ['/x y/id', 'b c'], 4],
      ['host', ['a b'], 7],
    ]);
  });

  it('skips a line with an unterminated quote, as ssh refuses it', () => {
    expect(parseSshConfigLines('HostName "a\nPort 1', 'f').map((l) => l.keyword)).toEqual(['port']);
  });
});

describe('resolveSshHost', () => {
  it('applies the first matching value of each keyword, and every IdentityFile, in order', () => {
    expect(resolve({ alias: 'builder' })).toMatchObject({
      alias: 'builder',
      hostName: '10.0.0.builder',
      port: 2200,
      user: 'deploy',
      identityFiles: [`${HOME}/.ssh/id_builder`, `${HOME}/.ssh/deploy@10.0.0.builder`, `${HOME}/.ssh/id_all`],
      strictHostKeyChecking: 'ask',
      userKnownHostsFiles: [`${HOME}/.ssh/known_hosts`, `${HOME}/.ssh/known_hosts2`],
      globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
      unsupported: [],
    });
  });

  it('matches wildcards, and a "!" pattern keeps the block off that host', () => {
    expect(resolve({ alias: 'build-1' })).toMatchObject({ hostName: '10.0.0.build-1', port: 2200 });
    expect(resolve({ alias: 'build-secret' })).toMatchObject({
      hostName: 'secret.lan',
      port: 22,
      user: 'everyone',
      identityFiles: [`${HOME}/.ssh/id_all`],
    });
  });

  it('lets the address name the user and port, as `ssh -l USER -p PORT` does for the docker CLI', () => {
    expect(resolve({ alias: 'builder', user: 'ops', port: 22 })).toMatchObject({
      hostName: '10.0.0.builder',
      user: 'ops',
      port: 22,
    });
  });

  it('matches the name case-insensitively', () => {
    expect(resolve({ alias: 'BUILDER' }).hostName).toBe('10.0.0.BUILDER');
  });

  it('reads Include files (relative to ~/.ssh, wildcards in order) where the Include stands', () => {
    const nas = resolve({ alias: 'nas.lan' });
    expect(nas).toMatchObject({
      hostName: 'nas.lan',
      user: 'nasuser',
      port: 2022,
      userKnownHostsFiles: [`${HOME}/.ssh/known_hosts.lan`, '/etc/extra_known'],
      strictHostKeyChecking: 'accept-new',
    });
    expect(nas.unsupported.map((l) => [l.keyword, l.args, l.file, l.line])).toEqual([
      ['proxyjump', ['bastion'], `${HOME}/.ssh/config.d/a`, 3],
    ]);
  });

  it('defaults: the alias, port 22, the local user, the default keys and files', () => {
    const none = resolveSshHost({ alias: 'x' }, [`${HOME}/.ssh/config`], local, disk({}));
    expect(none).toEqual({
      alias: 'x',
      hostName: 'x',
      port: 22,
      user: 'me',
      identityFiles: [`${HOME}/.ssh/id_ed25519`, `${HOME}/.ssh/id_ecdsa`, `${HOME}/.ssh/id_rsa`],
      userKnownHostsFiles: [`${HOME}/.ssh/known_hosts`, `${HOME}/.ssh/known_hosts2`],
      globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
      strictHostKeyChecking: 'ask',
      unsupported: [],
    });
  });

  it('reads the user file before the system file, and the first value wins', () => {
    const fs = disk({
      [`${HOME}/.ssh/config`]: 'Host x\n  Port 2201\n',
      '/etc/ssh/ssh_config': 'Host *\n  Port 2202\n  User sys\n  GlobalKnownHostsFile none\n',
    });
    const host = resolveSshHost({ alias: 'x' }, [`${HOME}/.ssh/config`, '/etc/ssh/ssh_config'], local, fs);
    expect(host).toMatchObject({ port: 2201, user: 'sys', globalKnownHostsFiles: [] });
  });

  it.each([
    ['yes', 'yes'],
    ['no', 'no'],
    ['off', 'no'],
    ['accept-new', 'accept-new'],
    ['ask', 'ask'],
    ['nonsense', 'ask'],
  ])('StrictHostKeyChecking %s reads as %s', (value, expected) => {
    const fs = disk({ '/c': `StrictHostKeyChecking ${value}\n` });
    expect(resolveSshHost({ alias: 'x' }, ['/c'], local, fs).strictHostKeyChecking).toBe(expected);
  });

  it('reads HostKeyAlias and IdentityAgent', () => {
    const fs = disk({
      '/c': 'Host x\n  HostKeyAlias "x-key"\n  IdentityAgent ~/agent.sock\nHost y\n  IdentityAgent none',
    });
    expect(resolveSshHost({ alias: 'x' }, ['/c'], local, fs)).toMatchObject({
      hostKeyAlias: 'x-key',
      identityAgent: `${HOME}/agent.sock`,
    });
    expect(resolveSshHost({ alias: 'y' }, ['/c'], local, fs).identityAgent).toBe('none');
  });

  it('Match all applies; any other Match block is taken as not matching', () => {
    const fs = disk({ '/c': 'Match exec "true"\n  Port 1\nMatch all\n  User all\nHost x\n  Port 3' });
    expect(resolveSshHost({ alias: 'x' }, ['/c'], local, fs)).toMatchObject({ port: 3, user: 'all' });
  });

  it('an Include inside a Host block applies only to that host, and its Host lines end with it', () => {
    // As ssh -G shows: after the included file, the including block goes on (Port 9 is x's).
    const fs = disk({
      '/etc/ssh/c': 'Host x\n  Include inc\nPort 9',
      '/etc/ssh/inc': 'User from-inc\nHost nomatch\n  HostName from-inc',
    });
    expect(resolveSshHost({ alias: 'x' }, ['/etc/ssh/c'], local, fs)).toMatchObject({
      user: 'from-inc',
      hostName: 'x',
      port: 9,
    });
    expect(resolveSshHost({ alias: 'y' }, ['/etc/ssh/c'], local, fs)).toMatchObject({ user: 'me', port: 22 });
  });

  it('stops following Include loops', () => {
    const fs = disk({ '/c': 'Include /c\nPort 5' });
    expect(resolveSshHost({ alias: 'x' }, ['/c'], local, fs).port).toBe(5);
  });

  it('reports ProxyCommand, and ignores ProxyJump none', () => {
    const fs = disk({ '/c': 'Host x\n  ProxyJump none\n  ProxyCommand nc %h %p' });
    expect(resolveSshHost({ alias: 'x' }, ['/c'], local, fs).unsupported.map((l) => l.keyword)).toEqual([
      'proxycommand',
    ]);
  });
});
