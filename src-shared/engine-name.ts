// The product behind an engine kind, as people know it: the same word in the
// tray, the CLI's and main's messages, and the renderer's screens. (Product
// names are not translated.)

import type { EngineKind } from './model';

const productNames: Record<EngineKind, string> = { docker: 'Docker', podman: 'Podman' };

export function engineName(kind: EngineKind): string {
  return productNames[kind];
}
