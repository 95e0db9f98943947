// The ssh2 settings docker-modem dials an ssh:// engine with (it runs
// `docker system dial-stdio` on the host, as the docker CLI does): where to
// connect and as whom after ~/.ssh/config, which keys to offer, and a host key
// check against known_hosts that refuses what `ssh` would refuse (see
// host-key-guide.ts for StrictHostKeyChecking). ssh2 alone accepts any host key.
//
// Paths come in explicitly (SshSetup); sshSetupFromEnvironment is the one place
// that reads HOME, the user name and SSH_AUTH_SOCK.

import { homedir, userInfo } from 'node:os';
import type { AuthMethod, ConnectConfig, ServerHostKeyAlgorithm } from 'ssh2';
import type { HostKeyProblem } from '../../../src-shared/model';
import type { ParsedHost } from '../parsed-host';
import { nodeFileView, type FileView } from '../file-view';
import { acceptsHostKey, hostKeyProblem, type HostKeyContext } from './host-key-guide';
import {
  checkHostKey,
  fingerprintSha256,
  keyTypeOfBlob,
  knownHostKeyAlgorithms,
  knownHostsName,
  parseKnownHosts,
} from './known-hosts';
import { resolveSshHost, sshDefaults, type ResolvedSshHost, type SshTarget } from './ssh-config';

export interface SshSetup {
  /** ssh_config files in the order ssh reads them (the user's, then the system's). */
  configFiles: string[];
  homeDir: string;
  localUser: string;
  /** The agent to ask for keys ($SSH_AUTH_SOCK), unless the config names another (IdentityAgent). */
  agentSocket?: string;
  fs?: Pick<FileView, 'readText' | 'listFiles'>;
}

export function sshSetupFromEnvironment(
  env: Record<string, string | undefined> = process.env,
  homeDir: string = homedir(),
): SshSetup {
  const defaults = sshDefaults(homeDir);
  return {
    configFiles: [defaults.userConfig, defaults.systemConfig],
    homeDir,
    localUser: localUserName(env),
    ...(env.SSH_AUTH_SOCK ? { agentSocket: env.SSH_AUTH_SOCK } : {}),
  };
}

function localUserName(env: Record<string, string | undefined>): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (some containers): what the shell says.
    return env.USER ?? env.USERNAME ?? 'root';
  }
}

/** The engine address's ssh part as ssh gets it: `ssh -l USER -p PORT -- HOST` (user and port when given). */
export function sshTarget(parsed: Extract<ParsedHost, { scheme: 'ssh' }>): SshTarget {
  return {
    // URL keeps the brackets of an IPv6 literal; ssh and known_hosts want the bare address.
    alias: parsed.host.replace(/^\[(.*)\]$/, '$1'),
    ...(parsed.username ? { user: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.port !== undefined ? { port: parsed.port } : {}),
  };
}

export interface SshDial {
  host: ResolvedSshHost;
  /** For docker-modem's sshOptions; it adds host, port and username from its own options. */
  sshOptions: ConnectConfig;
  /** Why the last handshake refused the host's key; undefined once a key was accepted. */
  refusal(): HostKeyProblem | undefined;
}

/** Throws when ~/.ssh/config asks for something Barnacle cannot follow (a jump host). */
export function sshDial(target: SshTarget, setup: SshSetup): SshDial {
  const fs = setup.fs ?? nodeFileView;
  const host = resolveSshHost(target, setup.configFiles, setup, fs);
  const jump = host.unsupported[0];
  if (jump) {
    throw new Error(
      `${jump.file} line ${jump.line} sets ${jump.keyword === 'proxyjump' ? 'ProxyJump' : 'ProxyCommand'} for ` +
        `${target.alias}, which Barnacle does not follow yet: connecting straight to the host would reach another ` +
        'machine than ssh reaches. Use an engine address that needs no jump host.',
    );
  }
  const knownHostsFiles = [...host.userKnownHostsFiles, ...host.globalKnownHostsFiles];
  const lookupName = host.hostKeyAlias ?? knownHostsName(host.hostName, host.port);
  // Read at every handshake: a key trusted from a terminal counts at the next retry.
  const knownHosts = () => knownHostsFiles.flatMap((file) => parseKnownHosts(fs.readText(file) ?? '', file));
  const context: HostKeyContext = {
    alias: target.alias,
    hostName: host.hostName,
    port: host.port,
    user: host.user,
    knownHostsName: lookupName,
    ...(host.hostKeyAlias ? { hostKeyAlias: host.hostKeyAlias } : {}),
    userKnownHostsFile: host.userKnownHostsFiles[0] ?? sshDefaults(setup.homeDir).userKnownHostsFiles[0]!,
  };

  let refused: HostKeyProblem | undefined;
  const hostVerifier = (key: Buffer): boolean => {
    const result = checkHostKey(knownHosts(), lookupName, key);
    if (result.verdict === 'known' || acceptsHostKey(result.verdict, host.strictHostKeyChecking)) {
      refused = undefined;
      return true;
    }
    const offered = { keyType: keyTypeOfBlob(key) ?? 'unknown', fingerprint: fingerprintSha256(key) };
    refused = hostKeyProblem(result, context, offered);
    return false;
  };

  const sshOptions: ConnectConfig = { hostVerifier, authHandler: authMethods(host, setup, fs) };
  const preferred = knownHostKeyAlgorithms(knownHosts(), lookupName).filter(isSsh2HostKeyAlgorithm);
  // ssh2's "prepend" skips what its list already holds, so those are removed first to move them up.
  if (preferred.length > 0)
    sshOptions.algorithms = { serverHostKey: { remove: preferred, prepend: preferred, append: [] } };
  return { host, sshOptions, refusal: () => refused };
}

/** The agent first (as ssh offers its keys first), then every identity file that can be read. */
function authMethods(host: ResolvedSshHost, setup: SshSetup, fs: Pick<FileView, 'readText'>): AuthMethod[] {
  const methods: AuthMethod[] = [];
  const username = host.user;
  const agent = host.identityAgent === undefined ? setup.agentSocket : host.identityAgent;
  if (agent && agent !== 'none') methods.push({ type: 'agent', username, agent } as AuthMethod);
  for (const file of host.identityFiles) {
    const key = fs.readText(file);
    // ssh2 skips keys it cannot use (a public key, a passphrase Barnacle cannot ask for).
    if (key) methods.push({ type: 'publickey', username, key } as AuthMethod);
  }
  return methods;
}

const SSH2_HOST_KEY_ALGORITHMS: readonly string[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
  'ssh-dss',
];

/** ssh2 throws on an algorithm it does not know (a known_hosts line may hold sk- or ed448 keys). */
function isSsh2HostKeyAlgorithm(name: string): name is ServerHostKeyAlgorithm {
  return SSH2_HOST_KEY_ALGORITHMS.includes(name);
}
