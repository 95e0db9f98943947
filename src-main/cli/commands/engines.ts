// `barnacle engines`: every engine on this computer, which one the docker CLI
// would use now and why, and whether each answers. Pings run side by side, each
// bounded, so one silent tcp:// or ssh:// address cannot hold up the list.

import type { Endpoint } from '../../../src-shared/model';
import type { Phrase } from '../../../src-shared/phrase';
import { connect, ConnectionFailure } from '../../engine/connection';
import { discoverEndpoints, listContexts } from '../../engine/discovery';
import type { GlobalOptions } from '../args';
import { EXIT_OK } from '../cli-error';
import { renderEngines } from '../format/engines-text';
import { printResult, type CliIo } from '../io';
import { resolveTarget } from '../target';
import type { EngineReport } from '../json-output';

const PING_TIMEOUT_MS = 5000;

/** Connects with a bound on the wait; also the test `engines add` runs before writing. */
export async function testConnection(
  endpoint: Endpoint,
): Promise<Pick<EngineReport, 'state' | 'engine' | 'message'> & { says?: Phrase }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS / 1000} s`)), PING_TIMEOUT_MS);
  });
  try {
    const connection = await Promise.race([connect(endpoint), timeout]);
    return { state: 'connected', engine: connection.engine };
  } catch (err) {
    if (err instanceof ConnectionFailure) {
      const { state, message } = err.health;
      return { state, message, ...('says' in err.health && err.health.says ? { says: err.health.says } : {}) };
    }
    return { state: 'unreachable', message: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

async function ping(endpoint: Endpoint): Promise<Pick<EngineReport, 'state' | 'engine' | 'message'>> {
  // The list's --json keeps its English message only.
  const { state, engine, message } = await testConnection(endpoint);
  return { state, ...(engine ? { engine } : {}), ...(message !== undefined ? { message } : {}) };
}

export async function listEngines(global: GlobalOptions, io: CliIo): Promise<number> {
  const place = { env: io.env, homeDir: io.homeDir, platform: io.platform };
  const current = resolveTarget(global, io);
  const found = await discoverEndpoints(place);
  const endpoints = [current, ...found.filter((e) => e.host !== current.host)];
  const reports: EngineReport[] = await Promise.all(
    endpoints.map(async (endpoint) => ({ ...endpoint, current: endpoint === current, ...(await ping(endpoint)) })),
  );
  // Contexts that cannot be used are not endpoints, but people look for them here.
  for (const context of listContexts(place)) {
    if (!context.error) continue;
    reports.push({
      host: context.host,
      label: context.name,
      source: 'discovered',
      contextName: context.name,
      current: false,
      state: 'context-error',
      message: context.error,
    });
  }
  printResult(io, global.json, reports, renderEngines);
  return EXIT_OK;
}
