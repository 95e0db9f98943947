// How an engine is named on screen: product and version when connected,
// otherwise the endpoint's own label.

import { engineName } from '../../src-shared/engine-name';
import type { EngineHealth } from '../../src-shared/model';

export function engineTitle(health: EngineHealth | null): string | null {
  if (health?.state !== 'connected') return null;
  return `${engineName(health.engine.kind)} ${health.engine.version}`;
}

export type HealthTone = 'ok' | 'pending' | 'down';

/** connected → ok, connecting → pending, anything else → down. */
export function toneOfState(state: EngineHealth['state']): HealthTone {
  if (state === 'connected') return 'ok';
  return state === 'connecting' ? 'pending' : 'down';
}

/** An engine not yet known is on its way: pending. */
export function healthTone(health: EngineHealth | null): HealthTone {
  return health ? toneOfState(health.state) : 'pending';
}
