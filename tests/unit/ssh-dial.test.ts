// The ssh2 settings for an ssh:// engine (src-main/engine/ssh/ssh-dial.ts) and the
// guide for a refused host key (host-key-guide.ts), without a network: the host
// key check is called as ssh2 calls it, with the key blob the host offered.
import { describe, expect, it } from 'vitest';
import type { HostKeyProblem } from '../../src-shared/model';
import { dockerodeOptions } from '../../src-main/engine/dockerode-options';
import { parseHost } from '../../src-main/engine/parsed-host';
import { hostKeyMessage } from '../../src-main/engine/ssh/host-key-guide';
import { sshDial, sshTarget, type SshSetup } from '../../src-main/engine/ssh/ssh-dial';

const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDv/sxFF+0X0EnBYUzNGLoPCwKyqQAI592jD69mmhzjW';
const ED25519_OTHER = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC+OJuQIhlPlOk9EaMx+yy0e0873Sn620JVBeKRxUR0W';
const RSA =
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC9Rn96Y0e3qVwDSJFSgU3XMmxjlS8y2hQcnJ8/XDR7MeXIz37TDi3azD/f/B9MNH28vuz1Af1hC4eXugTfXyBlpueTCG+8yWz4gAiWT9//yP4T/Vwhg/vuKlpodvLkov7xY/klhlT4A8VWQejrXkSJKmijMrQ/MG44mzaOxDmEcQ==';
const blob = (line: string) => Buffer.from(line.split(' ')[1]!, 'base64');

const HOME = '/home/me';
const KNOWN = `${HOME}/.ssh/known_hosts`;

function setup(files: Record<string, string>, extra: Partial<SshSetup> = {}): SshSetup {
  return {
    configFiles: [`${HOME}/.ssh/config`],
    homeDir: HOME,
    localUser: 'me',
    fs: { readText: (p) => files[p], listFiles: () => [] },
    ...extra,
  };
}

const target = (address: string) => {
  const parsed = parseHost(address);
  if (parsed.scheme !== 'ssh') throw new Error(address);
  return sshTarget(parsed);
};

/** What ssh2 does with the host's key: ask hostVerifier, synchronously. */
function offer(dial: ReturnType<typeof sshDial>, key: string): boolean {
  const verify = dial.sshOptions.hostVerifier as (key: Buffer) => boolean;
  return verify(blob(key));
}

describe('sshTarget', () => {
  it('takes user and port only when the address names them, and unbrackets IPv6', () => {
    expect(target('ssh://build-box')).toEqual({ alias: 'build-box' });
    expect(target('ssh://ops@build-box:2222')).toEqual({ alias: 'build-box', user: 'ops', port: 2222 });
    expect(target('ssh://[::1]:2222')).toEqual({ alias: '::1', port: 2222 });
  });
});

describe('the host key check', () => {
  it('accepts a key listed for the host and port', () => {
    const dial = sshDial(target('ssh://build-box:2222'), setup({ [KNOWN]: `[build-box]:2222 ${ED25519}\n` }));
    expect(offer(dial, ED25519)).toBe(true);
    expect(dial.refusal()).toBeUndefined();
  });

  it('refuses an unknown host with the fingerprint and the commands that trust it', () => {
    const dial = sshDial(target('ssh://build-box:2222'), setup({}));
    expect(offer(dial, ED25519)).toBe(false);
    const problem = dial.refusal()!;
    expect(problem).toEqual({
      verdict: 'unknown',
      host: 'build-box',
      port: 2222,
      user: 'me',
      knownHostsName: '[build-box]:2222',
      keyType: 'ssh-ed25519',
      fingerprint: 'SHA256:/bNCvE92tcT2/Zp9Rvm13rbOI35zigzlAog0arRCf/Q',
      fixes: [
        {
          value: 'trust',
          commands: [
            'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub   # on the host itself',
            'ssh -p 2222 me@build-box',
          ],
        },
        {
          value: 'scan',
          commands: [
            'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub   # on the host itself',
            `ssh-keyscan -t ssh-ed25519 -p 2222 build-box >> ${KNOWN}`,
          ],
        },
      ],
    } satisfies HostKeyProblem);
    const message = hostKeyMessage(problem);
    expect(message).toContain('SHA256:/bNCvE92tcT2/Zp9Rvm13rbOI35zigzlAog0arRCf/Q');
    expect(message).toContain('ssh -p 2222 me@build-box');
    expect(message).toContain(`ssh-keyscan -t ssh-ed25519 -p 2222 build-box >> ${KNOWN}`);
  });

  it('refuses a changed key with a warning that names the known_hosts line', () => {
    const dial = sshDial(target('ssh://build-box'), setup({ [KNOWN]: `# old\nbuild-box ${ED25519_OTHER}\n` }));
    expect(offer(dial, ED25519)).toBe(false);
    const problem = dial.refusal()!;
    expect(problem).toMatchObject({ verdict: 'changed', knownHostsLine: { file: KNOWN, line: 2 } });
    expect(problem.fixes[0]!.commands).toContain(`ssh-keygen -R build-box -f ${KNOWN}`);
    const message = hostKeyMessage(problem);
    expect(message).toMatch(/^WARNING: the SSH host key of build-box has changed/);
    expect(message).toContain('man-in-the-middle');
    expect(message).toContain(`${KNOWN} line 2`);
  });

  it('refuses a revoked key', () => {
    const dial = sshDial(target('ssh://build-box'), setup({ [KNOWN]: `build-box ${ED25519}\n@revoked * ${ED25519}` }));
    expect(offer(dial, ED25519)).toBe(false);
    expect(dial.refusal()).toMatchObject({ verdict: 'revoked', knownHostsLine: { line: 2 } });
    expect(hostKeyMessage(dial.refusal()!)).toContain('@revoked');
  });

  it('forgets the refusal once a key is accepted (the user trusted it meanwhile)', () => {
    const files: Record<string, string> = {};
    const dial = sshDial(target('ssh://build-box'), setup(files));
    expect(offer(dial, ED25519)).toBe(false);
    files[KNOWN] = `build-box ${ED25519}\n`;
    expect(offer(dial, ED25519)).toBe(true);
    expect(dial.refusal()).toBeUndefined();
  });

  it.each(['yes', 'ask', 'accept-new'])('StrictHostKeyChecking %s refuses an unknown host', (value) => {
    const config = { [`${HOME}/.ssh/config`]: `StrictHostKeyChecking ${value}` };
    expect(offer(sshDial(target('ssh://build-box'), setup(config)), ED25519)).toBe(false);
  });

  it('StrictHostKeyChecking no accepts an unknown host, never a changed or revoked key', () => {
    const config = `${HOME}/.ssh/config`;
    const no = (known: string) =>
      sshDial(target('ssh://build-box'), setup({ [config]: 'StrictHostKeyChecking no', [KNOWN]: known }));
    expect(offer(no(''), ED25519)).toBe(true);
    expect(offer(no(`build-box ${ED25519_OTHER}`), ED25519)).toBe(false);
    expect(offer(no(`@revoked * ${ED25519}`), ED25519)).toBe(false);
  });

  it('follows ~/.ssh/config: HostName, Port, User, UserKnownHostsFile, HostKeyAlias', () => {
    const files = {
      [`${HOME}/.ssh/config`]:
        'Host builder\n  HostName 10.0.0.7\n  Port 2200\n  User deploy\n  UserKnownHostsFile ~/.ssh/builders\n',
      [`${HOME}/.ssh/builders`]: `[10.0.0.7]:2200 ${ED25519}\n`,
      [`${HOME}/.ssh/alias-config`]: 'Host builder\n  HostKeyAlias builder-key\n',
      [KNOWN]: `builder-key ${ED25519}\n`,
    };
    const dial = sshDial(target('ssh://builder'), setup(files));
    expect(dial.host).toMatchObject({ hostName: '10.0.0.7', port: 2200, user: 'deploy' });
    expect(offer(dial, ED25519)).toBe(true);
    const endpoint = { host: 'ssh://builder', label: 'builder', source: 'user' as const };
    expect(dockerodeOptions(endpoint, undefined, dial)).toMatchObject({
      protocol: 'ssh',
      host: '10.0.0.7',
      port: 2200,
      username: 'deploy',
    });

    const aliased = sshDial(target('ssh://builder'), setup(files, { configFiles: [`${HOME}/.ssh/alias-config`] }));
    expect(offer(aliased, ED25519)).toBe(true);
    expect(offer(aliased, ED25519_OTHER)).toBe(false);
    // ssh-keyscan would write the host's own name, not the alias: only `ssh` is offered.
    expect(aliased.refusal()!.fixes.map((f) => f.value)).toEqual(['forget']);
  });

  it('asks for the key types known_hosts lists first, so a host known by its RSA key is not asked for Ed25519', () => {
    const dial = sshDial(target('ssh://build-box'), setup({ [KNOWN]: `build-box ${RSA}\n` }));
    const preferred = ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
    expect(dial.sshOptions.algorithms).toEqual({
      serverHostKey: { remove: preferred, prepend: preferred, append: [] },
    });
    expect(sshDial(target('ssh://other'), setup({ [KNOWN]: `build-box ${RSA}\n` })).sshOptions.algorithms).toBe(
      undefined,
    );
  });

  it('refuses to dial a host that ~/.ssh/config sends through a jump host', () => {
    const files = { [`${HOME}/.ssh/config`]: 'Host builder\n  ProxyJump bastion\n' };
    expect(() => sshDial(target('ssh://builder'), setup(files))).toThrow(
      `${HOME}/.ssh/config line 2 sets ProxyJump for builder`,
    );
  });
});

describe('identities', () => {
  it('offers the agent first, then each identity file that exists', () => {
    const files = { [`${HOME}/.ssh/id_ecdsa`]: 'KEY-ECDSA', [`${HOME}/.ssh/id_rsa`]: 'KEY-RSA' };
    const dial = sshDial(target('ssh://build-box'), setup(files, { agentSocket: '/run/agent.sock' }));
    expect(dial.sshOptions.authHandler).toEqual([
      { type: 'agent', username: 'me', agent: '/run/agent.sock' },
      { type: 'publickey', username: 'me', key: 'KEY-ECDSA' },
      { type: 'publickey', username: 'me', key: 'KEY-RSA' },
    ]);
  });

  it('uses the IdentityFile and IdentityAgent the config names', () => {
    const files = {
      [`${HOME}/.ssh/config`]: 'IdentityFile ~/.ssh/work\nIdentityAgent none\n',
      [`${HOME}/.ssh/work`]: 'KEY-WORK',
      [`${HOME}/.ssh/id_ed25519`]: 'KEY-DEFAULT',
    };
    const dial = sshDial(target('ssh://ops@build-box'), setup(files, { agentSocket: '/run/agent.sock' }));
    expect(dial.sshOptions.authHandler).toEqual([{ type: 'publickey', username: 'ops', key: 'KEY-WORK' }]);
  });
});
