// The renderer's typed client: window.barnacle, as the preload exposes it.

import type { BarnacleApi } from '../../src-shared/contract';

declare global {
  interface Window {
    barnacle?: BarnacleApi;
  }
}

export function api(): BarnacleApi {
  if (!window.barnacle) throw new Error('Barnacle’s preload bridge is missing: open Barnacle as the desktop app.');
  return window.barnacle;
}
