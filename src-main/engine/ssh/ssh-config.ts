// What ssh_config says about one host, for the settings Barnacle's SSH client
// uses — the subset the docker CLI gets by running `ssh` for an ssh:// engine
// (`ssh -l USER -p PORT -- HOST docker system dial-stdio`, user and port only
// when the address names them): Host blocks, HostName, Port, User,
// IdentityFile, IdentityAgent, UserKnownHostsFile, GlobalKnownHostsFile,
// HostKeyAlias, StrictHostKeyChecking and Include.
//
// As in ssh (readconf.c): files are read in order (the user's, then the
// system's), the first value found for a keyword wins, IdentityFile adds up,
// a Host line applies to what follows when one of its patterns matches the
// name as given and none of its "!" patterns does. `Match all` applies;
// any other Match block is taken as not matching, since its criteria (exec,
// canonical, …) cannot be checked without running ssh. ProxyJump and
// ProxyCommand are reported, not followed: connecting straight to the host
// would reach something else than `ssh` reaches.

import { basename, dirname, isAbsolute, join } from 'node:path';
import { matchesWildcard } from '../../../src-shared/wildcard';
import type { FileView } from '../file-view';
import { parseSshConfigLines, type SshConfigLine } from './ssh-config-lines';

export type StrictHostKeyChecking = 'yes' | 'ask' | 'accept-new' | 'no';

/** The host as the engine address names it: ssh://USER@ALIAS:PORT. */
export interface SshTarget {
  alias: string;
  user?: string;
  port?: number;
}

export interface SshLocal {
  homeDir: string;
  /** Who runs Barnacle: the default remote user, and ssh's %u. */
  localUser: string;
}

export interface ResolvedSshHost {
  alias: string;
  /** Where to connect (HostName, else the alias). */
  hostName: string;
  port: number;
  user: string;
  /** Keys to offer, as listed; the defaults when the config lists none. */
  identityFiles: string[];
  /** "none" (no agent), a socket path, or undefined for $SSH_AUTH_SOCK. */
  identityAgent?: string;
  userKnownHostsFiles: string[];
  globalKnownHostsFiles: string[];
  /** The name to look up in known_hosts instead of the host's own. */
  hostKeyAlias?: string;
  strictHostKeyChecking: StrictHostKeyChecking;
  /** Settings that apply to this host but that Barnacle does not follow. */
  unsupported: SshConfigLine[];
}

/** Where ssh looks when the config says nothing. */
export function sshDefaults(homeDir: string) {
  const dir = join(homeDir, '.ssh');
  return {
    userConfig: join(dir, 'config'),
    systemConfig: '/etc/ssh/ssh_config',
    identityFiles: ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((f) => join(dir, f)),
    userKnownHostsFiles: [join(dir, 'known_hosts'), join(dir, 'known_hosts2')],
    globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
  };
}

const MAX_INCLUDE_DEPTH = 16; // as ssh's READCONF_MAX_DEPTH

/**
 * Resolves `target` through the config files (user's first, then system's; a
 * missing file is no error). Relative Include paths are read from the directory
 * of the top-level file they appear under (~/.ssh, /etc/ssh), as ssh does.
 */
export function resolveSshHost(
  target: SshTarget,
  configFiles: readonly string[],
  local: SshLocal,
  fs: Pick<FileView, 'readText' | 'listFiles'>,
): ResolvedSshHost {
  const alias = target.alias.toLowerCase();
  const found = new Map<string, SshConfigLine>();
  const identityFiles: string[] = [];
  const unsupported: SshConfigLine[] = [];

  const apply = (lines: SshConfigLine[], activeAtStart: boolean, includeBase: string, depth: number): void => {
    let active = activeAtStart;
    for (const line of lines) {
      if (line.keyword === 'host') active = hostLineMatches(line.args, alias);
      else if (line.keyword === 'match') active = line.args.length === 1 && line.args[0]!.toLowerCase() === 'all';
      else if (!active) continue;
      else if (line.keyword === 'include') {
        if (depth >= MAX_INCLUDE_DEPTH) continue;
        for (const path of line.args.flatMap((arg) => expandInclude(arg, includeBase, local.homeDir, fs))) {
          apply(parseSshConfigLines(fs.readText(path) ?? '', path), true, includeBase, depth + 1);
        }
      } else if (line.keyword === 'identityfile') identityFiles.push(...line.args);
      else if (!found.has(line.keyword)) found.set(line.keyword, line);
    }
  };
  for (const file of configFiles) {
    apply(parseSshConfigLines(fs.readText(file) ?? '', file), true, dirname(file), 0);
  }

  const first = (keyword: string) => found.get(keyword)?.args[0];
  const hostName = expandTokens(first('hostname') ?? target.alias, { h: target.alias, '%': '%' });
  const port = target.port ?? parsePort(first('port')) ?? 22;
  const user = target.user ?? first('user') ?? local.localUser;
  const tokens: Record<string, string> = {
    '%': '%',
    d: local.homeDir,
    h: hostName,
    n: target.alias,
    p: String(port),
    r: user,
    u: local.localUser,
  };
  const path = (p: string) => expandHome(expandTokens(p, tokens), local.homeDir);
  const files = (keyword: string, fallback: string[]) => {
    const line = found.get(keyword);
    if (!line) return fallback;
    return line.args.some((a) => a.toLowerCase() === 'none') ? [] : line.args.map(path);
  };
  const defaults = sshDefaults(local.homeDir);
  for (const keyword of ['proxyjump', 'proxycommand']) {
    const line = found.get(keyword);
    if (line && line.args[0]?.toLowerCase() !== 'none') unsupported.push(line);
  }
  const agent = first('identityagent');
  const hostKeyAlias = first('hostkeyalias');
  return {
    alias: target.alias,
    hostName,
    port,
    user,
    identityFiles: identityFiles.length > 0 ? [...new Set(identityFiles.map(path))] : defaults.identityFiles,
    ...(agent === undefined || agent === 'SSH_AUTH_SOCK'
      ? {}
      : { identityAgent: agent === 'none' ? agent : path(agent) }),
    userKnownHostsFiles: files('userknownhostsfile', defaults.userKnownHostsFiles),
    globalKnownHostsFiles: files('globalknownhostsfile', defaults.globalKnownHostsFiles),
    ...(hostKeyAlias ? { hostKeyAlias } : {}),
    strictHostKeyChecking: strictness(first('stricthostkeychecking')),
    unsupported,
  };
}

/** One of the patterns matches and no "!" pattern does (case-insensitive, like ssh's lower-cased host). */
function hostLineMatches(patterns: string[], alias: string): boolean {
  let matched = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).toLowerCase();
    if (!matchesWildcard(alias, pattern)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function strictness(value: string | undefined): StrictHostKeyChecking {
  switch (value?.toLowerCase()) {
    case 'yes':
    case 'true':
      return 'yes';
    case 'no':
    case 'false':
    case 'off':
      return 'no';
    case 'accept-new':
      return 'accept-new';
    default:
      return 'ask';
  }
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,5}$/.test(value)) return undefined;
  const port = Number(value);
  return port > 0 && port < 65536 ? port : undefined;
}

/** ssh's %-tokens; an unknown token is left as written. */
function expandTokens(text: string, tokens: Record<string, string>): string {
  return text.replace(/%(.)/g, (whole, t: string) => tokens[t] ?? whole);
}

function expandHome(path: string, homeDir: string): string {
  if (path === '~') return homeDir;
  return path.startsWith('~/') ? join(homeDir, path.slice(2)) : path;
}

/** An Include argument as the files it names; wildcards only in the last path part (config.d/*). */
function expandInclude(arg: string, includeBase: string, homeDir: string, fs: Pick<FileView, 'listFiles'>): string[] {
  const home = expandHome(arg, homeDir);
  const full = isAbsolute(home) ? home : join(includeBase, home);
  const dir = dirname(full);
  const name = basename(full);
  if (/[*?]/.test(dir)) return [];
  if (!/[*?]/.test(name)) return [full];
  return fs
    .listFiles(dir)
    .filter((f) => matchesWildcard(f, name))
    .sort()
    .map((f) => join(dir, f));
}
