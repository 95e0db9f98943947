// What makes a volume anonymous, who holds it, and which volumes a prune may
// take: one set of rules for main's planner, the window and the CLI.
//
// Engines mark anonymous volumes differently (each seen live here):
// - Docker 23+ labels them `com.docker.volume.anonymous` (Docker 26, both stores);
//   its `docker volume prune` takes only those unless given --all.
// - Podman says `"Anonymous": true` in its own API (`/libpod/volumes/json`, 4.3 and
//   5.4); the compat list carries no mark.
// - Docker 20.10 keeps no mark at all: an anonymous volume is one whose name the
//   engine generated (64 hex), and its prune takes every unused volume, named too.
// Barnacle's prune takes anonymous volumes that no container mounts, on every
// engine; a named volume goes only when the person picks it by name.

import type { AnonymousBy, ContainerSummary, VolumeSummary, VolumeUser } from './model';
import { containerName } from './display-names';

export const ANONYMOUS_VOLUME_LABEL = 'com.docker.volume.anonymous';
export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';

/** A name the engine made up (a 64-hex ID): how a volume without any other mark shows it is anonymous. */
export const isGeneratedVolumeName = (name: string): boolean => /^[0-9a-f]{64}$/.test(name);

export interface AnonymityFacts {
  name: string;
  labels: Record<string, string>;
  /** Podman's own `Anonymous` field; undefined where the engine has none to give. */
  engineField?: boolean;
  /** Whether the engine marks anonymous volumes itself (Docker 23+ by label, Podman by field). */
  engineMarks: boolean;
}

/** Whether a volume is anonymous, and what said so: the engine's own mark where it keeps one. */
export function anonymityOf(v: AnonymityFacts): { anonymous: boolean; by: AnonymousBy } {
  if (v.engineField === true) return { anonymous: true, by: 'engine-field' };
  if (ANONYMOUS_VOLUME_LABEL in v.labels) return { anonymous: true, by: 'engine-label' };
  if (v.engineMarks) return { anonymous: false, by: 'named' };
  return isGeneratedVolumeName(v.name) ? { anonymous: true, by: 'generated-name' } : { anonymous: false, by: 'named' };
}

/** The containers (any state) that mount each volume, by volume name. */
export function volumeUsers(containers: readonly ContainerSummary[]): Map<string, VolumeUser[]> {
  const users = new Map<string, VolumeUser[]>();
  for (const c of containers) {
    for (const m of c.mounts) {
      if (m.type !== 'volume' || !m.name) continue;
      const list = users.get(m.name) ?? [];
      if (!list.some((u) => u.id === c.id)) list.push({ id: c.id, name: containerName(c), state: c.state });
      users.set(m.name, list);
    }
  }
  return users;
}

/** What a volume prune takes: anonymous volumes no container mounts, running or not. */
export const prunableVolume = (v: VolumeSummary): boolean => v.anonymous && v.users.length === 0;
