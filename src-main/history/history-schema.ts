// What a history line must be to be shown, exported or trusted ("already
// applied"): every field checked, as anything in the file may have been written
// by another version, cut short by a crash, or edited. A line that is not an
// entry is skipped and counted, never shown half-read.

import { z } from 'zod';
import { STEP_ACTIONS, type HistoryEntry } from '../../src-shared/plan';
import { cleanupIntentSchema } from '../planning/intent-schema';

const text = (max: number) => z.string().max(max);
const count = z.number().int().nonnegative();
const time = z.number().finite().nonnegative();

const stepSchema = z.object({
  id: text(64),
  action: z.enum(STEP_ACTIONS),
  target: text(512),
  label: text(512),
  outcome: z.enum(['pending', 'running', 'done', 'already-gone', 'conflict', 'failed', 'not-run']),
});

export const historyEntrySchema = z.object({
  planId: text(64),
  digest: text(128),
  engine: z.object({
    host: text(512),
    kind: z.enum(['docker', 'podman']),
    version: text(64),
    store: z.enum(['classic', 'containerd']).optional(),
  }),
  intent: cleanupIntentSchema,
  startedAt: time,
  finishedAt: time,
  bytesFreed: count,
  bytesSource: z.enum(['disk-usage', 'plan']).optional(),
  finished: z.boolean(),
  cancelled: z.boolean(),
  engineLost: text(2048).optional(),
  resumedFrom: text(64).optional(),
  removedImages: z.array(z.object({ id: text(128), tags: z.array(text(512)), bytes: count })),
  removedContainers: z.array(z.object({ id: text(128), name: text(256) })),
  removedVolumes: z.array(text(256)).optional(),
  untagged: z.array(text(512)),
  steps: z.array(stepSchema),
});

/** The entry a parsed line holds, or null when it is not one. */
export function asHistoryEntry(value: unknown): HistoryEntry | null {
  const parsed = historyEntrySchema.safeParse(value);
  return parsed.success ? (parsed.data as HistoryEntry) : null;
}
