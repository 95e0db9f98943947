// What `--filter ancestor=` means for containers: made from the image or from
// anything built on it. The planner's container prune and the containers
// table's ancestor filter both count it here, so the table shows exactly what
// `barnacle plan rm-stopped --filter ancestor=…` would take.

import type { ImageSummary } from './model';

/** The image's ID and those of its descendants (children, their children…). */
export function ancestorFamily(images: readonly ImageSummary[], ancestorId: string): Set<string> {
  const byId = new Map(images.map((i) => [i.id, i]));
  const family = new Set<string>();
  const stack = [ancestorId];
  while (stack.length) {
    const id = stack.pop()!;
    if (family.has(id)) continue;
    family.add(id);
    stack.push(...(byId.get(id)?.children ?? []));
  }
  return family;
}
