// How long to wait before trying again, for anything that connects and can drop:
// the engine connection, its event stream. The count of attempts starts over
// only once the thing has stayed up for a while: a connection that opens and
// drops at once (a proxy that refuses one endpoint) must keep backing off
// rather than look like a fresh success every time.

/** The delay before attempt `n` (0-based): n = 0 is the first retry after a failure. */
export type DelaySchedule = (attempt: number) => number;

/** first, first·factor, first·factor², … capped at max. */
export function exponentialDelays(firstMs: number, maxMs: number, factor = 2): DelaySchedule {
  if (!(firstMs > 0) || !(maxMs >= firstMs) || !(factor >= 1)) {
    throw new RangeError(`bad backoff: first ${firstMs} ms, max ${maxMs} ms, factor ${factor}`);
  }
  return (attempt) => Math.min(maxMs, firstMs * factor ** Math.max(0, attempt));
}

/** The given delays in turn; the last one repeats. */
export function listedDelays(delaysMs: readonly number[], fallbackMs = 15_000): DelaySchedule {
  return (attempt) => delaysMs[Math.min(Math.max(0, attempt), delaysMs.length - 1)] ?? fallbackMs;
}

export class Backoff {
  private attemptNow = 0;
  private upSince: number | null = null;

  /**
   * @param schedule the delay for each attempt
   * @param stableMs how long it must stay up before the attempts start over
   */
  constructor(
    private readonly schedule: DelaySchedule,
    private readonly stableMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Failures since it was last up long enough. */
  get attempt(): number {
    return this.attemptNow;
  }

  /** It is up (connected, streaming), from now. */
  up(): void {
    this.upSince = this.now();
  }

  /** Whether it is up and has been for stableMs. */
  get stable(): boolean {
    return this.upSince !== null && this.now() - this.upSince >= this.stableMs;
  }

  /**
   * It went down. Returns true when it had stayed up for stableMs: the
   * attempts start over (the caller may then try once at once).
   */
  down(): boolean {
    const wasStable = this.stable;
    this.upSince = null;
    if (wasStable) this.attemptNow = 0;
    return wasStable;
  }

  /** A try failed or it went down: the delay before the next try; counts the attempt. */
  next(): number {
    this.down();
    return this.schedule(this.attemptNow++);
  }

  /** Forget everything (another engine, or closed). */
  reset(): void {
    this.attemptNow = 0;
    this.upSince = null;
  }
}
