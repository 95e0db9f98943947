// Builds `window.barnacle` from the contract and a transport. The preload
// passes ipcRenderer-backed functions; browser tests pass Playwright bindings.
// Keeping one builder means the test page sees exactly the API the app sees.

import { channels, eventNames, type BarnacleApi, type Channel, type EventMap, type EventName } from './contract';
import type { Result } from './errors';

export interface BridgeTransport {
  invoke(channel: Channel, args: unknown): Promise<Result<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export function buildBarnacleApi(transport: BridgeTransport): BarnacleApi {
  const api: Record<string, unknown> = {};
  for (const channel of channels) {
    // Default to {} so a renderer call without arguments still validates.
    api[channel] = (args: unknown = {}) => transport.invoke(channel, args);
  }
  api.on = <E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) => {
    if (!(eventNames as readonly string[]).includes(event)) throw new Error(`unknown event ${String(event)}`);
    return transport.subscribe(event, listener as (payload: unknown) => void);
  };
  return Object.freeze(api) as BarnacleApi;
}
