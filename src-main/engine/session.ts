// The one live engine connection, its health, and reconnecting when the engine
// goes away (restart, laptop sleep, Docker Desktop quitting) and comes back.

import type { Endpoint, EngineHealth } from '../../src-shared/model';
import { connect as connectToEndpoint, ConnectionFailure, type EngineConnection } from './connection';

export interface SessionOptions {
  /** Delays between reconnect attempts (ms); the last repeats. */
  backoffMs?: number[];
  connect?: (endpoint: Endpoint) => Promise<EngineConnection>;
}

type HealthListener = (health: EngineHealth) => void;

export class EngineSession {
  private connection: EngineConnection | null = null;
  private healthNow: EngineHealth;
  private readonly listeners = new Set<HealthListener>();
  private retryTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  /** Whether the current endpoint ever answered: a socket that vanished then means the engine stopped. */
  private answeredBefore = false;
  private generation = 0;
  private connecting: Promise<EngineHealth> | null = null;
  private readonly backoffMs: number[];
  private readonly connectFn: (endpoint: Endpoint) => Promise<EngineConnection>;

  constructor(
    private endpointNow: Endpoint,
    options: SessionOptions = {},
  ) {
    this.backoffMs = options.backoffMs ?? [500, 1000, 2000, 4000, 8000, 15000];
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
    this.attempt = 0;
    this.answeredBefore = false;
    this.endpointNow = endpoint;
    this.setHealth({ state: 'connecting', endpoint });
    this.connecting = null;
    return this.start();
  }

  /** Called when a request found no engine: drop the connection and start reconnecting. */
  lost(): void {
    if (!this.connection) return;
    this.connection = null;
    this.attempt = 0;
    void this.start();
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
      this.connection = connection;
      this.attempt = 0;
      this.answeredBefore = true;
      this.setHealth({ state: 'connected', endpoint: this.endpointNow, engine: connection.engine });
    } catch (err) {
      if (generation !== this.generation) return this.healthNow;
      const delay = this.backoffMs[Math.min(this.attempt, this.backoffMs.length - 1)] ?? 15000;
      this.attempt++;
      let base =
        err instanceof ConnectionFailure
          ? err.health
          : { state: 'unreachable' as const, endpoint: this.endpointNow, message: String(err) };
      // dockerd and podman delete their socket on shutdown.
      if (base.state === 'socket-not-found' && this.answeredBefore) {
        base = {
          state: 'not-running',
          endpoint: this.endpointNow,
          message: `The engine at ${this.endpointNow.host} stopped. Start it again, and Barnacle reconnects.`,
        };
      }
      this.setHealth({ ...base, retryAt: Date.now() + delay });
      this.clearRetry();
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        void this.start();
      }, delay);
      // A reconnect loop must not keep a CLI process alive.
      this.retryTimer.unref?.();
    }
    return this.healthNow;
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
