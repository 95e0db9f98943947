// `barnacle engines add NAME --host URL [TLS flags] [--no-test]` and `barnacle
// engines rm NAME`, read into commands. Pure: the files named are read later,
// by the command (engine/tls-files.ts). Every contradiction is a usage error.

import { phrase } from '../../src-shared/phrase';
import { saysOf } from '../../src-shared/phrase-error';
import { checkContextName } from '../engine/context-writer';
import { checkTlsChoice, type TlsFilePaths } from '../engine/tls-files';

import { usageError } from './cli-error';

export interface EnginesAddCommand {
  name: 'engines-add';
  context: string;
  /** Normalised as the docker CLI would (global --host). */
  host: string;
  tls: TlsFilePaths;
  skipTlsVerify: boolean;
  /** Connect before writing (unless --no-test). */
  test: boolean;
}

export interface EnginesRmCommand {
  name: 'engines-rm';
  context: string;
}

export interface EnginesFlags {
  host?: string;
  context?: string;
  'tls-ca'?: string;
  'tls-cert'?: string;
  'tls-key'?: string;
  'tls-skip-verify'?: boolean;
  'no-test'?: boolean;
}

export const enginesAddOptions = ['tls-ca', 'tls-cert', 'tls-key', 'tls-skip-verify', 'no-test'] as const;

function oneName(verb: string, rest: string[]): string {
  if (rest.length !== 1) throw usageError(phrase('contexts.oneName', { verb }));
  const name = rest[0]!;
  try {
    checkContextName(name);
  } catch (err) {
    const { message, says } = saysOf(err);
    throw usageError(says ?? phrase('cli.usage.badCommandLine', { said: message }));
  }
  return name;
}

export function enginesAdd(rest: string[], flags: EnginesFlags): EnginesAddCommand {
  // --context names the engine a command talks to; here the new one is named by NAME.
  if (flags.context !== undefined)
    throw usageError(phrase('cli.usage.notForCommand', { command: 'engines add', option: 'context' }));
  const context = oneName('add', rest);
  if (flags.host === undefined) throw usageError(phrase('contexts.needsHost'));
  const host = flags.host;
  const tls: TlsFilePaths = {};
  if (flags['tls-ca'] !== undefined) tls.caPath = flags['tls-ca'];
  if (flags['tls-cert'] !== undefined) tls.certPath = flags['tls-cert'];
  if (flags['tls-key'] !== undefined) tls.keyPath = flags['tls-key'];
  const skipTlsVerify = flags['tls-skip-verify'] ?? false;
  // The global --host parsing has checked the address already.
  try {
    checkTlsChoice(host, tls, skipTlsVerify);
  } catch (err) {
    const { message, says } = saysOf(err);
    throw usageError(says ?? phrase('cli.usage.badCommandLine', { said: message }));
  }
  for (const [option, path] of [
    ['tls-ca', tls.caPath],
    ['tls-cert', tls.certPath],
    ['tls-key', tls.keyPath],
  ] as const) {
    if (path !== undefined && path.trim() === '')
      throw usageError(phrase('cli.usage.optionNeedsValue', { option: `--${option}` }));
  }
  return { name: 'engines-add', context, host, tls, skipTlsVerify, test: !(flags['no-test'] ?? false) };
}

export function enginesRm(rest: string[], flags: EnginesFlags): EnginesRmCommand {
  if (flags.host !== undefined)
    throw usageError(phrase('cli.usage.notForCommand', { command: 'engines rm', option: 'host' }));
  if (flags.context !== undefined)
    throw usageError(phrase('cli.usage.notForCommand', { command: 'engines rm', option: 'context' }));
  return { name: 'engines-rm', context: oneName('rm', rest) };
}
