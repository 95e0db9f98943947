// Writes and removes docker contexts exactly as `docker context create` / `docker
// context rm` lay them out (the reader is context-store.ts), so an engine added in
// Barnacle is one the docker CLI sees too. Only the two folders named by the
// context's hash are ever created or deleted; config.json is only read.

import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PhraseError } from '../../src-shared/phrase-error';
import { phrase } from '../../src-shared/phrase';
import { DEFAULT_CONTEXT_NAME, contextDirName, contextMetaPath, contextTlsDir } from './context-store';

// docker/cli cli/context/store: restrictedNamePattern.
export const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$/;

/** Throws a PhraseError for a name the docker CLI would refuse. */
export function checkContextName(name: string): void {
  if (name === '') throw new PhraseError(phrase('contexts.nameEmpty'));
  if (name === DEFAULT_CONTEXT_NAME) throw new PhraseError(phrase('contexts.nameReserved', { name }));
  if (!NAME_PATTERN.test(name)) throw new PhraseError(phrase('contexts.nameInvalid', { name }));
}

export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

export interface NewContext {
  name: string;
  /** Normalised already (host-address.ts). */
  host: string;
  skipTlsVerify: boolean;
  tls: TlsMaterial;
}

/** meta.json as the CLI writes it: Metadata is an empty object when there is no description. */
export function contextMetaJson(context: Pick<NewContext, 'name' | 'host' | 'skipTlsVerify'>): string {
  return JSON.stringify({
    Name: context.name,
    Metadata: {},
    Endpoints: { docker: { Host: context.host, SkipTLSVerify: context.skipTlsVerify } },
  });
}

/**
 * Writes the context; refuses a name whose folders exist (a leftover TLS folder too:
 * its files would be mixed with the new ones). Returns meta.json's path.
 */
export function writeDockerContext(configDir: string, context: NewContext): string {
  checkContextName(context.name);
  const metaPath = contextMetaPath(configDir, context.name);
  const existing = contextDirs(configDir, context.name).find((dir) => existsSync(dir));
  if (existing) throw new PhraseError(phrase('contexts.exists', { name: context.name, file: existing }));
  const [metaDir = '', tlsRoot = ''] = contextDirs(configDir, context.name);
  const created: string[] = [];
  try {
    const files = Object.entries({
      'ca.pem': context.tls.ca,
      'cert.pem': context.tls.cert,
      'key.pem': context.tls.key,
    });
    if (files.some(([, data]) => data)) {
      const tlsDir = contextTlsDir(configDir, context.name);
      // The CLI keeps TLS files private to the user: the key must never be readable by others.
      // Modes as the docker CLI leaves them: contexts/ 0755, everything under contexts/tls/ 0700.
      mkdirSync(join(configDir, 'contexts'), { recursive: true, mode: 0o755 });
      mkdirSync(dirname(tlsRoot), { recursive: true, mode: 0o700 });
      mkdirSync(tlsRoot, { mode: 0o700 });
      created.push(tlsRoot);
      mkdirSync(tlsDir, { mode: 0o700 });
      for (const [file, data] of files) if (data) writeFileSync(join(tlsDir, file), data, { mode: 0o600 });
    }
    mkdirSync(dirname(metaDir), { recursive: true, mode: 0o755 });
    // Not recursive: a context created meanwhile by another process makes this fail, not merge.
    mkdirSync(metaDir, { mode: 0o755 });
    created.push(metaDir);
    // meta.json last: until it exists, nothing reads the context.
    writeFileSync(metaPath, contextMetaJson(context), { mode: 0o644 });
  } catch (err) {
    // Only what this call made: a folder another process made meanwhile stays.
    for (const dir of created) rmSync(dir, { recursive: true, force: true });
    const { code, path } = err as NodeJS.ErrnoException;
    if (code === 'EEXIST' && path === metaDir)
      throw new PhraseError(phrase('contexts.exists', { name: context.name, file: metaDir }));
    throw new PhraseError(phrase('contexts.writeFailed', { dir: configDir, said: (err as Error).message }));
  }
  return metaPath;
}

/** The two folders a context owns (whether they exist or not). */
export function contextDirs(configDir: string, name: string): string[] {
  const hash = contextDirName(name);
  return [join(configDir, 'contexts', 'meta', hash), join(configDir, 'contexts', 'tls', hash)];
}

/** Removes the context's folders; returns those that existed. */
export function removeContextDirs(configDir: string, name: string): string[] {
  const present = contextDirs(configDir, name).filter((dir) => existsSync(dir));
  for (const dir of present) rmSync(dir, { recursive: true, force: true });
  return present;
}
