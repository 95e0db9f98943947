// `barnacle engines` for people: the current engine starred, why it is current,
// and what each engine answered.

import type { EndpointSource } from '../../../src-shared/model';
import type { EngineReport } from '../json-output';
import { table } from './table';

const whyCurrent: Record<EndpointSource, string> = {
  'flag-host': '--host',
  'flag-context': '--context',
  'env-docker-host': 'DOCKER_HOST',
  'env-docker-context': 'DOCKER_CONTEXT',
  'config-current-context': 'currentContext in config.json',
  default: 'default (nothing set)',
  discovered: 'found on this computer',
  user: 'chosen',
};

function status(report: EngineReport): string {
  if (report.engine) return `${report.engine.kind} ${report.engine.version} (API ${report.engine.apiVersion})`;
  return `${report.state.replace(/-/g, ' ')}`;
}

export function renderEngines(reports: EngineReport[]): string {
  const rows = reports.map((r) => [
    r.current ? '*' : '',
    // An address with no product name behind it is labelled by itself: say it once.
    r.label === r.host ? (r.contextName ?? '-') : r.label,
    r.host || '-',
    whyCurrent[r.source],
    status(r),
  ]);
  const notes = reports
    .filter((r) => r.message)
    .map((r) => `${r.label}: ${r.message}`)
    .join('\n');
  return table(['', 'NAME', 'ADDRESS', 'FROM', 'ENGINE'], rows) + (notes ? `\n${notes}\n` : '');
}
