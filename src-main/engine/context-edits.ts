// Adding and removing a docker context, the one implementation behind `barnacle
// engines add|rm` and the Settings screen's Engines section. Adding checks the TLS
// choice and files and, unless told not to, connects with exactly what it is about
// to write before writing anything: a context that cannot work is never left
// behind. Removing deletes only the context's own two folders (never config.json,
// never anything on an engine), and refuses the context the docker CLI uses.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { phrase, type PhraseParam } from '../../src-shared/phrase';
import { PhraseError } from '../../src-shared/phrase-error';
import type { AddedEngine, EngineContextEntry } from '../../src-shared/engine-contexts';
import type { Endpoint } from '../../src-shared/model';
import {
  DEFAULT_CONTEXT_NAME,
  contextMetaPath,
  readAllStoredContexts,
  readCurrentContextName,
  readStoredContext,
} from './context-store';
import { contextDirs, removeContextDirs, writeDockerContext } from './context-writer';
import { nodeFileView } from './file-view';
import { normalizeDockerHost } from './host-address';
import { testConnection, type ConnectionTest } from './test-connection';
import { checkTlsChoice, readTlsFiles, type TlsFilePaths, type TlsOptionNames } from './tls-files';

export interface ContextAddition {
  /** $DOCKER_CONFIG (default ~/.docker), given by the caller: never read here from the environment. */
  configDir: string;
  name: string;
  /** tcp://, ssh:// or unix://; normalised as the docker CLI would. */
  host: string;
  tls: TlsFilePaths;
  skipTlsVerify: boolean;
  /** Connect first, and write nothing if that fails. */
  test: boolean;
  /** How refusals name the TLS files: the CLI's flags by default, the form's labels in Settings. */
  options?: TlsOptionNames;
  /** The connection test's bound (tests shorten it). */
  timeoutMs?: number;
}

/** The connection test before writing failed: nothing was written. Each caller words it its own way. */
export class ConnectionTestFailed extends Error {
  constructor(
    readonly context: string,
    readonly host: string,
    readonly found: ConnectionTest,
  ) {
    super(`testing "${context}" at ${host} failed: ${found.message ?? found.state}`);
    this.name = 'ConnectionTestFailed';
  }

  /** What went wrong, as a phrase when there is one. */
  get problem(): PhraseParam {
    return this.found.says ?? this.found.message ?? this.found.state;
  }
}

/** The endpoint a connection test uses: the original files, as the written context will hold copies of them. */
export function endpointToTest(name: string, host: string, tls: TlsFilePaths, skipTlsVerify: boolean): Endpoint {
  const endpoint: Endpoint = { host, label: name, source: 'user' };
  if (Object.keys(tls).length > 0 || skipTlsVerify) endpoint.tls = { ...tls, verify: !skipTlsVerify };
  return endpoint;
}

/**
 * Checks the choice and the files, then connects (bounded). Refusals about the
 * settings themselves throw a PhraseError; what the engine's side did is the result.
 */
export async function testEngineAddress(
  address: Omit<ContextAddition, 'configDir' | 'name' | 'test'> & { name?: string },
): Promise<ConnectionTest> {
  const host = normalizeDockerHost(address.host, process.platform);
  checkTlsChoice(host, address.tls, address.skipTlsVerify, address.options);
  readTlsFiles(address.tls, undefined, address.options);
  return testConnection(
    endpointToTest(address.name ?? host, host, address.tls, address.skipTlsVerify),
    address.timeoutMs,
  );
}

/** Tests a stored context with what it holds (its address, its TLS files). Refuses one that does not exist. */
export async function testStoredContext(configDir: string, name: string, timeoutMs?: number): Promise<ConnectionTest> {
  const context = readStoredContext(configDir, name, nodeFileView);
  if (!context) throw new PhraseError(phrase('contexts.notFound', { name, file: contextMetaPath(configDir, name) }));
  return testConnection(endpointToTest(name, context.host, context.tls, context.skipTlsVerify), timeoutMs);
}

/**
 * Writes the context as `docker context create` would, after the test unless
 * `test` is false. Throws a PhraseError (name taken or invalid, a TLS choice or
 * file refused, the folder not writable) or ConnectionTestFailed.
 */
export async function addContext(addition: ContextAddition): Promise<AddedEngine> {
  const { configDir, name, skipTlsVerify } = addition;
  const host = normalizeDockerHost(addition.host, process.platform);
  checkTlsChoice(host, addition.tls, skipTlsVerify, addition.options);
  // Also checked when writing; here so that a taken name costs no connection test.
  const existing = contextDirs(configDir, name).find((dir) => existsSync(dir));
  if (existing) throw new PhraseError(phrase('contexts.exists', { name, file: existing }));
  const tls = readTlsFiles(addition.tls, undefined, addition.options);
  const added: AddedEngine = { name, host, metaFile: contextMetaPath(configDir, name) };
  if (addition.test) {
    const found = await testConnection(endpointToTest(name, host, addition.tls, skipTlsVerify), addition.timeoutMs);
    if (!found.engine) throw new ConnectionTestFailed(name, host, found);
    added.engine = found.engine;
  }
  added.metaFile = writeDockerContext(configDir, { name, host, skipTlsVerify, tls });
  return added;
}

/**
 * Removes the context's two folders; returns those that existed. Refuses a context
 * that does not exist, and the one config.json names current (the docker CLI refuses
 * the same without --force: its next command would find no engine).
 */
export function removeContext(configDir: string, name: string): string[] {
  const metaFile = contextMetaPath(configDir, name);
  if (!existsSync(metaFile)) throw new PhraseError(phrase('contexts.notFound', { name, file: metaFile }));
  if (readCurrentContextName(configDir, nodeFileView) === name) {
    throw new PhraseError(phrase('contexts.inUse', { name, file: join(configDir, 'config.json') }));
  }
  return removeContextDirs(configDir, name);
}

/** The stored contexts, in the CLI's order, each marked current or not. */
export function listEditableContexts(configDir: string): EngineContextEntry[] {
  const current = readCurrentContextName(configDir, nodeFileView);
  return readAllStoredContexts(configDir, nodeFileView)
    .filter((c) => c.name !== DEFAULT_CONTEXT_NAME)
    .map(({ name, context, error }) => {
      const entry: EngineContextEntry = {
        name,
        host: context?.host ?? '',
        current: name === current,
        tls: Object.keys(context?.tls ?? {}).length > 0,
        skipTlsVerify: context?.skipTlsVerify ?? false,
      };
      if (context?.description) entry.description = context.description;
      if (error) entry.error = error;
      return entry;
    });
}
