// Tables for `barnacle ls`, `ps` and `df`, for people, in the terminal's locale. Scripts use --json.

import { containerName } from '../../../src-shared/display-names';
import { formatBytes } from '../../../src-shared/format';
import type { DiskUsage, ImageSummary } from '../../../src-shared/model';
import { shortId } from '../../../src-shared/ids';
import type { ListedContainer } from '../json-output';
import { table } from './table';
import { formatAge } from './units';
import { intlLocaleOf, translate, type Locale } from '../../../src-shared/messages/translate';

const headers = (locale: Locale, names: string[]) => names.map((n) => translate(locale, `cli.column.${n}`));

function imageFlags(locale: Locale, image: ImageSummary): string {
  const flags: string[] = [];
  if (image.dangling) flags.push(translate(locale, 'cli.flag.dangling'));
  if (image.unused) flags.push(translate(locale, 'cli.flag.unused'));
  return flags.join(',');
}

function usedBy(image: ImageSummary): string {
  return image.containers.map((c) => `${c.name} (${c.state})`).join(', ');
}

/** "used 3 days ago", "created 2 months ago, no use seen since 2 Dec": the date and what it came from. */
export function lastUsedText(image: ImageSummary, now: number, locale: Locale): string {
  const use = image.lastUsed;
  if (!use) return '';
  const age = formatAge(Math.floor(use.at / 1000), now, locale);
  const since = new Intl.DateTimeFormat(intlLocaleOf(locale), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(use.watchingSince ?? now);
  return translate(locale, `lastUsed.${use.source}`, { age, since });
}

export function renderImages(images: ImageSummary[], now: number, locale: Locale = 'en'): string {
  if (images.length === 0) return `${translate(locale, 'cli.noImages')}\n`;
  const bytes = (n: number) => formatBytes(n, intlLocaleOf(locale));
  const rows = images.map((image) => [
    image.tags.length ? image.tags.join(', ') : '<none>',
    shortId(image.id),
    formatAge(image.created, now, locale),
    lastUsedText(image, now, locale),
    bytes(image.size),
    usedBy(image),
    imageFlags(locale, image),
    String(image.children.length),
  ]);
  return table(headers(locale, ['image', 'id', 'created', 'lastUsed', 'size', 'usedBy', 'flags', 'children']), rows);
}

export function renderContainers(containers: ListedContainer[], now: number, locale: Locale = 'en'): string {
  if (containers.length === 0) return `${translate(locale, 'cli.noContainers')}\n`;
  const rows = containers.map((c) => [
    containerName(c),
    shortId(c.id),
    c.image,
    c.state,
    formatAge(c.created, now, locale),
    c.composeProject ?? '',
    // Sizes were asked for; Docker leaves SizeRw out when it is 0.
    formatBytes(c.sizeRw ?? 0, intlLocaleOf(locale)),
  ]);
  return table(headers(locale, ['name', 'id', 'image', 'state', 'created', 'project', 'size']), rows);
}

export function renderDiskUsage(usage: DiskUsage, locale: Locale = 'en'): string {
  const entries: [string, DiskUsage['images']][] = [
    [translate(locale, 'cli.df.images'), usage.images],
    [translate(locale, 'cli.df.containers'), usage.containers],
    [translate(locale, 'cli.df.volumes'), usage.volumes],
    [translate(locale, 'cli.df.buildCache'), usage.buildCache],
  ];
  const bytes = (n: number) => formatBytes(n, intlLocaleOf(locale));
  const rows = entries.map(([type, e]) => {
    const share = e.total > 0 ? ` (${Math.round((e.reclaimable / e.total) * 100)}%)` : '';
    return [type, String(e.count), String(e.active), bytes(e.total), `${bytes(e.reclaimable)}${share}`];
  });
  return (
    table(headers(locale, ['type', 'total', 'active', 'size', 'reclaimable']), rows) +
    `${translate(locale, 'cli.df.took', { ms: usage.tookMs })}\n`
  );
}
