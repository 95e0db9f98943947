// What a cleanup intent may say, checked wherever one arrives from outside main's
// own planner: the renderer (src-main/ipc/schemas.ts), a saved plan file
// (src-main/cli/plan-file-check.ts) and the history read back from disk
// (src-main/history/history-schema.ts). Plain strict objects, bounded strings,
// and names in the engine's own grammar (src-shared/input-grammar.ts).

import { TRASH_ENTRY_ID } from '../../src-shared/trash';
import { POLICY_NAME } from '../../src-shared/policy';
import { parseGoDuration } from './selection';
import { z } from 'zod';
import {
  containerRefRule,
  imageRefRule,
  keepPatternRule,
  labelFilterRule,
  untilRule,
  volumeNameRule,
  type InputRule,
} from '../../src-shared/input-grammar';
import { boundedString, isPlainObject } from '../security/untrusted-input';

/** One of the shared input rules (src-shared/input-grammar.ts) as a schema. */
const ruled = (rule: InputRule) => boundedString(rule.min, rule.max).refine(rule.accepts, rule.problem);

export const imageRefSchema = ruled(imageRefRule);
export const containerRefSchema = ruled(containerRefRule);
const volumeNameSchema = ruled(volumeNameRule);
const untilSchema = ruled(untilRule);
export const labelFilterSchema = ruled(labelFilterRule);

/** An image ID in full, as the inventory reports it: keys of per-image fix choices. */
const fullImageId = /^sha256:[a-f0-9]{64}$/;

const fixChoiceFields = {
  runningContainer: z.enum(['keep-image', 'stop-and-remove-containers']).optional(),
  stoppedContainer: z.enum(['keep-image', 'remove-containers', 'untag-only', 'force-delete']).optional(),
  multipleReferences: z.enum(['selected-tag', 'all-tags', 'keep-image']).optional(),
  dependentChildren: z.enum(['skip', 'remove-children']).optional(),
};

const perImageRecord = z.record(
  boundedString(71, 71).regex(fullImageId, 'not a full image ID'),
  z.object(fixChoiceFields).strict(),
);

/**
 * Checked on the raw object first: zod's record silently drops a "__proto__"
 * key, and a payload carrying one is refused, not cleaned.
 */
const perImageSchema = z
  .custom<z.input<typeof perImageRecord>>((raw) => {
    if (!isPlainObject(raw)) return false;
    const keys = Object.keys(raw);
    return keys.length <= 1000 && keys.every((k) => fullImageId.test(k));
  }, 'per-image choices must be keyed by full image IDs (at most 1000)')
  .pipe(perImageRecord);

const fixChoicesSchema = z.object({ ...fixChoiceFields, perImage: perImageSchema.optional() }).strict();

export const keepPatternSchema = ruled(keepPatternRule);

const trashChoiceSchema = z.union([z.boolean(), z.literal('not-pullable')]);

/** Image ID → keep a copy or not; keyed like perImage, for the same reason. */
const trashPerImageSchema = z
  .custom<Record<string, boolean>>((raw) => {
    if (!isPlainObject(raw)) return false;
    const keys = Object.keys(raw);
    return keys.length <= 10_000 && keys.every((k) => fullImageId.test(k));
  }, 'per-image trash switches must be keyed by full image IDs (at most 10000)')
  .pipe(z.record(z.string(), z.boolean()));

/** "<plan id>/<step id>", as the trash lists its entries. */
const trashEntrySchema = z.string().max(64).regex(TRASH_ENTRY_ID, 'not a trash entry (PLAN/STEP)');

/** A Go duration only ("720h"): "not used for" counts back from now, never from a date. */
export const durationSchema = boundedString(2, 32).refine(
  (text) => parseGoDuration(text) !== null,
  'not a duration such as "720h" or "30m"',
);

export const keepNewestSchema = z
  .object({ count: z.number().int().min(1).max(1000), by: z.enum(['created', 'last-used']) })
  .strict();

const bytesSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** A threshold whose target is past its trigger would remove images while under it: refused. */
export const thresholdSchema = z
  .object({ measure: z.enum(['images-bytes', 'disk-free']), trigger: bytesSchema, target: bytesSchema })
  .strict()
  .refine(
    (t) => (t.measure === 'images-bytes' ? t.target <= t.trigger : t.target >= t.trigger),
    'the target must be on the safe side of the trigger (images: at most it; free space: at least it)',
  );

export const policyNameSchema = boundedString(1, 64).regex(POLICY_NAME, 'not a policy name');

export const cleanupIntentSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('remove-images'),
      refs: z.array(imageRefSchema).min(1).max(1000),
      choices: fixChoicesSchema.optional(),
      trash: trashChoiceSchema.optional(),
      trashPerImage: trashPerImageSchema.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('prune-images'),
      all: z.boolean(),
      until: untilSchema.optional(),
      untilClock: z.enum(['engine', 'build']).optional(),
      labels: z.array(labelFilterSchema).max(100).optional(),
      notLabels: z.array(labelFilterSchema).max(100).optional(),
      keep: z.array(keepPatternSchema).max(100).optional(),
      withStoppedContainers: z.boolean().optional(),
      trash: trashChoiceSchema.optional(),
      trashPerImage: trashPerImageSchema.optional(),
      unusedFor: durationSchema.optional(),
      keepNewest: keepNewestSchema.optional(),
      threshold: thresholdSchema.optional(),
      policy: policyNameSchema.optional(),
      automatic: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('remove-stopped-containers'),
      ancestor: imageRefSchema.optional(),
      ids: z.array(containerRefSchema).max(10_000).optional(),
    })
    .strict(),
  z.object({ type: z.literal('start-fresh'), volumes: z.array(volumeNameSchema).max(1000).optional() }).strict(),
  z.object({ type: z.literal('remove-volumes'), names: z.array(volumeNameSchema).min(1).max(10_000) }).strict(),
  z.object({ type: z.literal('prune-volumes') }).strict(),
  z
    .object({
      type: z.literal('prune-build-cache'),
      until: untilSchema.optional(),
      keepStorage: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
      minFreeSpace: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('empty-trash'),
      entries: z.array(trashEntrySchema).min(1).max(10_000).optional(),
      expiredOnly: z.boolean().optional(),
    })
    .strict(),
]);

export const planIdSchema = z.uuid();
export const planDigestSchema = boundedString(71, 71).regex(/^sha256:[a-f0-9]{64}$/, 'not a sha256 digest');
