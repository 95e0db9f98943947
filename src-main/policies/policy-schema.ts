// What a policy may say, checked wherever one arrives from outside main: the
// renderer's Policies screen (IPC), the policies file read back from disk, and
// the CLI's `policy add`. Its rules are a prune's (intent-schema.ts), so a
// policy can hold nothing a prune plan could not.

import { z } from 'zod';
import {
  durationSchema,
  keepNewestSchema,
  keepPatternSchema,
  labelFilterSchema,
  policyNameSchema,
  thresholdSchema,
} from '../planning/intent-schema';
import type { Policy } from '../../src-shared/policy';

export const policyRulesSchema = z
  .object({
    unusedFor: durationSchema.optional(),
    olderThan: durationSchema.optional(),
    untilClock: z.enum(['engine', 'build']).optional(),
    keepNewest: keepNewestSchema.optional(),
    keep: z.array(keepPatternSchema).max(100).optional(),
    keepLabels: z.array(labelFilterSchema).max(100).optional(),
    threshold: thresholdSchema.optional(),
  })
  .strict();

export const policySchema = z
  .object({
    name: policyNameSchema,
    enabled: z.boolean(),
    schedule: z.enum(['hourly', 'daily', 'weekly', 'over-threshold']),
    mode: z.enum(['notify', 'apply']),
    rules: policyRulesSchema,
  })
  .strict()
  // Without one of these a policy is "every unused image", every time: too blunt to run by itself.
  .refine((p) => ['unusedFor', 'olderThan', 'keepNewest', 'threshold'].some((k) => k in p.rules), {
    message: 'a policy needs a rule that limits what goes: not used for, older than, keep the newest, or a threshold',
  })
  .refine((p) => p.schedule !== 'over-threshold' || p.rules.threshold !== undefined, {
    message: 'a policy run "when over the threshold" needs a threshold',
  }) satisfies z.ZodType<Policy>;
