// The engines every live test runs on: what users run today, each started
// privately by the harness. `family` is the API dialect tests branch on
// (Docker's or Podman's compat API); `store` is where images live, which is
// what decides bytes, prune clocks and conflict wording.
import { join } from 'node:path';

export type EngineFamily = 'docker' | 'podman';
export type EngineName = 'docker20' | 'docker26-containerd' | 'docker26-classic' | 'podman43' | 'podman54';
export type ImageStore = 'classic' | 'containerd' | 'podman';

export interface MatrixEntry {
  name: EngineName;
  family: EngineFamily;
  store: ImageStore;
  /** For reports: 'Docker 26.1, containerd image store'. */
  label: string;
}

export const MATRIX: readonly MatrixEntry[] = [
  { name: 'docker20', family: 'docker', store: 'classic', label: 'Docker 20.10, classic store (bookworm)' },
  {
    name: 'docker26-containerd',
    family: 'docker',
    store: 'containerd',
    label: 'Docker 26.1, containerd image store (trixie)',
  },
  { name: 'docker26-classic', family: 'docker', store: 'classic', label: 'Docker 26.1, classic store (trixie)' },
  { name: 'podman43', family: 'podman', store: 'podman', label: 'Podman 4.3 (bookworm)' },
  { name: 'podman54', family: 'podman', store: 'podman', label: 'Podman 5.4 (trixie root)' },
];

export const ENGINE_NAMES: readonly EngineName[] = MATRIX.map((e) => e.name);

export function matrixEntry(name: EngineName): MatrixEntry {
  const entry = MATRIX.find((e) => e.name === name);
  if (!entry) throw new Error(`unknown engine ${name}`);
  return entry;
}

export function isEngineName(value: unknown): value is EngineName {
  return typeof value === 'string' && (ENGINE_NAMES as readonly string[]).includes(value);
}

/** Where scripts/provision-engines.sh keeps Docker 26 and the trixie root. */
export function engineCache(): string {
  return process.env.BARNACLE_ENGINE_CACHE ?? '/var/cache/barnacle/engines';
}
export const docker26Dir = (): string => join(engineCache(), 'docker26');
export const trixieRoot = (): string => join(engineCache(), 'trixie-root');
