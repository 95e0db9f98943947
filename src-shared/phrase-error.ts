// An error main raises with words for a person. The phrase travels with it (as
// BarnacleError.says over IPC, into the tray's notification, to the CLI) so
// each says it in its own language; `message` is the English, for logs and --json.

import { say } from './messages/translate';
import type { Phrase } from './phrase';
import type { BarnacleError } from './errors';

export class PhraseError extends Error {
  /**
   * The kind a refusal reports as (a stale plan, a "no"), set by the subclasses that are
   * one: callers read it here instead of importing each class (the CLI's error mapping
   * would otherwise load the planner and the history for `barnacle ls`).
   */
  declare readonly kind?: BarnacleError['kind'];

  constructor(readonly says: Phrase) {
    super(say('en', says));
  }
}

/** What a person reads for anything thrown: main's phrase when it has one, else the error's own words. */
export function saysOf(err: unknown): { message: string; says?: Phrase } {
  if (err instanceof PhraseError) return { message: err.message, says: err.says };
  return { message: err instanceof Error ? err.message : String(err) };
}

/**
 * Main's own refusals (a stale plan, a "no" in main's dialog) as the typed error the
 * window and the CLI show: their kind and their phrase. Null for anything else.
 */
export function refusalOf(err: unknown): BarnacleError | null {
  return err instanceof PhraseError && err.kind ? { kind: err.kind, message: err.message, says: err.says } : null;
}
