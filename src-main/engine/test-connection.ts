// One bounded connection attempt, for lists and checks that must not wait on a
// silent tcp:// or ssh:// address (`barnacle engines`, `barnacle engines add`'s
// test before writing, and a Settings "Test" button when there is one).

import { phrase, type Phrase } from '../../src-shared/phrase';
import { say } from '../../src-shared/messages/translate';
import type { Endpoint, EngineHealth, EngineInfo } from '../../src-shared/model';
import { connect, ConnectionFailure } from './connection';

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

export async function testConnection(endpoint: Endpoint, timeoutMs = TEST_TIMEOUT_MS): Promise<ConnectionTest> {
  let timer: NodeJS.Timeout | undefined;
  const silent = phrase('health.noAnswerWithin', { where: endpoint.host, seconds: timeoutMs / 1000 });
  const timedOut = new Error('timeout');
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut), timeoutMs);
  });
  try {
    const connection = await Promise.race([connect(endpoint), timeout]);
    return { state: 'connected', engine: connection.engine };
  } catch (err) {
    if (err instanceof ConnectionFailure) {
      const { state, message } = err.health;
      return { state, message, ...('says' in err.health && err.health.says ? { says: err.health.says } : {}) };
    }
    if (err === timedOut) return { state: 'unreachable', message: say('en', silent), says: silent };
    return { state: 'unreachable', message: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
