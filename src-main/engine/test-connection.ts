// One bounded connection attempt, for lists and checks that must not wait on a
// silent tcp:// or ssh:// address (`barnacle engines`, `barnacle engines add`'s
// test before writing, Settings' "Test", and each engine of a fleet).

import { phrase, type Phrase } from '../../src-shared/phrase';
import { say } from '../../src-shared/messages/translate';
import type { Endpoint, EngineHealth, EngineInfo } from '../../src-shared/model';
import { connect, ConnectionFailure, type EngineConnection } from './connection';

export const TEST_TIMEOUT_MS = 5000;

export interface ConnectionTest {
  /** 'connected', or the health state that says why not. */
  state: EngineHealth['state'];
  engine?: EngineInfo;
  /** English, for logs and --json. */
  message?: string;
  /** The same, as a phrase people read in their language. */
  says?: Phrase;
}

/**
 * A connection within `timeoutMs`, or a ConnectionFailure saying what stood in the
 * way: the engine's own (its state, an SSH host key's details), or that it gave no
 * answer in time. A followed fleet engine connects through this on every retry.
 */
export async function connectBounded(endpoint: Endpoint, timeoutMs = TEST_TIMEOUT_MS): Promise<EngineConnection> {
  let timer: NodeJS.Timeout | undefined;
  const silent = phrase('health.noAnswerWithin', { where: endpoint.host, seconds: timeoutMs / 1000 });
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ConnectionFailure({ state: 'unreachable', endpoint, message: say('en', silent), says: silent })),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([connect(endpoint), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A connection within `timeoutMs`, or what stood in the way (never a throw). */
export async function connectWithin(
  endpoint: Endpoint,
  timeoutMs = TEST_TIMEOUT_MS,
): Promise<
  | { connection: EngineConnection }
  | { failure: ConnectionTest & { state: Exclude<EngineHealth['state'], 'connected'> } }
> {
  try {
    return { connection: await connectBounded(endpoint, timeoutMs) };
  } catch (err) {
    if (err instanceof ConnectionFailure) {
      const { state, message } = err.health;
      return {
        failure: { state, message, ...('says' in err.health && err.health.says ? { says: err.health.says } : {}) },
      };
    }
    return { failure: { state: 'unreachable', message: (err as Error).message } };
  }
}

export async function testConnection(endpoint: Endpoint, timeoutMs = TEST_TIMEOUT_MS): Promise<ConnectionTest> {
  const reached = await connectWithin(endpoint, timeoutMs);
  return 'connection' in reached ? { state: 'connected', engine: reached.connection.engine } : reached.failure;
}
