// Which engine a command talks to: exactly the one the docker CLI would, for the
// same --host / --context, environment and config directory.

import type { Endpoint } from '../../src-shared/model';
import { connect, type EngineConnection } from '../engine/connection';
import { ContextNotFoundError } from '../engine/context-store';
import { resolveEndpoint } from '../engine/endpoint-resolution';
import type { GlobalOptions } from './args';
import { CliError } from './cli-error';
import { saysOf } from '../../src-shared/phrase-error';
import type { CliIo } from './io';

export function resolveTarget(global: GlobalOptions, io: CliIo): Endpoint {
  try {
    return resolveEndpoint({
      ...(global.host !== undefined ? { hostFlag: global.host } : {}),
      ...(global.context !== undefined ? { contextFlag: global.context } : {}),
      env: io.env,
      homeDir: io.homeDir,
      platform: io.platform,
    });
  } catch (err) {
    // A missing context keeps its own class (toCliError names it); a bad address or TLS
    // setting in the environment or a stored context is a configuration problem.
    if (err instanceof ContextNotFoundError) throw err;
    throw new CliError({ kind: 'engine-unreachable', ...saysOf(err) });
  }
}

/** Resolves and connects; throws ContextNotFoundError, ConnectionFailure or CliError. */
export function connectTarget(global: GlobalOptions, io: CliIo): Promise<EngineConnection> {
  return connect(resolveTarget(global, io));
}
