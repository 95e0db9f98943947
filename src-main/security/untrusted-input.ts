// The two checks every schema of untrusted input starts from (IPC payloads,
// saved plan files, history entries read back): a string's length before any
// pattern runs on it, and an object that is a plain {…} and nothing else.

import { z } from 'zod';

/** A string of bounded length; `abort` stops there, so no pattern ever runs on a megabyte. */
export const boundedString = (min: number, max: number) =>
  z.string().min(min, { abort: true }).max(max, { abort: true });

/** What structured clone gives for a plain `{…}`; not an array, Date, Map, class instance or inherited keys. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
