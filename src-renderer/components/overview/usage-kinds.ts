// The four kinds of disk usage the overview shows, in display order.
import type { DiskUsage } from '../../../src-shared/model';

export const usageKinds = ['images', 'containers', 'volumes', 'buildCache'] as const;
export type UsageKind = (typeof usageKinds)[number];
export const entryOf = (usage: DiskUsage, kind: UsageKind) => usage[kind];
