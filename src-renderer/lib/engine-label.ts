// How an engine is named on screen: product and version when connected,
// otherwise the endpoint's own label.

import { engineName } from '../../src-shared/engine-name';
import type { EngineHealth } from '../../src-shared/model';

export function engineTitle(health: EngineHealth | null): string | null {
  if (health?.state !== 'connected') return null;
  return `${engineName(health.engine.kind)} ${health.engine.version}`;
}

/** connected → ok, connecting → pending, anything else → down. */
export function healthTone(health: EngineHealth | null): 'ok' | 'pending' | 'down' {
  if (!health || health.state === 'connecting') return 'pending';
  return health.state === 'connected' ? 'ok' : 'down';
}
