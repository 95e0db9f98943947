// The trash for people, in the terminal's locale. Scripts use --json.

import { formatBytes } from '../../../src-shared/format';
import { shortId } from '../../../src-shared/ids';
import { familiarReference } from '../../../src-shared/references';
import { intlLocaleOf, translate, type Locale } from '../../../src-shared/messages/translate';
import type { RestoreReport, TrashListing } from '../../../src-shared/trash';
import { table } from './table';
import { formatAge } from './units';

export function renderTrash(listing: TrashListing, now: number, locale: Locale): string {
  const t = (key: string, params = {}) => translate(locale, key, params);
  const bytes = (n: number) => formatBytes(n, intlLocaleOf(locale));
  const damaged = listing.damaged.map((d) => `${t('cli.trash.damaged', { id: d.id, reason: d.reason })}\n`).join('');
  if (listing.entries.length === 0) return `${t('cli.trash.empty')}\n${damaged}`;
  const rows = listing.entries.map((e) => [
    e.id,
    [
      ...e.images.map((i) => i.tags.map(familiarReference).join(', ') || shortId(i.id)),
      ...e.containers.map((c) => t('cli.trash.container', { name: c.name })),
    ].join('; '),
    bytes(e.fileBytes),
    formatAge(e.savedAt / 1000, now, locale) + (e.expired ? ` ${t('cli.trash.expired')}` : ''),
  ]);
  const headers = ['id', 'holds', 'size', 'saved'].map((n) => t(`cli.column.${n}`));
  const total = t('cli.trash.total', {
    size: bytes(listing.totalBytes),
    cap: bytes(listing.settings.maxBytes),
    days: listing.settings.maxAgeDays,
  });
  return `${table(headers, rows)}${total}\n${damaged}`;
}

export function renderRestored(r: RestoreReport, locale: Locale): string {
  const t = (key: string, params = {}) => translate(locale, key, params);
  const lines: string[] = [];
  for (const image of r.images) {
    lines.push(
      t(image.restoredId === image.id ? 'cli.trash.restored' : 'cli.trash.restoredNewId', {
        image: shortId(image.restoredId),
        was: shortId(image.id),
      }),
    );
    if (image.tagged.length) lines.push(t('cli.trash.tagged', { tags: image.tagged.map(familiarReference) }));
    for (const taken of image.taken) {
      lines.push(t('cli.trash.taken', { tag: familiarReference(taken.tag), other: shortId(taken.imageId) }));
    }
  }
  for (const c of r.containers) {
    lines.push(
      c.id
        ? t('cli.trash.containerMade', { name: c.name, id: shortId(c.id) })
        : t('cli.trash.nameTaken', { name: c.name, other: shortId(c.nameTakenBy ?? '') }),
    );
  }
  return `${lines.join('\n')}\n`;
}
