// The table for `barnacle cache`, for people, in the terminal's locale. Scripts use --json.

import { formatBytes } from '../../../src-shared/format';
import type { BuildCacheList, BuildContainer } from '../../../src-shared/model';
import { shortId } from '../../../src-shared/ids';
import { groupByKind } from '../../../src-shared/build-cache';
import { intlLocaleOf, translate, type Locale } from '../../../src-shared/messages/translate';
import { table } from './table';
import { formatAge } from './units';

export function renderBuildCache(list: BuildCacheList, now: number, locale: Locale = 'en'): string {
  const t = (key: string) => translate(locale, key);
  if (!list.supported) return buildContainersText(list.buildContainers, now, locale);
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
  // What made them, as the app groups them: "Build steps 2 · 2.4 MB (free 0 B)".
  const kinds = groupByKind(list.records).map((g) =>
    translate(locale, 'cli.cache.kind', {
      kind: t(`cache.group.${g.kind}`),
      count: g.count,
      size: formatBytes(g.size, intlLocaleOf(locale)),
      free: formatBytes(g.free, intlLocaleOf(locale)),
    }),
  );
  return `${table(headers, rows)}\n${kinds.join('\n')}\n`;
}

/** Podman: no records, but the containers its builds left (they hold images and disk). */
function buildContainersText(containers: BuildContainer[], now: number, locale: Locale): string {
  const t = (key: string) => translate(locale, key);
  const lead = `${t('cli.cache.unsupported')}\n`;
  if (containers.length === 0) return `${lead}${t('cli.cache.noBuildContainers')}\n`;
  const rows = [...containers]
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
    .map((c) => {
      const made = Date.parse(c.createdAt);
      return [shortId(c.id), c.name, c.image, Number.isNaN(made) ? '-' : formatAge(made / 1000, now, locale)];
    });
  const headers = ['id', 'name', 'image', 'created'].map((n) => translate(locale, `cli.column.${n}`));
  return `${lead}${t('cli.cache.buildContainers')}\n${table(headers, rows)}`;
}
