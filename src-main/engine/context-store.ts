// Reads the docker CLI's context store, laid out as docker/cli `cli/context/store` writes it:
//   $DOCKER_CONFIG/config.json                          → "currentContext"
//   $DOCKER_CONFIG/contexts/meta/<sha256(name)>/meta.json → Name, Metadata.Description,
//                                                         Endpoints.docker.{Host,SkipTLSVerify}
//   $DOCKER_CONFIG/contexts/tls/<sha256(name)>/docker/{ca,cert,key}.pem
// Read-only: Barnacle never edits the user's contexts.

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { PhraseError } from '../../src-shared/phrase-error';
import { phrase, type PhraseParam } from '../../src-shared/phrase';
import type { FileView } from './file-view';

/** The context that means "no context": DOCKER_HOST or the platform default. */
export const DEFAULT_CONTEXT_NAME = 'default';

/** `$DOCKER_CONFIG`, else `~/.docker` — the CLI's config.Dir(). */
export function dockerConfigDir(env: Record<string, string | undefined>, homeDir: string): string {
  return env.DOCKER_CONFIG || join(homeDir, '.docker');
}

/** The directory name the CLI gives a context: the hex sha256 of its name (go-digest FromString). */
export function contextDirName(name: string): string {
  return createHash('sha256').update(name, 'utf8').digest('hex');
}

export function contextMetaPath(configDir: string, name: string): string {
  return join(configDir, 'contexts', 'meta', contextDirName(name), 'meta.json');
}

export function contextTlsDir(configDir: string, name: string): string {
  return join(configDir, 'contexts', 'tls', contextDirName(name), 'docker');
}

/**
 * `currentContext` from config.json, or undefined. Like the CLI, an unreadable or
 * malformed config.json counts as "no current context" (the CLI only prints a warning).
 */
export function readCurrentContextName(configDir: string, fs: FileView): string | undefined {
  const text = fs.readText(join(configDir, 'config.json'));
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    const current = (parsed as { currentContext?: unknown } | null)?.currentContext;
    return typeof current === 'string' && current !== '' ? current : undefined;
  } catch {
    return undefined;
  }
}

export interface StoredContext {
  name: string;
  description: string | undefined;
  /** Endpoints.docker.Host as stored; '' when the context has a docker endpoint without a host. */
  host: string;
  skipTlsVerify: boolean;
  tls: { caPath?: string; certPath?: string; keyPath?: string };
}

/** A context that is named somewhere (flag, env, config.json) but has no meta.json. */
export class ContextNotFoundError extends PhraseError {
  constructor(
    readonly contextName: string,
    readonly metaPath: string,
    /** A flag or variable name, or a phrase naming config.json. */
    chosenBy: PhraseParam,
  ) {
    super(phrase('address.contextNotFound', { context: contextName, chosenBy, file: metaPath }));
    this.name = 'ContextNotFoundError';
  }
}

/** Reads one context, or undefined when its meta.json is absent. Throws when it is unusable. */
export function readStoredContext(configDir: string, name: string, fs: FileView): StoredContext | undefined {
  const metaPath = contextMetaPath(configDir, name);
  const text = fs.readText(metaPath);
  if (text === undefined) return undefined;
  return parseMeta(text, metaPath, name, contextTlsDir(configDir, name), fs);
}

function parseMeta(text: string, metaPath: string, fallbackName: string, tlsDir: string, fs: FileView): StoredContext {
  let meta: {
    Name?: unknown;
    Metadata?: { Description?: unknown } | null;
    Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } | null } | null;
  };
  try {
    meta = JSON.parse(text) as typeof meta;
  } catch (err) {
    // JSON.parse's own words stay as they are, like an engine's.
    throw new PhraseError(phrase('address.contextUnreadable', { file: metaPath, said: (err as Error).message }));
  }
  const name = typeof meta?.Name === 'string' && meta.Name ? meta.Name : fallbackName;
  const docker = meta?.Endpoints?.docker;
  // The CLI's own words when a context carries no docker endpoint (e.g. a kubernetes-only one).
  if (!docker || typeof docker !== 'object')
    throw new PhraseError(phrase('address.noDockerEndpoint', { context: name }));
  const description = meta.Metadata?.Description;
  return {
    name,
    description: typeof description === 'string' && description ? description : undefined,
    host: typeof docker.Host === 'string' ? docker.Host : '',
    skipTlsVerify: docker.SkipTLSVerify === true,
    tls: readTlsFiles(tlsDir, fs),
  };
}

function readTlsFiles(dir: string, fs: FileView): StoredContext['tls'] {
  const present = (file: string) => (fs.fileExists(join(dir, file)) ? join(dir, file) : undefined);
  const tls: StoredContext['tls'] = {};
  const caPath = present('ca.pem');
  const certPath = present('cert.pem');
  const keyPath = present('key.pem');
  if (caPath) tls.caPath = caPath;
  if (certPath) tls.certPath = certPath;
  if (keyPath) tls.keyPath = keyPath;
  return tls;
}

/** Every context directory in the store, readable or not, in the CLI's (natural) name order. */
export function readAllStoredContexts(
  configDir: string,
  fs: FileView,
): { name: string; context?: StoredContext; error?: string }[] {
  const metaRoot = join(configDir, 'contexts', 'meta');
  const found: { name: string; context?: StoredContext; error?: string }[] = [];
  for (const dir of fs.listDirs(metaRoot)) {
    const metaPath = join(metaRoot, dir, 'meta.json');
    const text = fs.readText(metaPath);
    if (text === undefined) continue;
    try {
      const context = parseMeta(text, metaPath, dir, join(configDir, 'contexts', 'tls', dir, 'docker'), fs);
      found.push({ name: context.name, context });
    } catch (err) {
      found.push({ name: nameFromBrokenMeta(text) ?? dir, error: (err as Error).message });
    }
  }
  const collator = new Intl.Collator('en', { numeric: true });
  return found.sort((a, b) => collator.compare(a.name, b.name));
}

function nameFromBrokenMeta(text: string): string | undefined {
  try {
    const name = (JSON.parse(text) as { Name?: unknown } | null)?.Name;
    return typeof name === 'string' && name ? name : undefined;
  } catch {
    return undefined;
  }
}
