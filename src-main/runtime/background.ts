// Work started and not awaited still has its failure handled: an unhandled
// rejection would end the process (Node's default) or vanish without a word.
// Each is logged with what it was, and handed to whoever can show it where the
// person acted. Lint (no-floating-promises, `void` not counted) holds main to it.

export type ShowFailure = (err: unknown) => void;

/** Runs `work` without waiting for it; a failure is logged as `what`, then passed to `shown`. */
export function inBackground(work: Promise<unknown>, what: string, shown?: ShowFailure): void {
  work.catch((err: unknown) => {
    console.error(`Barnacle: ${what} failed:`, err);
    try {
      shown?.(err);
    } catch (showErr) {
      console.error(`Barnacle: showing that ${what} failed, failed too:`, showErr);
    }
  });
}
