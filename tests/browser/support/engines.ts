// The engines the browser tests run on, and how global-setup hands them to the
// test workers: one environment variable holding each started engine's host and
// each skipped engine's reason. Playwright runs the flow specs once per engine
// (one project each, playwright.config.ts); the fixture picks its engine from
// the project's `engine` option.

import { matrixEntry, type EngineName, type MatrixEntry } from '../../engines/matrix';

/** Docker 20.10 (what the specs were written on), the containerd image store, and Podman 5. */
export const BROWSER_ENGINES = ['docker20', 'docker26-containerd', 'podman54'] as const satisfies readonly EngineName[];
export type BrowserEngineName = (typeof BROWSER_ENGINES)[number];

/** The specs that run once per engine; the others (screens, permission guide, Electron) run on docker20 only. */
export const FLOW_SPECS = [
  'browser/fix-flows.spec.ts',
  'browser/plan-preview.spec.ts',
  'browser/prune.spec.ts',
  'browser/start-fresh.spec.ts',
  'browser/container-remove.spec.ts',
  'browser/activity.spec.ts',
  'browser/image-list.spec.ts',
  'browser/volumes.spec.ts',
  'browser/build-containers.spec.ts',
  'browser/trash.spec.ts',
  'browser/policies.spec.ts',
];

const ENV = 'BARNACLE_TEST_ENGINES';

export interface EnginesHandOff {
  started: Partial<Record<BrowserEngineName, string>>;
  skipped: Partial<Record<BrowserEngineName, string>>;
}

export function publishEngines(handOff: EnginesHandOff): void {
  process.env[ENV] = JSON.stringify(handOff);
}

export interface BrowserEngine extends MatrixEntry {
  /** 'unix:///tmp/bnh-…/docker.sock' */
  host: string;
}

/** The engine global-setup started under this name, or why it did not. */
export function browserEngine(name: EngineName): BrowserEngine | { skip: string } {
  const raw = process.env[ENV];
  if (!raw) return { skip: 'no test engine: global-setup did not run' };
  const handOff = JSON.parse(raw) as EnginesHandOff;
  const host = handOff.started[name as BrowserEngineName];
  if (host) return { ...matrixEntry(name), host };
  return {
    skip: `no ${name} engine: ${handOff.skipped[name as BrowserEngineName] ?? 'global-setup does not start it for the browser tests'}`,
  };
}

/** How the app names the engine in conflict cards ("What Podman says"). */
export function productName(engine: Pick<MatrixEntry, 'family'>): 'Docker' | 'Podman' {
  return engine.family === 'podman' ? 'Podman' : 'Docker';
}

/**
 * A repository as the images screen lists it: Podman's compat API qualifies what
 * it builds as docker.io/… (and what it loads under a short name as localhost/…);
 * Docker lists the familiar form. Plan steps and commands use the familiar form everywhere.
 */
export function listedRepository(engine: Pick<MatrixEntry, 'family'>, repo: string, from: 'build' | 'load' = 'build') {
  if (engine.family !== 'podman') return repo;
  return from === 'load' ? `localhost/${repo}` : `docker.io/${repo}`;
}
