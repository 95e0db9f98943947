// Whether Barnacle accepts an SSH host key, and when it does not, the words and
// terminal commands that let a person decide. Pure, so it is unit-tested.
//
// StrictHostKeyChecking, as Barnacle reads it: Barnacle cannot ask "Are you sure
// you want to continue connecting?" in the middle of a connection, and it never
// writes known_hosts. So "ask" (ssh's default), "yes" and "accept-new" refuse a
// host that is not listed, and the guide says how to list it (`ssh` once
// honours accept-new by itself); "no" accepts an unlisted host for that
// connection, as the user told ssh to for that host. A changed or revoked key
// is refused whatever the setting: ssh itself never connects silently then.

import type { HostKeyFix, HostKeyProblem } from '../../../src-shared/model';
import { say } from '../../../src-shared/messages/translate';
import { phrase, type Phrase } from '../../../src-shared/phrase';
import { shellWord } from '../../../src-shared/shell-word';
import type { HostKeyVerdict } from './known-hosts';
import type { StrictHostKeyChecking } from './ssh-config';

export function acceptsHostKey(verdict: HostKeyVerdict['verdict'], strict: StrictHostKeyChecking): boolean {
  return verdict === 'known' || (verdict === 'unknown' && strict === 'no');
}

/** The host as Barnacle dialled it, and where it looked it up. */
export interface HostKeyContext {
  /** The name in the engine address (an ~/.ssh/config Host alias, or the host itself). */
  alias: string;
  hostName: string;
  port: number;
  user: string;
  knownHostsName: string;
  /** Set when ~/.ssh/config gives a HostKeyAlias: then ssh-keyscan's line would carry the wrong name. */
  hostKeyAlias?: string;
  /** Where `ssh` adds keys: the first UserKnownHostsFile. */
  userKnownHostsFile: string;
}

export function hostKeyProblem(
  result: Exclude<HostKeyVerdict, { verdict: 'known' }>,
  context: HostKeyContext,
  key: { keyType: string; fingerprint: string },
): HostKeyProblem {
  const problem: HostKeyProblem = {
    verdict: result.verdict,
    host: context.hostName,
    port: context.port,
    user: context.user,
    knownHostsName: context.knownHostsName,
    keyType: key.keyType,
    fingerprint: key.fingerprint,
    fixes: fixesFor(result, context, key.keyType),
  };
  if (result.verdict !== 'unknown') problem.knownHostsLine = { file: result.entry.file, line: result.entry.line };
  return problem;
}

function fixesFor(result: HostKeyVerdict, context: HostKeyContext, keyType: string): HostKeyFix[] {
  const onHost = `ssh-keygen -lf /etc/ssh/ssh_host_${hostKeyFileKind(keyType)}_key.pub   # on the host itself`;
  const sshOnce = `ssh -p ${context.port} ${shellWord(`${context.user}@${context.alias}`)}`;
  switch (result.verdict) {
    case 'unknown': {
      const fixes: HostKeyFix[] = [{ value: 'trust', commands: [onHost, sshOnce] }];
      if (!context.hostKeyAlias) {
        const scan = `ssh-keyscan -t ${keyType} -p ${context.port} ${shellWord(context.hostName)}`;
        fixes.push({ value: 'scan', commands: [onHost, `${scan} >> ${shellWord(context.userKnownHostsFile)}`] });
      }
      return fixes;
    }
    case 'changed':
      return [
        {
          value: 'forget',
          commands: [
            onHost,
            `ssh-keygen -R ${shellWord(context.knownHostsName)} -f ${shellWord(result.entry.file)}`,
            sshOnce,
          ],
        },
      ];
    default:
      return [{ value: 'check', commands: [onHost] }];
  }
}

/** The server's key file for a key type: ssh_host_ed25519_key, ssh_host_ecdsa_key, ssh_host_rsa_key. */
function hostKeyFileKind(keyType: string): string {
  if (keyType.startsWith('ecdsa-')) return 'ecdsa';
  if (keyType === 'ssh-rsa') return 'rsa';
  if (keyType === 'ssh-dss') return 'dsa';
  return keyType.replace(/^ssh-/, '');
}

/**
 * What the health banner, the engine dialog and the CLI say, commands included,
 * as a catalogue phrase: the Chinese window shows it in Chinese. The commands,
 * the fingerprint and the file are facts, passed as they are.
 */
export function hostKeyPhrase(problem: HostKeyProblem): Phrase {
  const first = problem.fixes[0]!.commands;
  const facts = {
    where: problem.knownHostsName,
    keyType: problem.keyType,
    fingerprint: problem.fingerprint,
    file: problem.knownHostsLine?.file ?? '',
    line: problem.knownHostsLine?.line ?? 0,
  };
  switch (problem.verdict) {
    case 'unknown': {
      const check = first[0]!.replace(/\s+#.*$/, '');
      const scan = problem.fixes[1]?.commands[1];
      return scan
        ? phrase('health.hostKey.unknownOrScan', { ...facts, check, trust: first[1]!, scan })
        : phrase('health.hostKey.unknown', { ...facts, check, trust: first[1]! });
    }
    case 'changed':
      return phrase('health.hostKey.changed', { ...facts, forget: first[1]!, trust: first[2]! });
    case 'revoked':
      return phrase('health.hostKey.revoked', facts);
  }
}

/** The same in English, for logs and --json. */
export const hostKeyMessage = (problem: HostKeyProblem): string => say('en', hostKeyPhrase(problem));
