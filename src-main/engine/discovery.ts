// Everything on this computer Barnacle could clean: the engine the docker CLI would use
// (first), every docker context, then every known product socket that exists. One entry
// per engine: two addresses that reach the same socket file (e.g. /var/run/docker.sock
// symlinked to Docker Desktop's) are listed once, under the first name found.

import type { Endpoint } from '../../src-shared/model';
import { DEFAULT_CONTEXT_NAME, dockerConfigDir, readAllStoredContexts } from './context-store';
import { resolveEndpoint, chooseContext, type ResolveInput } from './endpoint-resolution';
import { nodeFileView, type FileView } from './file-view';
import { normalizeDockerHost } from './host-address';
import { socketCandidates } from './known-sockets';

export interface DiscoverInput {
  env: Record<string, string | undefined>;
  homeDir: string;
  platform: NodeJS.Platform;
  /** For /run/user/<uid> when XDG_RUNTIME_DIR is unset. Defaults to this process's uid. */
  uid?: number;
  fs?: FileView;
}

export interface ContextSummary {
  name: string;
  /** The docker endpoint's address as stored ('' when it has none, or the context is unreadable). */
  host: string;
  description: string | undefined;
  /** The context the docker CLI would use now. */
  current: boolean;
  /** Why the context cannot be used (bad meta.json, no docker endpoint), as `docker context ls` shows. */
  error?: string;
}

/**
 * Contexts as `docker context ls` lists them: the built-in "default" (DOCKER_HOST or the
 * platform default) first, then the stored ones in name order.
 */
export function listContexts(input: ResolveInput): ContextSummary[] {
  const fs = input.fs ?? nodeFileView;
  let currentName: string | undefined;
  try {
    currentName = chooseContext(input).name;
  } catch {
    currentName = undefined; // --host together with --context: nothing is current
  }
  let defaultHost: string;
  let defaultError: string | undefined;
  try {
    const tlsOn = !!(input.env.DOCKER_TLS_VERIFY || input.env.DOCKER_TLS);
    defaultHost = normalizeDockerHost(input.hostFlag ?? input.env.DOCKER_HOST ?? '', input.platform, tlsOn);
  } catch (err) {
    defaultHost = input.hostFlag ?? input.env.DOCKER_HOST ?? '';
    defaultError = (err as Error).message;
  }
  const builtIn: ContextSummary = {
    name: DEFAULT_CONTEXT_NAME,
    host: defaultHost,
    description: 'Current DOCKER_HOST based configuration',
    current: currentName === DEFAULT_CONTEXT_NAME,
  };
  if (defaultError) builtIn.error = defaultError;
  const stored = readAllStoredContexts(dockerConfigDir(input.env, input.homeDir), fs)
    .filter((c) => c.name !== DEFAULT_CONTEXT_NAME)
    .map(({ name, context, error }): ContextSummary => {
      const summary: ContextSummary = {
        name,
        host: context?.host ?? '',
        description: context?.description,
        current: name === currentName,
      };
      if (error) summary.error = error;
      return summary;
    });
  return [builtIn, ...stored];
}

export async function discoverEndpoints(input: DiscoverInput): Promise<Endpoint[]> {
  const fs = input.fs ?? nodeFileView;
  const found: Endpoint[] = [];
  const current = tryResolve({ env: input.env, homeDir: input.homeDir, platform: input.platform, fs });
  if (current) found.push(current);

  const base = { env: input.env, homeDir: input.homeDir, platform: input.platform, fs };
  for (const context of listContexts(base)) {
    if (context.name === DEFAULT_CONTEXT_NAME || context.error) continue;
    // Resolved as `--context NAME` would be, so TLS material comes along.
    const endpoint = tryResolve({ ...base, contextFlag: context.name });
    if (endpoint) found.push({ ...endpoint, source: 'discovered' });
  }

  for (const candidate of socketCandidates(input, fs)) {
    if (fs.socketExists(candidate.path)) {
      found.push({ host: candidate.host, label: candidate.label, source: 'discovered' });
    }
  }
  return withoutDuplicates(found, fs);
}

/** A broken configuration (missing context, bad address) contributes nothing to the list. */
function tryResolve(input: ResolveInput): Endpoint | undefined {
  try {
    return resolveEndpoint(input);
  } catch {
    return undefined;
  }
}

/** Unix sockets compare by the file they finally reach; other addresses by their text. */
function sameEngineKey(host: string, fs: FileView): string {
  if (!host.startsWith('unix://')) return host;
  const path = host.slice('unix://'.length);
  return `unix://${fs.realPath(path) ?? path}`;
}

function withoutDuplicates(endpoints: Endpoint[], fs: FileView): Endpoint[] {
  const seen = new Set<string>();
  return endpoints.filter((endpoint) => {
    const key = sameEngineKey(endpoint.host, fs);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
