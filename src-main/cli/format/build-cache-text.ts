// The table for `barnacle cache`, for people, in the terminal's locale. Scripts use --json.

import { formatBytes } from '../../../src-shared/format';
import type { BuildCacheList } from '../../../src-shared/model';
import { intlLocaleOf, translate, type Locale } from '../../../src-shared/messages/translate';
import { table } from './table';
import { formatAge } from './units';

export function renderBuildCache(list: BuildCacheList, now: number, locale: Locale = 'en'): string {
  const t = (key: string) => translate(locale, key);
  if (!list.supported) return `${t('cli.cache.unsupported')}\n`;
  if (list.records.length === 0) return `${t('cli.cache.none')}\n`;
  const rows = [...list.records]
    .sort((a, b) => b.size - a.size)
    .map((r) => {
      const last = Date.parse(r.lastUsedAt ?? r.createdAt ?? '');
      return [
        r.id.slice(0, 12),
        r.type,
        formatBytes(r.size, intlLocaleOf(locale)),
        t(r.inUse ? 'cli.cache.inUse' : r.shared ? 'cli.cache.shared' : 'cli.cache.free'),
        Number.isNaN(last) ? '-' : formatAge(last / 1000, now, locale),
        r.description,
      ];
    });
  const headers = ['id', 'type', 'size', 'state', 'lastUsed', 'description'].map((n) =>
    translate(locale, `cli.column.${n}`),
  );
  return table(headers, rows);
}
