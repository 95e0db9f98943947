// Every IPC payload is checked here before anything reaches the engine. The
// renderer is treated as untrusted: plain strict objects (unknown keys,
// including "__proto__", are refused; so are Dates, Maps and other objects
// structured clone can carry), bounded strings whose length is checked before
// any pattern runs, and references in the engine's own grammar so nothing odd
// ends up in a URL path or a filter. tests/integration/ipc-fuzz.test.ts throws
// malformed payloads at every channel.

import { isAbsolute } from 'node:path';
import { z } from 'zod';
import type { Channel } from '../../src-shared/contract';
import { parseHost } from '../engine/parsed-host';
import { NAME_PATTERN as CONTEXT_NAME } from '../engine/context-writer';
import { DEFAULT_CONTEXT_NAME } from '../engine/context-store';
import { hasNoControl } from '../../src-shared/input-grammar';
import { TRASH_ENTRY_ID } from '../../src-shared/trash';
import { boundedString, isPlainObject } from '../security/untrusted-input';
import {
  cleanupIntentSchema,
  containerRefSchema,
  imageRefSchema,
  planDigestSchema,
  planIdSchema,
  policyNameSchema,
} from '../planning/intent-schema';
import { policySchema } from '../policies/policy-schema';
import { MOST_FLEET_ENGINES } from '../../src-shared/fleet';

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

/** A remote engine for a new context: tcp:// or ssh://, in the same grammar as selectEngine's. */
export const remoteHostSchema = hostSchema.refine(
  (host) => /^(tcp|ssh):\/\//.test(host),
  'a remote engine: must start with tcp:// or ssh://',
);

/** A docker context name, as the docker CLI accepts it (never "default", never a path). */
export const contextNameSchema = boundedString(2, 128)
  .regex(CONTEXT_NAME, 'not a context name: letters, digits and _ . + -, starting with a letter or digit')
  .refine((name) => name !== DEFAULT_CONTEXT_NAME, '"default" is the docker CLI’s built-in context');

/** A file on this computer, by absolute path (the form's field, never a path relative to main's folder). */
export const absolutePathSchema = boundedString(1, 4096)
  .refine(hasNoControl, 'control characters are not allowed')
  .refine((path) => isAbsolute(path), 'must be an absolute path');

const engineAddressShape = {
  host: remoteHostSchema,
  caPath: absolutePathSchema.optional(),
  certPath: absolutePathSchema.optional(),
  keyPath: absolutePathSchema.optional(),
  skipTlsVerify: z.boolean().optional(),
};

/** A channel's payload: a plain object with exactly these keys. */
function payload<Shape extends z.ZodRawShape>(shape: Shape) {
  const object = z.object(shape).strict();
  // Typed as the object's input, so z.input<> of a channel's schema stays its contract args.
  return z.custom<z.input<typeof object>>(isPlainObject, 'expected a plain object').pipe(object);
}

const noArgs = payload({});

/** A trash entry: "<plan id>/<step id>", exactly as main names the archive (never a path); the one rule in src-shared. */
export const trashEntryIdSchema = boundedString(39, 44).regex(TRASH_ENTRY_ID, 'not a trash entry');

/** A size or a number of days: whole, not negative, exact in a double. */
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const schemas = {
  inventory: payload({ refresh: z.boolean().optional() }),
  diskUsage: payload({ refresh: z.boolean().optional() }),
  diskLevels: noArgs,
  diskSettings: noArgs,
  setDiskSettings: payload({ measureWithHelper: z.boolean().optional(), helperImage: imageRefSchema.optional() }),
  volumes: payload({ sizes: z.boolean().optional() }),
  engineHealth: noArgs,
  listEndpoints: noArgs,
  selectEngine: payload({ host: hostSchema }),
  imageLayers: payload({ id: imageRefSchema }),
  stopContainer: payload({ id: containerRefSchema }),
  startContainer: payload({ id: containerRefSchema }),
  buildCache: noArgs,
  previewPlan: payload({ intent: cleanupIntentSchema }),
  executePlan: payload({ planId: planIdSchema, digest: planDigestSchema }),
  cancelPlan: payload({ planId: planIdSchema }),
  resumePlan: payload({ planId: planIdSchema }),
  history: noArgs,
  exportHistory: payload({ format: z.enum(['json', 'csv']) }),
  trash: noArgs,
  restoreFromTrash: payload({ id: trashEntryIdSchema }),
  setTrashSettings: payload({
    keep: z.enum(['not-pullable', 'all', 'none']).optional(),
    maxBytes: count.optional(),
    maxAgeDays: count.optional(),
  }),
  policies: noArgs,
  savePolicy: payload({ policy: policySchema, previousName: policyNameSchema.optional() }),
  removePolicy: payload({ name: policyNameSchema }),
  fleet: noArgs,
  setFleet: payload({ hosts: z.array(hostSchema).max(MOST_FLEET_ENGINES) }),
  previewFleetPlan: payload({
    // The watched engines besides the current one, and the current one.
    hosts: z
      .array(hostSchema)
      .min(1)
      .max(MOST_FLEET_ENGINES + 1),
    intent: cleanupIntentSchema,
  }),
  executeFleetPlan: payload({ fleetPlanId: planIdSchema }),
  engineContexts: noArgs,
  testEngine: payload(engineAddressShape),
  testEngineContext: payload({ name: contextNameSchema }),
  addEngine: payload({ ...engineAddressShape, name: contextNameSchema, test: z.boolean().optional() }),
  removeEngine: payload({ name: contextNameSchema }),
} satisfies Record<Channel, z.ZodType>;

export type Schemas = typeof schemas;
