// Follows the engine's event stream so a change made elsewhere (a terminal, an
// IDE) shows within a second. Events are collected over a short window and
// handed over as one batch (a prune of 500 images is one batch, not 500
// updates); the inventory reads back only what they name (engine-events.ts).
//
// Some engines answer everything but /events (a socket proxy, an authorization
// plugin that denies it), or end the stream at once. The stream then gets its
// own retries with growing delays, and the lists are read on a slow timer
// meanwhile; the engine connection is dropped only when the engine itself
// stops answering.

import type Docker from 'dockerode';
import { Backoff, exponentialDelays } from '../engine/backoff';
import { readEngineFailure } from '../engine/engine-error';
import { parseEngineEvent, type EngineEvent } from './engine-events';
import { inBackground } from '../runtime/background';

export interface LiveUpdatesOptions {
  debounceMs?: number;
  /** The image and container events of one window, in order. */
  onChange: (events: EngineEvent[]) => void;
  /** The stream ended or failed. */
  onLost: (err: unknown) => void;
  /** Unix seconds: replay the events since then first (what happened while the lists were read). */
  since?: number;
}

export interface LiveUpdates {
  close(): void;
}

/** One event stream, as long as it lasts. Rejects when the engine does not open it. */
export async function followEngineEvents(docker: Docker, options: LiveUpdatesOptions): Promise<LiveUpdates> {
  const debounceMs = options.debounceMs ?? 250;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let pending: EngineEvent[] = [];
  let partial = '';
  const stream = (await docker.getEvents({
    filters: JSON.stringify({ type: ['image', 'container'] }),
    ...(options.since !== undefined ? { since: options.since } : {}),
  })) as NodeJS.ReadableStream & { destroy?: () => void };

  const flush = () => {
    timer = null;
    const batch = pending;
    pending = [];
    if (!closed && batch.length) options.onChange(batch);
  };
  // One JSON object per line; a chunk may end inside one.
  stream.on('data', (chunk: Buffer | string) => {
    if (closed) return;
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const event = line.trim() ? parseEngineEvent(line) : null;
      if (event) pending.push(event);
    }
    if (pending.length && !timer) timer = setTimeout(flush, debounceMs);
  });
  const lost = (err: unknown) => {
    if (closed) return;
    // A change seen just before the end is still a change.
    if (timer) {
      clearTimeout(timer);
      flush();
    }
    closed = true;
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
  /**
   * While the stream is live, how often the lists are read in full anyway, in case
   * an event was missed (ms). Default 15 min: on the containerd store a full read
   * of a big host costs the engine seconds of CPU.
   */
  relistMs?: number;
}

export type LiveMode = 'live' | 'polling';

export interface KeepFollowingOptions extends LiveUpdatesTuning {
  /** Reads the lists in full (on the polling and safety timers, after the stream came back). */
  refresh: () => Promise<unknown>;
  /** A batch of events from the live stream. */
  onEvents: (events: EngineEvent[]) => Promise<unknown>;
  /** The stream became unavailable ('polling') or is back ('live'). Called on changes only. */
  onMode: (mode: LiveMode) => void;
  /** The engine itself stopped answering: the connection is gone. Nothing more happens after this. */
  onEngineGone: (err: unknown) => void;
  /**
   * Unix seconds, for the first stream: replay the events since then, so a change made
   * while the first lists were read is not missed. Later streams follow a full read.
   */
  since?: number;
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
  const relistMs = options.relistMs ?? 15 * 60_000;

  let closed = false;
  let mode: LiveMode | null = null;
  let stream: LiveUpdates | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  let confirmTimer: NodeJS.Timeout | null = null;
  let relistTimer: NodeJS.Timeout | null = null;
  let since = options.since;

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
    for (const timer of [retryTimer, pollTimer, confirmTimer, relistTimer]) if (timer) clearTimeout(timer);
    retryTimer = pollTimer = confirmTimer = relistTimer = null;
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
        ...(since !== undefined ? { since } : {}),
        onChange: (events) => void options.onEvents(events).catch(refresh),
        onLost: (err) => {
          if (!attempt.opened) attempt.endedEarly = { err };
          else if (stream === attempt.opened)
            inBackground(down(err, true), 'falling back after the event stream ended');
        },
      });
      attempt.opened = opened;
      since = undefined;
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
        scheduleRelist();
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
    if (!pollTimer) pollTimer = later(pollInBackground, pollMs);
    if (!retryTimer) retryTimer = later(() => inBackground(open(), 'reopening the event stream'), backoff.next());
  };

  /** The safety net while live: a full read now and then, in case an event was missed. */
  const scheduleRelist = () => {
    if (relistTimer) clearTimeout(relistTimer);
    relistTimer = later(() => {
      relistTimer = null;
      if (closed || mode !== 'live') return;
      refresh();
      scheduleRelist();
    }, relistMs);
  };

  const poll = async () => {
    pollTimer = null;
    if (closed || mode !== 'polling') return;
    try {
      await options.refresh();
    } catch (err) {
      if (noAnswer(err) && !(await alive())) return gone(err);
    }
    if (!closed && mode === 'polling' && !pollTimer) pollTimer = later(pollInBackground, pollMs);
  };
  const pollInBackground = () => inBackground(poll(), 'polling the engine');

  inBackground(open(), 'opening the event stream');
  return { close: stop };
}
