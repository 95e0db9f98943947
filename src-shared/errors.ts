// Every failure Barnacle reports, as data. The same shape crosses IPC, is printed
// by the CLI with --json, and drives the renderer's guided fix-it flows.

import type { HostKeyProblem } from './model';
import type { Phrase } from './phrase';

export const conflictKinds = [
  'running-container',
  'stopped-container',
  'multiple-references',
  'reference-in-use',
  'dependent-children',
  'not-found',
  'prune-already-running',
  'container-running',
  'engine-unreachable',
  'permission-denied',
  'api-version',
  'unknown',
] as const;
export type ConflictKind = (typeof conflictKinds)[number];

/** Failures that are not the engine's answer: bad input, or a plan that no longer matches. */
export const localErrorKinds = ['validation', 'forbidden-sender', 'plan-stale', 'cancelled'] as const;
export type LocalErrorKind = (typeof localErrorKinds)[number];

export type ErrorKind = ConflictKind | LocalErrorKind;

/** A container named in an engine message, resolved against the inventory. */
export interface NamedContainer {
  id: string;
  name: string | null;
  state: string | null;
}

export interface BarnacleError {
  kind: ErrorKind;
  /** Plain words for a person, in English (logs, --json). */
  message: string;
  /** The same as a catalogue phrase, when main has one: what the window and the CLI show, in their language. */
  says?: Phrase;
  /** The engine's own message, verbatim. */
  engineMessage?: string;
  statusCode?: number;
  /** Image the engine named (short or full ID, or a reference). */
  image?: string;
  /** Containers the engine named, resolved to names where the inventory knows them. */
  containers?: NamedContainer[];
  /** Tags involved (several references). */
  references?: string[];
  /** Validation failures: which field, what was wrong. */
  issues?: { path: string; message: string }[];
  /** An ssh:// engine whose host key was refused: what it offered, and how to check and trust it. */
  hostKey?: HostKeyProblem;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: BarnacleError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: BarnacleError): Result<T> => ({ ok: false, error });
