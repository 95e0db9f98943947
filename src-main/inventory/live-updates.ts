// Follows the engine's event stream so a change made elsewhere (a terminal, an
// IDE) shows within a second. Bursts (a prune emits one event per layer) are
// debounced into one refresh.

import type Docker from 'dockerode';

export interface LiveUpdatesOptions {
  debounceMs?: number;
  onChange: () => void;
  /** The stream ended or failed: the engine is probably gone. */
  onLost: (err: unknown) => void;
}

export interface LiveUpdates {
  close(): void;
}

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
    if (timer) clearTimeout(timer);
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
