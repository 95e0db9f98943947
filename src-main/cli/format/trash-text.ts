// The trash for people, in the terminal's locale. Scripts use --json.

import { formatBytes } from '../../../src-shared/format';
import { shortId } from '../../../src-shared/ids';
import { familiarReference } from '../../../src-shared/references';
import { intlLocaleOf, translate, type Locale } from '../../../src-shared/messages/translate';
import type { RestoreResult, TrashListing } from '../../trash/trash-store';
import { table } from './table';
import { formatAge } from './units';

export function renderTrash(listing: TrashListing, now: number, locale: Locale): string {
  const t = (key: string, params = {}) => translate(locale, key, params);
  const damaged = listing.damaged.map((d) => `${t('cli.trash.damaged', { id: d.id, reason: d.reason })}\n`).join('');
  if (listing.records.length === 0) return `${t('cli.trash.empty')}\n${damaged}`;
  const rows = listing.records.map((r) => [
    r.id,
    shortId(r.imageId),
    r.tags.map(familiarReference).join(', ') || '<none>',
    formatBytes(r.fileBytes, intlLocaleOf(locale)),
    formatAge(r.savedAt / 1000, now, locale),
  ]);
  const headers = ['id', 'image', 'tags', 'size', 'saved'].map((n) => t(`cli.column.${n}`));
  return `${table(headers, rows)}${damaged}`;
}

export function renderRestored(r: RestoreResult, locale: Locale): string {
  const t = (key: string, params = {}) => translate(locale, key, params);
  const lines = [
    t(r.sameId ? 'cli.trash.restored' : 'cli.trash.restoredNewId', {
      image: shortId(r.imageId),
      was: shortId(r.record.imageId),
    }),
  ];
  if (r.tagged.length) lines.push(t('cli.trash.tagged', { tags: r.tagged.map(familiarReference) }));
  for (const taken of r.taken) {
    lines.push(t('cli.trash.taken', { tag: familiarReference(taken.tag), other: shortId(taken.imageId) }));
  }
  return `${lines.join('\n')}\n`;
}
