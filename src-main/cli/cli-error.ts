// Every way a CLI run can fail, as the same typed BarnacleError the app shows,
// plus the exit code scripts test: 2 when the command line itself is wrong (or a
// confirmation cannot be asked for), 1 for everything the engine or the plan said.

import { say } from '../../src-shared/messages/translate';
import type { Phrase } from '../../src-shared/phrase';
import type { BarnacleError } from '../../src-shared/errors';
import type { EngineKind } from '../../src-shared/model';
import { classifyFailure, type FailedOperation } from '../conflicts/classify';
import { ConnectionFailure } from '../engine/connection';
import { ContextNotFoundError } from '../engine/context-store';
import { readEngineFailure } from '../engine/engine-error';
import { refusalOf, saysOf } from '../../src-shared/phrase-error';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export class CliError extends Error {
  constructor(
    readonly error: BarnacleError,
    readonly exitCode: number = EXIT_FAILED,
  ) {
    super(error.message);
    this.name = 'CliError';
  }
}

/** A failure the CLI itself finds: English in `message` (for --json), the phrase for people. */
export function saying(kind: BarnacleError['kind'], says: Phrase): BarnacleError {
  return { kind, message: say('en', says), says };
}

/** A command line the CLI cannot take (exit 2), said in the terminal's language. */
export function usageError(says: Phrase): CliError {
  return new CliError(saying('validation', says), EXIT_USAGE);
}

/** Connection health states, as the error kinds scripts can branch on. */
function connectionKind(failure: ConnectionFailure): BarnacleError['kind'] {
  switch (failure.health.state) {
    case 'permission-denied':
      return 'permission-denied';
    case 'api-too-old':
      return 'api-version';
    default:
      return 'engine-unreachable';
  }
}

/** The engine call that failed, so the engine's answer is classified like the app classifies it. */
export interface EngineCallContext {
  operation: FailedOperation;
  engine: EngineKind;
}

/** Anything thrown while a command ran, as a CliError. */
export function toCliError(err: unknown, call?: EngineCallContext): CliError {
  if (err instanceof CliError) return err;
  if (err instanceof ContextNotFoundError) return new CliError({ kind: 'engine-unreachable', ...saysOf(err) });
  if (err instanceof ConnectionFailure) {
    const hostKey = 'hostKey' in err.health ? { hostKey: err.health.hostKey } : {};
    const says = 'says' in err.health && err.health.says ? { says: err.health.says } : {};
    return new CliError({ kind: connectionKind(err), message: err.message, ...says, ...hostKey });
  }
  // Main's own refusals (a stale plan, a "no"): their kind, and their phrase in the CLI's language.
  const refused = refusalOf(err);
  if (refused) return new CliError(refused);
  if (call) {
    return new CliError(classifyFailure(readEngineFailure(err), call));
  }
  return new CliError({ kind: 'unknown', message: err instanceof Error ? err.message : String(err) });
}
