// `barnacle engines add|rm`: a docker context written or removed in $DOCKER_CONFIG
// (default ~/.docker), so the docker CLI sees the same engine. `add` checks the TLS
// files and, unless --no-test, connects with exactly what it is about to write
// before writing anything: a context that cannot work is never left behind.

import { join } from 'node:path';
import { phrase } from '../../../src-shared/phrase';
import { PhraseError, saysOf } from '../../../src-shared/phrase-error';
import { translate } from '../../../src-shared/messages/translate';
import type { Endpoint, EngineInfo } from '../../../src-shared/model';
import { contextMetaPath, dockerConfigDir, readCurrentContextName } from '../../engine/context-store';
import { contextDirs, removeContextDirs, writeDockerContext } from '../../engine/context-writer';
import { nodeFileView } from '../../engine/file-view';
import { readTlsFiles } from '../../engine/tls-files';
import type { EnginesAddCommand, EnginesRmCommand } from '../engines-args';
import { CliError, EXIT_OK, saying } from '../cli-error';
import { printResult, type CliIo } from '../io';
import { cliLocale } from '../locale';
import { testConnection } from '../../engine/test-connection';
import { existsSync } from 'node:fs';

export interface AddedContext {
  name: string;
  host: string;
  metaFile: string;
  /** What the connection test found; absent with --no-test. */
  engine?: EngineInfo;
}

/** A refusal about the context itself (exists, in use, bad file): exit 1, in the CLI's language. */
function refused(err: unknown): CliError {
  const { message, says } = saysOf(err);
  return new CliError(says ? saying('validation', says) : { kind: 'validation', message });
}

export async function addEngine(command: EnginesAddCommand, json: boolean, io: CliIo): Promise<number> {
  const configDir = dockerConfigDir(io.env, io.homeDir);
  // Also checked when writing; here so that a taken name costs no connection test.
  const existing = contextDirs(configDir, command.context).find((dir) => existsSync(dir));
  if (existing) throw refused(new PhraseError(phrase('contexts.exists', { name: command.context, file: existing })));
  let tls;
  try {
    tls = readTlsFiles(command.tls);
  } catch (err) {
    throw refused(err);
  }
  const added: AddedContext = {
    name: command.context,
    host: command.host,
    metaFile: contextMetaPath(configDir, command.context),
  };
  if (command.test) {
    // The original files, as the written context will hold copies of them.
    const endpoint: Endpoint = { host: command.host, label: command.context, source: 'user' };
    if (Object.keys(tls).length > 0 || command.skipTlsVerify) {
      endpoint.tls = { ...command.tls, verify: !command.skipTlsVerify };
    }
    const found = await testConnection(endpoint);
    if (!found.engine) {
      const problem = found.says ?? found.message ?? found.state;
      throw new CliError(
        saying(
          'engine-unreachable',
          phrase('contexts.testFailed', { host: command.host, name: command.context, problem }),
        ),
      );
    }
    added.engine = found.engine;
  }
  try {
    added.metaFile = writeDockerContext(configDir, {
      name: command.context,
      host: command.host,
      skipTlsVerify: command.skipTlsVerify,
      tls,
    });
  } catch (err) {
    throw refused(err);
  }
  printResult(io, json, added, (a) => renderAdded(a, io));
  return EXIT_OK;
}

function renderAdded(added: AddedContext, io: CliIo): string {
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
  const configDir = dockerConfigDir(io.env, io.homeDir);
  const name = command.context;
  const metaFile = contextMetaPath(configDir, name);
  if (!existsSync(metaFile)) throw refused(new PhraseError(phrase('contexts.notFound', { name, file: metaFile })));
  // The docker CLI refuses the same without --force: its next command would find no engine.
  if (readCurrentContextName(configDir, nodeFileView) === name) {
    throw refused(new PhraseError(phrase('contexts.inUse', { name, file: join(configDir, 'config.json') })));
  }
  const removed = removeContextDirs(configDir, name);
  printResult(
    io,
    json,
    { name, removed },
    () => `${translate(cliLocale(io.env), 'contexts.removed', { name, dirs: removed.join(', ') })}\n`,
  );
  return Promise.resolve(EXIT_OK);
}
