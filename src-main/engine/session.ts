// The one live engine connection, its health, and reconnecting when the engine
// goes away (restart, laptop sleep, Docker Desktop quitting) and comes back.

import { phrase } from '../../src-shared/phrase';
import { say } from '../../src-shared/messages/translate';
import type { Endpoint, EngineHealth } from '../../src-shared/model';
import { Backoff, listedDelays } from './backoff';
import { connect as connectToEndpoint, ConnectionFailure, type EngineConnection } from './connection';
import { inBackground } from '../runtime/background';

export interface SessionOptions {
  /** Delays between reconnect attempts (ms); the last repeats. */
  backoffMs?: number[];
  /**
   * How long a connection (or the event stream) must stay up before the retry
   * delays start over from the first (ms). Default 30 s.
   */
  stableMs?: number;
  connect?: (endpoint: Endpoint) => Promise<EngineConnection>;
}

type HealthListener = (health: EngineHealth) => void;

export class EngineSession {
  private connection: EngineConnection | null = null;
  private healthNow: EngineHealth;
  private readonly listeners = new Set<HealthListener>();
  private retryTimer: NodeJS.Timeout | null = null;
  /** Reconnect delays; the count starts over only after a connection stayed up for stableMs. */
  private readonly backoff: Backoff;
  /** Whether the current endpoint ever answered: a socket that vanished then means the engine stopped. */
  private answeredBefore = false;
  private generation = 0;
  private connecting: Promise<EngineHealth> | null = null;
  private readonly connectFn: (endpoint: Endpoint) => Promise<EngineConnection>;

  constructor(
    private endpointNow: Endpoint,
    options: SessionOptions = {},
  ) {
    this.backoff = new Backoff(
      listedDelays(options.backoffMs ?? [500, 1000, 2000, 4000, 8000, 15000]),
      options.stableMs ?? 30_000,
    );
    this.connectFn = options.connect ?? connectToEndpoint;
    this.healthNow = { state: 'connecting', endpoint: endpointNow };
  }

  get endpoint(): Endpoint {
    return this.endpointNow;
  }

  get health(): EngineHealth {
    return this.healthNow;
  }

  /** The live connection, or null while the engine is away. */
  current(): EngineConnection | null {
    return this.connection;
  }

  onHealth(listener: HealthListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Connects now; on failure, keeps retrying in the background with backoff. */
  start(): Promise<EngineHealth> {
    if (this.connecting) return this.connecting;
    const generation = this.generation;
    this.connecting = this.tryConnect(generation).finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** Switches to another endpoint; the old connection is dropped. */
  switchTo(endpoint: Endpoint): Promise<EngineHealth> {
    this.generation++;
    this.clearRetry();
    this.connection = null;
    this.backoff.reset();
    this.answeredBefore = false;
    this.endpointNow = endpoint;
    this.setHealth({ state: 'connecting', endpoint });
    this.connecting = null;
    return this.start();
  }

  /**
   * Called when a request found no engine: drop the connection and reconnect,
   * at once if it had stayed up for a while, else after the next backoff delay
   * (an engine that answers /version but drops what follows must not be
   * reconnected to as fast as it answers).
   */
  lost(): void {
    if (!this.connection) return;
    this.connection = null;
    if (this.backoff.down()) {
      inBackground(this.start(), 'reconnecting to the engine');
      return;
    }
    const delay = this.backoff.next();
    this.setHealth({ state: 'connecting', endpoint: this.endpointNow });
    this.scheduleRetry(delay);
  }

  /**
   * The event stream is unavailable and the lists are read on a timer instead
   * ('polling'), or it is back ('live'): shown as part of the connected state.
   */
  setLiveUpdates(mode: 'live' | 'polling'): void {
    const health = this.healthNow;
    if (health.state !== 'connected' || (health.liveUpdates === 'polling') === (mode === 'polling')) return;
    const { liveUpdates: _previous, ...connected } = health;
    this.setHealth(mode === 'polling' ? { ...connected, liveUpdates: 'polling' } : connected);
  }

  stop(): void {
    this.generation++;
    this.clearRetry();
    this.listeners.clear();
  }

  private async tryConnect(generation: number): Promise<EngineHealth> {
    try {
      const connection = await this.connectFn(this.endpointNow);
      if (generation !== this.generation) return this.healthNow;
      this.clearRetry();
      this.connection = connection;
      this.backoff.up();
      this.answeredBefore = true;
      this.setHealth({ state: 'connected', endpoint: this.endpointNow, engine: connection.engine });
    } catch (err) {
      if (generation !== this.generation) return this.healthNow;
      const delay = this.backoff.next();
      let base =
        err instanceof ConnectionFailure
          ? err.health
          : { state: 'unreachable' as const, endpoint: this.endpointNow, message: String(err) };
      // dockerd and podman delete their socket on shutdown.
      if (base.state === 'socket-not-found' && this.answeredBefore) {
        const says = phrase('health.stopped', { where: this.endpointNow.host });
        base = { state: 'not-running', endpoint: this.endpointNow, message: say('en', says), says };
      }
      this.setHealth({ ...base, retryAt: Date.now() + delay });
      this.scheduleRetry(delay);
    }
    return this.healthNow;
  }

  private scheduleRetry(delay: number): void {
    this.clearRetry();
    const generation = this.generation;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (generation === this.generation) inBackground(this.start(), 'reconnecting to the engine');
    }, delay);
    // A reconnect loop must not keep a CLI process alive.
    this.retryTimer.unref?.();
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setHealth(health: EngineHealth): void {
    this.healthNow = health;
    for (const l of this.listeners) l(health);
  }
}
