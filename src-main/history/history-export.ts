// A history entry from an executed plan, and the history as CSV for a
// spreadsheet: one row per plan, RFC 4180 quoting, and no cell a spreadsheet
// would run as a formula.

import type { ExecutionReport, HistoryEntry, Plan } from '../../src-shared/plan';

export function historyEntryFrom(plan: Plan, report: ExecutionReport): HistoryEntry {
  const done = (id: string) => report.outcomes[id]?.state === 'done';
  const removedImageIds = new Set(
    plan.steps
      .filter((s) => (s.action === 'remove-image' || s.action === 'remove-child-image') && done(s.id))
      .map((s) => s.target),
  );
  // An image's tags: the ones untagged just before it, and the one it went with.
  const tagsOf = (imageId: string) =>
    plan.steps.flatMap((s) => {
      if (s.action === 'untag' && s.expect.imageId === imageId) return [s.target];
      if ((s.action === 'remove-image' || s.action === 'remove-child-image') && s.target === imageId)
        return s.expect.tags ?? [];
      return [];
    });
  const entry: HistoryEntry = {
    planId: plan.id,
    digest: plan.digest,
    engine: plan.engine,
    intent: plan.intent,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    bytesFreed: report.bytesFreed,
    bytesSource: report.bytesSource,
    finished: report.finished,
    cancelled: report.cancelled,
    removedImages: plan.steps
      .filter((s) => removedImageIds.has(s.target) && s.action !== 'untag')
      .map((s) => ({ id: s.target, tags: tagsOf(s.target), bytes: s.bytes })),
    removedContainers: plan.steps
      .filter((s) => s.action === 'remove-container' && done(s.id))
      .map((s) => ({ id: s.target, name: s.label })),
    removedVolumes: plan.steps.filter((s) => s.action === 'remove-volume' && done(s.id)).map((s) => s.target),
    untagged: plan.steps
      .filter((s) => s.action === 'untag' && done(s.id) && !removedImageIds.has(s.expect.imageId ?? ''))
      .map((s) => s.target),
    steps: plan.steps.map((s) => ({
      id: s.id,
      action: s.action,
      target: s.target,
      label: s.label,
      outcome: report.outcomes[s.id]?.state ?? 'not-run',
    })),
  };
  if (report.engineLost) entry.engineLost = report.engineLost;
  if (plan.resumedFrom) entry.resumedFrom = plan.resumedFrom;
  return entry;
}

export const CSV_COLUMNS = [
  'plan_id',
  'started_at',
  'finished_at',
  'engine_host',
  'engine',
  'intent',
  'finished',
  'cancelled',
  'bytes_freed',
  'bytes_source',
  'images_removed',
  'containers_removed',
  'tags_removed',
  'steps_done',
  'steps_total',
] as const;

/** One cell: quoted when it holds a quote, comma or line break; text a spreadsheet would evaluate is defused. */
export function csvCell(value: string | number | boolean): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function intentWords(entry: HistoryEntry): string {
  const i = entry.intent;
  switch (i.type) {
    case 'remove-images':
      return `remove images ${i.refs.join(' ')}`;
    case 'prune-images':
      return `prune ${i.all ? 'unused' : 'dangling'} images${i.until ? ` until ${i.until}` : ''}`;
    case 'remove-stopped-containers':
      return `remove stopped containers${i.ancestor ? ` of ${i.ancestor}` : ''}`;
    case 'start-fresh':
      return 'start fresh';
    case 'remove-volumes':
      return `remove volumes ${i.names.join(' ')}`;
    case 'prune-volumes':
      return 'prune anonymous unused volumes';
    case 'prune-build-cache':
      return `prune build cache${i.until ? ` until ${i.until}` : ''}${i.keepStorage !== undefined ? ` keep ${i.keepStorage} bytes` : ''}`;
    case 'empty-trash':
      return i.entries
        ? `remove trash entries ${i.entries.join(' ')}`
        : `empty the trash${i.expiredOnly ? ' (expired)' : ''}`;
  }
}

export function historyToCsv(entries: HistoryEntry[]): string {
  const rows = entries.map((e) => [
    e.planId,
    new Date(e.startedAt).toISOString(),
    new Date(e.finishedAt).toISOString(),
    e.engine.host,
    `${e.engine.kind} ${e.engine.version}`,
    intentWords(e),
    e.finished,
    e.cancelled,
    e.bytesFreed,
    e.bytesSource ?? 'plan',
    e.removedImages.map((i) => (i.tags.length ? i.tags.join(' ') : i.id)).join('; '),
    e.removedContainers.map((c) => c.name).join('; '),
    e.untagged.join('; '),
    e.steps.filter((s) => s.outcome === 'done' || s.outcome === 'already-gone').length,
    e.steps.length,
  ]);
  // CRLF, as RFC 4180 has it and spreadsheets expect.
  return [CSV_COLUMNS as readonly string[], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
