// A real OpenSSH sshd of the test's own on 127.0.0.1: its own config, host keys
// and authorized_keys in a temp dir, run in the foreground (-D -e) as the
// current user, on a free port. Every session runs through a small script that
// writes down the command the client asked for and then runs it, so a test can
// tell whether `docker system dial-stdio` ever ran on the "remote" side. That
// side reaches the engine through DOCKER_HOST, set for sessions by SetEnv.

import { execFileSync, spawnSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { spawnLogged, terminate, logTail, sleep } from '../../engines/proc';

export type SshdAvailability = { ok: true; sshd: string } | { ok: false; reason: string };

function findProgram(name: string, extraDirs: string[]): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not here
    }
  }
  return undefined;
}

export function sshdAvailability(): SshdAvailability {
  // sshd lives in sbin, which a non-login PATH may leave out; it must be run by its absolute path.
  const sshd = findProgram('sshd', ['/usr/sbin', '/usr/local/sbin', '/sbin']);
  if (!sshd) return { ok: false, reason: 'sshd not found — apt-get install openssh-server' };
  for (const tool of ['ssh-keygen', 'ssh-keyscan']) {
    if (!findProgram(tool, [])) return { ok: false, reason: `${tool} not found — apt-get install openssh-client` };
  }
  // sshd refuses to start without its privilege separation directory, which only its service creates.
  if (!existsSync('/run/sshd')) {
    if (process.getuid?.() !== 0) return { ok: false, reason: '/run/sshd is missing and creating it needs root' };
    mkdirSync('/run/sshd', { mode: 0o755 });
  }
  return { ok: true, sshd };
}

async function freePort(): Promise<number> {
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

/** A fresh key pair; returns the public key line ("ssh-ed25519 AAAA… comment"). */
export function keygen(path: string): string {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', path]);
  return readFileSync(`${path}.pub`, 'utf8').trim();
}

/** What `ssh-keygen -lf` prints for a public key file: "SHA256:…". */
export function fingerprintOf(pubPath: string): string {
  return execFileSync('ssh-keygen', ['-lf', pubPath], { encoding: 'utf8' }).split(' ')[1]!;
}

/**
 * OpenSSH 9.8 and later shut out for a while a source whose connections end before
 * logging in, which is what a refused host key looks like to sshd; every test
 * connects from 127.0.0.1. Older sshd rejects the keyword, so it is only written when known.
 */
function penaltiesOff(sshd: string): string {
  const said = spawnSync(sshd, ['-V'], { encoding: 'utf8' });
  const version = /OpenSSH_(\d+)\.(\d+)/.exec(`${said.stdout}${said.stderr}`);
  const [major, minor] = version ? [Number(version[1]), Number(version[2])] : [0, 0];
  return major > 9 || (major === 9 && minor >= 8) ? 'PerSourcePenalties no' : '';
}

export interface PrivateSshd {
  port: number;
  /** The host key it presents, as a known_hosts key field ("ssh-ed25519 AAAA…"), and its public key file. */
  hostKey: string;
  hostKeyPub: string;
  /** The commands clients ran, one per line, since the last forget(). */
  commands(): string[];
  /** sshd's own log (-e) since the last forget(). */
  log(): string;
  /** Starts both records afresh (between tests). */
  forget(): void;
  /** Resolves once sshd has logged nothing for `quietMs`: connections a closed client left running are over. */
  settle(quietMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts sshd for `dir`, letting in the holder of `clientPublicKey`; sessions reach `dockerHost`. */
export async function startPrivateSshd(
  sshd: string,
  dir: string,
  clientPublicKey: string,
  dockerHost: string,
): Promise<PrivateSshd> {
  const hostKeyPath = join(dir, 'ssh_host_ed25519_key');
  const hostKey = keygen(hostKeyPath);
  writeFileSync(join(dir, 'authorized_keys'), `${clientPublicKey}\n`);
  const commandLog = join(dir, 'commands.log');
  writeFileSync(commandLog, '');
  const session = join(dir, 'session.sh');
  writeFileSync(
    session,
    `#!/bin/sh\nprintf '%s\\n' "$SSH_ORIGINAL_COMMAND" >> '${commandLog}'\nexec /bin/sh -c "$SSH_ORIGINAL_COMMAND"\n`,
  );
  chmodSync(session, 0o755);
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `ListenAddress 127.0.0.1:${port}`,
      `HostKey ${hostKeyPath}`,
      'PidFile none',
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'AuthenticationMethods publickey',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      // The temp dir is not the user's home; its parents (/tmp) are world-writable.
      'StrictModes no',
      'UsePAM no',
      'LogLevel VERBOSE',
      `SetEnv DOCKER_HOST=${dockerHost}`,
      `ForceCommand ${session}`,
      penaltiesOff(sshd),
      '',
    ].join('\n'),
  );
  const logPath = join(dir, 'sshd.log');
  const pid = spawnLogged([sshd, '-D', '-e', '-f', config], logPath);
  const deadline = Date.now() + 15_000;
  while (!readFileSync(logPath, 'utf8').includes(`Server listening on 127.0.0.1 port ${port}`)) {
    if (Date.now() > deadline) {
      await terminate(pid, 2000);
      throw new Error(`sshd did not start on port ${port}:\n${logTail(logPath)}`);
    }
    await sleep(50);
  }
  let logFrom = 0;
  return {
    port,
    hostKey: hostKey.split(' ').slice(0, 2).join(' '),
    hostKeyPub: `${hostKeyPath}.pub`,
    commands: () => readFileSync(commandLog, 'utf8').split('\n').filter(Boolean),
    log: () => readFileSync(logPath).subarray(logFrom).toString('utf8'),
    forget: () => {
      writeFileSync(commandLog, '');
      logFrom = readFileSync(logPath).length;
    },
    settle: async (quietMs = 1000) => {
      const deadline = Date.now() + 30_000;
      let size = -1;
      let quietSince = Date.now();
      while (Date.now() - quietSince < quietMs) {
        if (Date.now() > deadline) throw new Error(`sshd still busy after 30 s:\n${logTail(logPath)}`);
        const now = statSync(logPath).size;
        if (now !== size) [size, quietSince] = [now, Date.now()];
        await sleep(100);
      }
    },
    stop: () => terminate(pid, 5000),
  };
}
