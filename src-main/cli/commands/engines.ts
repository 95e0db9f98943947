// `barnacle engines`: every engine on this computer, which one the docker CLI
// would use now and why, and whether each answers. Pings run side by side, each
// bounded, so one silent tcp:// or ssh:// address cannot hold up the list.

import type { Endpoint } from '../../../src-shared/model';
import { testConnection } from '../../engine/test-connection';
import { discoverEndpoints, listContexts } from '../../engine/discovery';
import type { GlobalOptions } from '../args';
import { EXIT_OK } from '../cli-error';
import { renderEngines } from '../format/engines-text';
import { printResult, type CliIo } from '../io';
import { resolveTarget } from '../target';
import type { EngineReport } from '../json-output';

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
