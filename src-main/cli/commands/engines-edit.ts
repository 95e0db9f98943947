// `barnacle engines add|rm`: a docker context written or removed in $DOCKER_CONFIG
// (default ~/.docker), so the docker CLI sees the same engine. The work is
// engine/context-edits.ts, shared with Settings; here only the CLI's words and output.

import { phrase } from '../../../src-shared/phrase';
import { saysOf } from '../../../src-shared/phrase-error';
import { translate } from '../../../src-shared/messages/translate';
import type { AddedEngine } from '../../../src-shared/engine-contexts';
import { dockerConfigDir } from '../../engine/context-store';
import { addContext, ConnectionTestFailed, removeContext } from '../../engine/context-edits';
import type { EnginesAddCommand, EnginesRmCommand } from '../engines-args';
import { CliError, EXIT_OK, saying } from '../cli-error';
import { printResult, type CliIo } from '../io';
import { cliLocale } from '../locale';

/** A refusal about the context itself (exists, in use, bad file): exit 1, in the CLI's language. */
function refused(err: unknown): CliError {
  const { message, says } = saysOf(err);
  return new CliError(says ? saying('validation', says) : { kind: 'validation', message });
}

export async function addEngine(command: EnginesAddCommand, json: boolean, io: CliIo): Promise<number> {
  let added: AddedEngine;
  try {
    added = await addContext({
      configDir: dockerConfigDir(io.env, io.homeDir),
      name: command.context,
      host: command.host,
      tls: command.tls,
      skipTlsVerify: command.skipTlsVerify,
      test: command.test,
    });
  } catch (err) {
    if (err instanceof ConnectionTestFailed) {
      throw new CliError(
        saying(
          'engine-unreachable',
          phrase('contexts.testFailed', { host: err.host, name: err.context, problem: err.problem }),
        ),
      );
    }
    throw refused(err);
  }
  printResult(io, json, added, (a) => renderAdded(a, io));
  return EXIT_OK;
}

function renderAdded(added: AddedEngine, io: CliIo): string {
  const locale = cliLocale(io.env);
  const { engine } = added;
  const lines = [
    translate(locale, 'contexts.added', { name: added.name, host: added.host, file: added.metaFile }),
    engine
      ? translate(locale, 'contexts.addedTested', {
          engine: `${engine.kind} ${engine.version} (API ${engine.apiVersion})`,
        })
      : translate(locale, 'contexts.addedUntested'),
    translate(locale, 'contexts.addedUse', { name: added.name }),
  ];
  return `${lines.join('\n')}\n`;
}

export function removeEngine(command: EnginesRmCommand, json: boolean, io: CliIo): Promise<number> {
  const name = command.context;
  let removed: string[];
  try {
    removed = removeContext(dockerConfigDir(io.env, io.homeDir), name);
  } catch (err) {
    throw refused(err);
  }
  printResult(
    io,
    json,
    { name, removed },
    () => `${translate(cliLocale(io.env), 'contexts.removed', { name, dirs: removed.join(', ') })}\n`,
  );
  return Promise.resolve(EXIT_OK);
}
