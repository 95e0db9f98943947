// Tables for `barnacle ls`, `ps` and `df`, for people. Scripts use --json.

import type { DiskUsage, ImageSummary } from '../../../src-shared/model';
import { shortId } from '../../inventory/ids';
import type { ListedContainer } from '../commands/inventory';
import { table } from './table';
import { formatAge, formatBytes } from './units';

function imageFlags(image: ImageSummary): string {
  const flags: string[] = [];
  if (image.dangling) flags.push('dangling');
  if (image.unused) flags.push('unused');
  return flags.join(',');
}

function usedBy(image: ImageSummary): string {
  return image.containers.map((c) => `${c.name} (${c.state})`).join(', ');
}

export function renderImages(images: ImageSummary[], now: number): string {
  if (images.length === 0) return 'No images.\n';
  const rows = images.map((image) => [
    image.tags.length ? image.tags.join(', ') : '<none>',
    shortId(image.id),
    formatAge(image.created, now),
    formatBytes(image.size),
    usedBy(image),
    imageFlags(image),
    String(image.children.length),
  ]);
  return table(['IMAGE', 'ID', 'CREATED', 'SIZE', 'USED BY', 'FLAGS', 'CHILDREN'], rows);
}

export function renderContainers(containers: ListedContainer[], now: number): string {
  if (containers.length === 0) return 'No containers.\n';
  const rows = containers.map((c) => [
    c.names[0] ?? shortId(c.id),
    shortId(c.id),
    c.image,
    c.state,
    formatAge(c.created, now),
    c.composeProject ?? '',
    // Sizes were asked for; Docker leaves SizeRw out when it is 0.
    formatBytes(c.sizeRw ?? 0),
  ]);
  return table(['NAME', 'ID', 'IMAGE', 'STATE', 'CREATED', 'PROJECT', 'SIZE'], rows);
}

export function renderDiskUsage(usage: DiskUsage): string {
  const entries: [string, DiskUsage['images']][] = [
    ['Images', usage.images],
    ['Containers', usage.containers],
    ['Local volumes', usage.volumes],
    ['Build cache', usage.buildCache],
  ];
  const rows = entries.map(([type, e]) => {
    const share = e.total > 0 ? ` (${Math.round((e.reclaimable / e.total) * 100)}%)` : '';
    return [type, String(e.count), String(e.active), formatBytes(e.total), `${formatBytes(e.reclaimable)}${share}`];
  });
  return table(['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'], rows) + `(the engine took ${usage.tookMs} ms)\n`;
}
