// Which containers hold their image: a running, paused or restarting container
// keeps it in use, and an engine refuses to remove the image even with force
// until it is stopped; every other state counts as stopped. One rule for the
// planner, the conflict classifier, disk usage, the tables and the fix flows.

import type { ContainerState } from './model';

export type ActiveContainerState = Extract<ContainerState, 'running' | 'paused' | 'restarting'>;

const activeStates: ReadonlySet<string> = new Set<ActiveContainerState>(['running', 'paused', 'restarting']);

/**
 * Any string, not only a ContainerState: engines send states outside the union
 * (Podman's "stopped", a state quoted in an engine message, /system/df's raw
 * field), and a state nobody gave holds nothing.
 */
export function isActiveState(state: string | null | undefined): state is ActiveContainerState {
  return typeof state === 'string' && activeStates.has(state);
}
