// How an executed plan reads in the activity list: what was asked, what came of it.

import { shortId } from '../../../src-shared/ids';
import type { CleanupIntent, HistoryEntry } from '../../../src-shared/plan';
import { familiarReference } from '../../../src-shared/references';
import { t } from '../../i18n/i18n.svelte';
import { list } from '../plan-format';

const SHOWN_REFS = 3;

export function intentSummary(intent: CleanupIntent): string {
  switch (intent.type) {
    case 'remove-images': {
      const refs = intent.refs.map((r) => familiarReference(shortId(r)));
      const shown = refs.slice(0, SHOWN_REFS);
      if (refs.length > SHOWN_REFS) shown.push(t('activity.more', { count: refs.length - SHOWN_REFS }));
      return t('activity.what.remove-images', { refs: list(shown) });
    }
    case 'prune-images': {
      const scope = t(intent.all ? 'activity.what.pruneUnused' : 'activity.what.pruneDangling');
      return intent.until ? `${scope} · ${t('activity.what.olderThan', { until: intent.until })}` : scope;
    }
    case 'remove-stopped-containers':
      return t('activity.what.remove-stopped-containers');
    case 'start-fresh':
      return t('activity.what.start-fresh');
    case 'remove-volumes':
      return t('activity.what.remove-volumes', { count: intent.names.length });
    case 'prune-volumes':
      return t('activity.what.prune-volumes');
    case 'prune-build-cache':
      return t('activity.what.prune-build-cache');
    case 'empty-trash':
      return t('activity.what.empty-trash');
  }
}

export function resultSummary(entry: HistoryEntry): string {
  const parts: string[] = [];
  if (entry.removedImages.length) parts.push(t('plan.count.images', { count: entry.removedImages.length }));
  if (entry.removedContainers.length) parts.push(t('plan.count.containers', { count: entry.removedContainers.length }));
  if (entry.removedVolumes?.length) parts.push(t('plan.count.volumes', { count: entry.removedVolumes.length }));
  if (entry.untagged.length && !entry.removedImages.length)
    parts.push(t('plan.count.tags', { count: entry.untagged.length }));
  return parts.length ? t('plan.summary.removed', { what: list(parts) }) : t('plan.summary.removedNothing');
}

export type Outcome = 'finished' | 'cancelled' | 'unfinished';

export function outcomeOf(entry: HistoryEntry): Outcome {
  if (entry.cancelled) return 'cancelled';
  return entry.finished ? 'finished' : 'unfinished';
}
