// The volumes table's pure parts: the kind filter, the search and the order.

import type { VolumeSummary } from '../../src-shared/model';

export const volumeFilters = ['all', 'anonymous', 'named', 'unused', 'in-use'] as const;
export type VolumeFilter = (typeof volumeFilters)[number];

function matchesKind(v: VolumeSummary, filter: VolumeFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'anonymous':
      return v.anonymous;
    case 'named':
      return !v.anonymous;
    case 'unused':
      return v.users.length === 0;
    case 'in-use':
      return v.users.length > 0;
  }
}

/** Search matches the name, the compose project, and the names of the containers mounting it. */
function matchesText(v: VolumeSummary, text: string): boolean {
  if (!text) return true;
  const needle = text.toLowerCase();
  return [v.name, v.composeProject ?? '', ...v.users.map((u) => u.name)].some((s) => s.toLowerCase().includes(needle));
}

/** Biggest first (unmeasured last), then by name: what frees the most is on top. */
export function visibleVolumes(volumes: readonly VolumeSummary[], filter: VolumeFilter, text: string): VolumeSummary[] {
  return volumes
    .filter((v) => matchesKind(v, filter) && matchesText(v, text.trim()))
    .sort((a, b) => (b.size ?? -1) - (a.size ?? -1) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
