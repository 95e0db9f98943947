// Every IPC payload is checked here before anything reaches the engine. The
// renderer is treated as untrusted: strict objects (unknown keys, including
// "__proto__", are refused), bounded strings, and references in the engine's
// own grammar so nothing odd ends up in a URL path or a filter.

import { z } from 'zod';
import type { Channel } from '../../src-shared/contract';

const noControl = /^[^\u0000-\u001f\u007f]*$/;

/** sha256:<hex> or bare hex, 12 to 64 digits: an image or container ID. */
const hexId = /^(sha256:)?[a-f0-9]{12,64}$/;
// distribution/reference grammar, simplified: [domain[:port]/]path[:tag][@digest]
const domain = String.raw`(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?`;
const pathComponent = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*`;
const tag = String.raw`(?::[\w][\w.-]{0,127})?`;
const digest = String.raw`(?:@sha256:[a-f0-9]{64})?`;
const imageReference = new RegExp(`^${domain}${pathComponent}(?:/${pathComponent})*${tag}${digest}$`);
const taggedReference = new RegExp(`^${domain}${pathComponent}(?:/${pathComponent})*:[\\w][\\w.-]{0,127}$`);

export const imageRefSchema = z
  .string()
  .min(1)
  .max(512)
  .refine((s) => hexId.test(s) || imageReference.test(s), 'not an image ID or reference');

export const tagRefSchema = z
  .string()
  .min(1)
  .max(512)
  .refine((s) => taggedReference.test(s) && !hexId.test(s), 'not a repository:tag reference');

export const containerRefSchema = z
  .string()
  .min(1)
  .max(128)
  .refine((s) => hexId.test(s) || /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(s), 'not a container ID or name');

export const volumeNameSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'not a volume name');

/** Go duration ("24h", "1h30m") or a timestamp (unix seconds or RFC 3339), as `--filter until=`. */
export const untilSchema = z
  .string()
  .max(64)
  .refine(
    (s) =>
      /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(s) ||
      /^\d{1,12}(\.\d{1,9})?$/.test(s) ||
      /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(s),
    'not a duration like 24h or a timestamp',
  );

/** `key` or `key=value`, as docker's label filters take them. */
export const labelFilterSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(noControl, 'control characters are not allowed')
  .refine((s) => !s.startsWith('='), 'a label filter needs a key');

export const hostSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(noControl, 'control characters are not allowed')
  .regex(/^(unix|npipe|tcp|ssh):\/\//, 'must start with unix://, npipe://, tcp:// or ssh://');

const noArgs = z.object({}).strict();

export const schemas = {
  listImages: z.object({ all: z.boolean().optional() }).strict(),
  listContainers: noArgs,
  inventory: noArgs,
  diskUsage: z.object({ refresh: z.boolean().optional() }).strict(),
  engineHealth: noArgs,
  listEndpoints: noArgs,
  selectEngine: z.object({ host: hostSchema }).strict(),
  stopContainer: z.object({ id: containerRefSchema }).strict(),
  startContainer: z.object({ id: containerRefSchema }).strict(),
  removeContainer: z
    .object({
      id: containerRefSchema,
      force: z.boolean().optional(),
      volumes: z.array(volumeNameSchema).max(1000).optional(),
    })
    .strict(),
  removeImage: z
    .object({ ref: imageRefSchema, force: z.boolean().optional(), noprune: z.boolean().optional() })
    .strict(),
  untagImage: z.object({ ref: tagRefSchema }).strict(),
  pruneImages: z
    .object({
      all: z.boolean(),
      until: untilSchema.optional(),
      labels: z.array(labelFilterSchema).max(100).optional(),
      notLabels: z.array(labelFilterSchema).max(100).optional(),
    })
    .strict(),
  pruneContainers: z
    .object({ until: untilSchema.optional(), labels: z.array(labelFilterSchema).max(100).optional() })
    .strict(),
  pruneBuildCache: noArgs,
} satisfies Record<Channel, z.ZodType>;

export type Schemas = typeof schemas;
