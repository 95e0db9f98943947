// How images and containers are named to people, the way `docker images` and
// `docker ps` show them: in plans and engine messages (main), the CLI's tables
// and the renderer's screens and fix flows alike.

import { shortId } from './ids';
import type { ContainerSummary, ImageSummary } from './model';
import { familiarReference } from './references';

/** An image as plans and fix flows name it: its first tag in docker's short form, else "<none> <short ID>". */
export function imageName(image: Pick<ImageSummary, 'id' | 'tags'>): string {
  const tag = image.tags[0];
  return tag ? familiarReference(tag) : `<none> ${shortId(image.id)}`;
}

/** Its first name without the leading "/" engines keep, else its short ID. */
export function containerName(c: Pick<ContainerSummary, 'id' | 'names'>): string {
  const first = c.names[0];
  return first === undefined ? shortId(c.id) : first.replace(/^\//, '');
}

/**
 * Which of its image's tags a container shows: the reference it was created
 * from while that still names the image ("app" counts as "app:latest"), else
 * the image's first tag; null when the image has none (dangling, or retagged
 * away), where people see its short ID instead.
 */
export function containerImageTag(imageRef: string, tags: readonly string[]): string | null {
  return tags.find((tag) => tag === imageRef || tag === `${imageRef}:latest`) ?? tags[0] ?? null;
}
