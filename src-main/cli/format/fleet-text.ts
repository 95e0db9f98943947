// `barnacle fleet …` for people: one line per engine with its totals, a plan
// grouped by engine (each engine's plan as `barnacle plan` shows it, its
// commands aimed at that engine), and each engine's result.

import type { FleetOverview, FleetPlan, FleetRunReport } from '../../../src-shared/fleet';
import { formatBytes } from '../../../src-shared/format';
import { intlLocaleOf, say, translate, type Locale } from '../../../src-shared/messages/translate';
import type { Endpoint } from '../../../src-shared/model';
import { renderPlan } from './plan-text';
import { table } from './table';
import { formatAge } from './units';

const nameOf = (endpoint: Pick<Endpoint, 'label' | 'contextName' | 'host'>) =>
  endpoint.contextName ?? endpoint.label ?? endpoint.host;

const problemOf = (locale: Locale, error: { message: string; says?: Parameters<typeof say>[1] }) =>
  error.says ? say(locale, error.says) : error.message;

export function renderFleet(overview: FleetOverview, locale: Locale, usageWaitSeconds: number): string {
  const t = (key: string, params = {}) => translate(locale, key, params);
  const bytes = (n: number) => formatBytes(n, intlLocaleOf(locale));
  const rows = overview.engines.map((e) => {
    const usage = e.usage;
    const disk = usage
      ? usage.images.total + usage.containers.total + usage.volumes.total + usage.buildCache.total
      : null;
    const reclaimable = usage
      ? usage.images.reclaimable +
        usage.containers.reclaimable +
        usage.volumes.reclaimable +
        usage.buildCache.reclaimable
      : null;
    const last = e.lastCleanup;
    return [
      nameOf(e.endpoint),
      e.health.replace(/-/g, ' '),
      e.engine ? `${e.engine.kind} ${e.engine.version} (${e.engine.imageStore})` : '-',
      e.lists ? `${e.lists.images} (${bytes(e.lists.imageBytes)})` : '-',
      e.lists ? `${e.lists.containers} / ${e.lists.running}` : '-',
      disk === null ? '-' : bytes(disk),
      reclaimable === null ? '-' : bytes(reclaimable),
      last
        ? t('fleetCli.cleanup', { age: formatAge(last.at / 1000, overview.at, locale), size: bytes(last.bytesFreed) })
        : t('fleetCli.never'),
    ];
  });
  const { totals } = overview;
  rows.push([
    t('fleetCli.total', { count: totals.engines }),
    t('fleetCli.connectedOf', { connected: totals.connected, count: totals.engines }),
    '',
    `${totals.images} (${bytes(totals.imageBytes)})`,
    `${totals.containers} / ${totals.running}`,
    totals.usageFrom ? bytes(totals.diskBytes) : '-',
    totals.usageFrom ? bytes(totals.reclaimable) : '-',
    '',
  ]);
  const heads = ['engine', 'state', 'product', 'images', 'containers', 'disk', 'reclaimable', 'lastCleanup'].map((h) =>
    t(`fleetCli.head.${h}`),
  );
  const notes: string[] = [];
  for (const e of overview.engines) {
    const name = nameOf(e.endpoint);
    if (e.health !== 'connected') {
      notes.push(t('fleetCli.why', { name, problem: e.says ? say(locale, e.says) : (e.message ?? e.health) }));
    } else if (!e.usage) notes.push(t('fleetCli.usageSlow', { name, seconds: usageWaitSeconds }));
  }
  if (totals.usageFrom < totals.engines)
    notes.push(t('fleetCli.usageFrom', { from: totals.usageFrom, count: totals.engines }));
  return table(heads, rows) + (notes.length ? `\n${notes.join('\n')}\n` : '');
}

export function renderFleetPlan(fleetPlan: FleetPlan, locale: Locale, savedTo?: string): string {
  const t = (key: string, params = {}) => translate(locale, key, params);
  const blocks = fleetPlan.parts.map((part) => {
    const head = `${t('fleetCli.plan.part', { name: nameOf(part.endpoint), host: part.endpoint.host })}\n`;
    if ('error' in part) return `${head}${t('fleetCli.plan.noPlan', { problem: problemOf(locale, part.error) })}\n`;
    return head + renderPlan({ ...part.plan, commands: part.commands }, locale);
  });
  const planned = fleetPlan.parts.filter((p) => 'plan' in p).length;
  const total = t(fleetPlan.exact ? 'fleetCli.plan.total' : 'fleetCli.plan.totalAbout', {
    steps: fleetPlan.steps,
    engines: planned,
    count: fleetPlan.parts.length,
    size: formatBytes(fleetPlan.bytesFreed, intlLocaleOf(locale)),
  });
  const saved = savedTo ? `${t('fleetCli.plan.saved', { file: savedTo })}\n` : '';
  return `${blocks.join('\n')}\n${total}\n${saved}`;
}

export function renderFleetRun(report: FleetRunReport, fleetPlan: FleetPlan, locale: Locale): string {
  const t = (key: string, params = {}) => translate(locale, key, params);
  const bytes = (n: number) => formatBytes(n, intlLocaleOf(locale));
  const names = new Map(fleetPlan.parts.map((p) => [p.endpoint.host, nameOf(p.endpoint)]));
  const lines = report.parts.map((part) => {
    const name = names.get(part.host) ?? part.host;
    const result =
      'report' in part
        ? t(part.report.finished ? 'fleetCli.apply.freed' : 'fleetCli.apply.unfinished', {
            size: bytes(part.report.bytesFreed),
          })
        : t('fleetCli.apply.failed', { problem: problemOf(locale, part.error) });
    return t('fleetCli.apply.part', { name, result });
  });
  const ran = report.parts.filter((p) => 'report' in p).length;
  lines.push('', t('fleetCli.apply.total', { size: bytes(report.bytesFreed), engines: ran }));
  return `${lines.join('\n')}\n`;
}
