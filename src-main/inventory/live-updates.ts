// Follows the engine's event stream so a change made elsewhere (a terminal, an
// IDE) shows within a second. Bursts (a prune emits one event per layer) are
// debounced into one refresh.
//
// Some engines answer everything but /events (a socket proxy, an authorization
// plugin that denies it), or end the stream at once. The stream then gets its
// own retries with growing delays, and the lists are read on a slow timer
// meanwhile; the engine connection is dropped only when the engine itself
// stops answering.

import type Docker from 'dockerode';
import { Backoff, exponentialDelays } from '../engine/backoff';
import { readEngineFailure } from '../engine/engine-error';

export interface LiveUpdatesOptions {
  debounceMs?: number;
  onChange: () => void;
  /** The stream ended or failed. */
  onLost: (err: unknown) => void;
}

export interface LiveUpdates {
  close(): void;
}

/** One event stream, as long as it lasts. Rejects when the engine does not open it. */
export async function followEngineEvents(docker: Docker, options: LiveUpdatesOptions): Promise<LiveUpdates> {
  const debounceMs = options.debounceMs ?? 250;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const stream = (await docker.getEvents({
    filters: JSON.stringify({ type: ['image', 'container'] }),
  })) as NodeJS.ReadableStream & { destroy?: () => void };

  stream.on('data', () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      if (!closed) options.onChange();
    }, debounceMs);
  });
  const lost = (err: unknown) => {
    if (closed) return;
    closed = true;
    // A change seen just before the end is still a change.
    if (timer) {
      clearTimeout(timer);
      timer = null;
      options.onChange();
    }
    options.onLost(err);
  };
  stream.on('end', () => lost(new Error('engine event stream ended')));
  stream.on('close', () => lost(new Error('engine event stream closed')));
  stream.on('error', lost);

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      stream.destroy?.();
    },
  };
}

/** How the stream is retried and what stands in for it meanwhile. Defaults suit the app; tests shrink them. */
export interface LiveUpdatesTuning {
  /** Delays between tries to open the stream again: first, doubling up to max (ms). Default 1 s → 60 s. */
  retryMs?: { first: number; max: number };
  /** How often the lists are read while the stream is unavailable (ms). Default 30 s (the switcher says so: engine.polling). */
  pollMs?: number;
  /** How long the stream must stay open before its retry delays start over (ms). Default 30 s. */
  stableMs?: number;
  /** How long a reopened stream must stay open before it counts as live again (ms). Default 1 s. */
  confirmMs?: number;
  debounceMs?: number;
}

export type LiveMode = 'live' | 'polling';

export interface KeepFollowingOptions extends LiveUpdatesTuning {
  /** Reads the lists again (on an event, on the polling timer, after the stream came back). */
  refresh: () => Promise<unknown>;
  /** The stream became unavailable ('polling') or is back ('live'). Called on changes only. */
  onMode: (mode: LiveMode) => void;
  /** The engine itself stopped answering: the connection is gone. Nothing more happens after this. */
  onEngineGone: (err: unknown) => void;
  /** Is the engine still there? Default: GET /_ping; only a failure without any HTTP answer counts as gone. */
  probe?: () => Promise<boolean>;
}

/** Whether an engine call failed without the engine answering at all (socket errors, not HTTP statuses). */
function noAnswer(err: unknown): boolean {
  return readEngineFailure(err).statusCode === undefined;
}

/** Follows the event stream for as long as the connection lasts, retrying it with backoff and polling meanwhile. */
export function keepFollowingEvents(docker: Docker, options: KeepFollowingOptions): LiveUpdates {
  const retry = options.retryMs ?? { first: 1_000, max: 60_000 };
  const pollMs = options.pollMs ?? 30_000;
  const confirmMs = options.confirmMs ?? 1_000;
  const backoff = new Backoff(exponentialDelays(retry.first, retry.max), options.stableMs ?? 30_000);
  const probe =
    options.probe ??
    (() =>
      docker.ping().then(
        () => true,
        (err: unknown) => !noAnswer(err),
      ));
  const alive = () => probe().catch(() => false);
  const refresh = () => void options.refresh().catch(() => undefined);

  let closed = false;
  let mode: LiveMode | null = null;
  let stream: LiveUpdates | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  let confirmTimer: NodeJS.Timeout | null = null;

  const later = (fn: () => void, ms: number): NodeJS.Timeout => {
    const timer = setTimeout(fn, ms);
    // Background work must not keep a CLI process alive.
    timer.unref?.();
    return timer;
  };
  const setMode = (next: LiveMode) => {
    if (closed || next === mode) return;
    mode = next;
    options.onMode(next);
  };
  const stop = () => {
    closed = true;
    for (const timer of [retryTimer, pollTimer, confirmTimer]) if (timer) clearTimeout(timer);
    retryTimer = pollTimer = confirmTimer = null;
    stream?.close();
    stream = null;
  };
  const gone = (err: unknown) => {
    if (closed) return;
    stop();
    options.onEngineGone(err);
  };

  const open = async () => {
    retryTimer = null;
    if (closed) return;
    // The stream may end before followEngineEvents' promise is taken up here.
    const attempt: { opened: LiveUpdates | null; endedEarly: { err: unknown } | null } = {
      opened: null,
      endedEarly: null,
    };
    try {
      const opened = await followEngineEvents(docker, {
        debounceMs: options.debounceMs ?? 250,
        onChange: refresh,
        onLost: (err) => {
          if (!attempt.opened) attempt.endedEarly = { err };
          else if (stream === attempt.opened) void down(err, true);
        },
      });
      attempt.opened = opened;
      if (closed) return opened.close();
      if (attempt.endedEarly) return await down(attempt.endedEarly.err, true);
      stream = opened;
      backoff.up();
      // Live once it has stayed open a moment; a stream that ends at once leaves the polling as it was.
      const wasPolling = mode === 'polling';
      confirmTimer = later(() => {
        confirmTimer = null;
        if (closed || stream !== opened) return;
        if (pollTimer) clearTimeout(pollTimer);
        pollTimer = null;
        setMode('live');
        // What changed since the last poll.
        if (wasPolling) refresh();
      }, confirmMs);
    } catch (err) {
      await down(err, false);
    }
  };

  /** The stream failed to open, or ended: check the engine, then poll and retry later. */
  const down = async (err: unknown, wasOpen: boolean) => {
    stream = null;
    if (confirmTimer) clearTimeout(confirmTimer);
    confirmTimer = null;
    if (closed) return;
    // An HTTP answer (403, 404, 500) means the engine is there and refused the stream.
    if ((wasOpen || noAnswer(err)) && !(await alive())) return gone(err);
    if (closed) return;
    setMode('polling');
    if (!pollTimer) pollTimer = later(poll, pollMs);
    if (!retryTimer) retryTimer = later(() => void open(), backoff.next());
  };

  const poll = async () => {
    pollTimer = null;
    if (closed || mode !== 'polling') return;
    try {
      await options.refresh();
    } catch (err) {
      if (noAnswer(err) && !(await alive())) return gone(err);
    }
    if (!closed && mode === 'polling' && !pollTimer) pollTimer = later(poll, pollMs);
  };

  void open();
  return { close: stop };
}
