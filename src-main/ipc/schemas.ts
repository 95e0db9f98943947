// Every IPC payload is checked here before anything reaches the engine. The
// renderer is treated as untrusted: plain strict objects (unknown keys,
// including "__proto__", are refused; so are Dates, Maps and other objects
// structured clone can carry), bounded strings whose length is checked before
// any pattern runs, and references in the engine's own grammar so nothing odd
// ends up in a URL path or a filter. tests/integration/ipc-fuzz.test.ts throws
// malformed payloads at every channel.

import { z } from 'zod';
import type { Channel } from '../../src-shared/contract';
import { parseHost } from '../engine/dockerode-options';

/** No C0 control character or DEL (NUL, newline, escape…): checked by code point, as eslint forbids them in a regex. */
const hasNoControl = (s: string) => ![...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** sha256:<hex> or bare hex, 12 to 64 digits: an image or container ID. */
const hexId = /^(sha256:)?[a-f0-9]{12,64}$/;
// distribution/reference grammar, simplified: [domain[:port]/]path[:tag][@digest]
const domain = String.raw`(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?`;
const pathComponent = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*`;
const tag = String.raw`(?::[\w][\w.-]{0,127})?`;
const digest = String.raw`(?:@sha256:[a-f0-9]{64})?`;
const imageReference = new RegExp(`^${domain}${pathComponent}(?:/${pathComponent})*${tag}${digest}$`);

/** A string of bounded length; `abort` stops there, so no pattern ever runs on a megabyte. */
const boundedString = (min: number, max: number) => z.string().min(min, { abort: true }).max(max, { abort: true });

export const imageRefSchema = boundedString(1, 512).refine(
  (s) => hexId.test(s) || imageReference.test(s),
  'not an image ID or reference',
);

export const containerRefSchema = boundedString(1, 128).refine(
  (s) => hexId.test(s) || /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(s),
  'not a container ID or name',
);

export const volumeNameSchema = boundedString(1, 255).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'not a volume name');

/** Go duration ("24h", "1h30m") or a timestamp (unix seconds or RFC 3339), as `--filter until=`. */
export const untilSchema = boundedString(1, 64).refine(
  (s) =>
    /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(s) ||
    /^\d{1,12}(\.\d{1,9})?$/.test(s) ||
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(s),
  'not a duration like 24h or a timestamp',
);

/** `key` or `key=value`, as docker's label filters take them. */
export const labelFilterSchema = boundedString(1, 512)
  .refine(hasNoControl, 'control characters are not allowed')
  .refine((s) => !s.startsWith('='), 'a label filter needs a key');

/** A DNS name, an IPv4 address or a bracketed IPv6 address; never something that reads as an option. */
const hostName = /^(?:\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?)$/;

/** An engine address parseHost understands, so selectEngine never throws on it. */
function isEngineAddress(host: string): boolean {
  try {
    const parsed = parseHost(host);
    return parsed.scheme === 'unix' || parsed.scheme === 'npipe' || hostName.test(parsed.host);
  } catch {
    return false;
  }
}

export const hostSchema = boundedString(1, 512)
  .refine(hasNoControl, 'control characters are not allowed')
  .regex(/^(unix|npipe|tcp|ssh):\/\//, 'must start with unix://, npipe://, tcp:// or ssh://')
  .refine(isEngineAddress, 'not an engine address');

/** What structured clone gives for a plain `{…}`; not an array, Date, Map, class instance or inherited keys. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A channel's payload: a plain object with exactly these keys. */
function payload<Shape extends z.ZodRawShape>(shape: Shape) {
  const object = z.object(shape).strict();
  // Typed as the object's input, so z.input<> of a channel's schema stays its contract args.
  return z.custom<z.input<typeof object>>(isPlainObject, 'expected a plain object').pipe(object);
}

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

export const fixChoicesSchema = z.object({ ...fixChoiceFields, perImage: perImageSchema.optional() }).strict();

/** Keep patterns: a reference with "*" and "?" wildcards. */
export const keepPatternSchema = boundedString(1, 256).regex(/^[A-Za-z0-9_.\-/:@*?]+$/, 'not a name pattern');

export const cleanupIntentSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('remove-images'),
      refs: z.array(imageRefSchema).min(1).max(1000),
      choices: fixChoicesSchema.optional(),
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
]);

export const planIdSchema = z.uuid();
export const planDigestSchema = boundedString(71, 71).regex(/^sha256:[a-f0-9]{64}$/, 'not a sha256 digest');

const noArgs = payload({});

export const schemas = {
  inventory: noArgs,
  diskUsage: payload({ refresh: z.boolean().optional() }),
  engineHealth: noArgs,
  listEndpoints: noArgs,
  selectEngine: payload({ host: hostSchema }),
  imageLayers: payload({ id: imageRefSchema }),
  stopContainer: payload({ id: containerRefSchema }),
  startContainer: payload({ id: containerRefSchema }),
  pruneBuildCache: noArgs,
  previewPlan: payload({ intent: cleanupIntentSchema }),
  executePlan: payload({ planId: planIdSchema, digest: planDigestSchema }),
  cancelPlan: payload({ planId: planIdSchema }),
  resumePlan: payload({ planId: planIdSchema }),
  history: noArgs,
  exportHistory: payload({ format: z.enum(['json', 'csv']) }),
} satisfies Record<Channel, z.ZodType>;

export type Schemas = typeof schemas;
