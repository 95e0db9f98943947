// GET /system/df, read into per-type totals. It can take minutes on big hosts
// (moby#31719), so callers run it in the background and show its age.

import type Docker from 'dockerode';
import { isActiveState } from '../../src-shared/container-state';
import type { DiskUsage, DiskUsageEntry } from '../../src-shared/model';

interface DfAnswer {
  LayersSize?: number;
  Images?: { Size: number; SharedSize: number; Containers: number }[] | null;
  Containers?: { SizeRw?: number; State?: string }[] | null;
  Volumes?: { Name?: string; UsageData?: { Size: number; RefCount: number } | null }[] | null;
  BuildCache?: RawCacheRecord[] | null;
}

export interface RawCacheRecord {
  ID?: string;
  Parent?: string;
  Parents?: string[] | null;
  Type?: string;
  Description?: string;
  InUse: boolean;
  Shared?: boolean;
  Size: number;
  CreatedAt?: string;
  LastUsedAt?: string | null;
  UsageCount?: number;
}

/** What /system/df can be asked for alone (API 1.42+; older engines answer everything). */
export type DfType = 'image' | 'container' | 'volume' | 'build-cache';

/** docker.df() drops its query options, so the request is dialled directly. */
export function fetchDf(docker: Docker, types: readonly DfType[] = []): Promise<DfAnswer> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        // The modem writes the query from options (an array repeats the key); a path's own query it cuts.
        path: '/system/df?',
        method: 'GET',
        options: types.length ? { type: [...types] } : {},
        statusCodes: { 200: true, 500: 'server error' },
      },
      (err: unknown, data: unknown) => (err ? reject(err) : resolve((data ?? {}) as DfAnswer)),
    );
  });
}

const positive = (n: number | undefined) => (typeof n === 'number' && n > 0 ? n : 0);

export function toDiskUsage(df: DfAnswer, fetchedAt: number, tookMs: number): DiskUsage {
  const images = df.Images ?? [];
  const unusedImages = images.filter((i) => i.Containers === 0);
  // Same rule as the docker CLI; the planner's layer accounting gives exact figures per selection.
  const imageReclaimable = unusedImages.reduce((sum, i) => sum + positive(i.Size) - positive(i.SharedSize), 0);
  const imagesEntry: DiskUsageEntry = {
    total: positive(df.LayersSize) || images.reduce((s, i) => s + positive(i.Size), 0),
    reclaimable: imageReclaimable,
    count: images.length,
    active: images.length - unusedImages.length,
  };
  const containers = df.Containers ?? [];
  const idle = containers.filter((c) => !isActiveState(c.State));
  const volumes = df.Volumes ?? [];
  const cache = df.BuildCache ?? [];
  return {
    images: imagesEntry,
    containers: {
      total: containers.reduce((s, c) => s + positive(c.SizeRw), 0),
      reclaimable: idle.reduce((s, c) => s + positive(c.SizeRw), 0),
      count: containers.length,
      active: containers.length - idle.length,
    },
    volumes: {
      total: volumes.reduce((s, v) => s + positive(v.UsageData?.Size), 0),
      reclaimable: volumes
        .filter((v) => v.UsageData?.RefCount === 0)
        .reduce((s, v) => s + positive(v.UsageData?.Size), 0),
      count: volumes.length,
      active: volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length,
    },
    buildCache: {
      total: cache.reduce((s, b) => s + positive(b.Size), 0),
      reclaimable: cache.filter((b) => !b.InUse).reduce((s, b) => s + positive(b.Size), 0),
      count: cache.length,
      active: cache.filter((b) => b.InUse).length,
    },
    fetchedAt,
    tookMs,
  };
}

export async function readDiskUsage(docker: Docker, now: () => number = Date.now): Promise<DiskUsage> {
  const started = now();
  const df = await fetchDf(docker);
  const done = now();
  return toDiskUsage(df, done, done - started);
}
