// For integration test files: the engines global-setup started, as clients.
import type Dockerode from 'dockerode';
import { describe, inject, it } from 'vitest';
import { connect } from './guard.js';
import { MATRIX, type EngineName, type ImageStore } from './matrix.js';
import type { EngineKind } from './recipes.js';
import type {} from './provided.js'; // the inject('engines') typing

export interface LiveEngine {
  /** Which engine of the matrix: 'docker26-containerd'. */
  name: EngineName;
  /** The API dialect tests branch on: 'docker' | 'podman'. */
  kind: EngineKind;
  /** Where images live: 'classic' | 'containerd' | 'podman'. */
  store: ImageStore;
  label: string;
  /** 'unix:///tmp/bnh-…/docker.sock' */
  host: string;
  dir: string;
  baseImageId: string;
  docker: Dockerode;
}

/** The engines that started for this run (none if the machine cannot run them). */
export function liveEngines(): LiveEngine[] {
  const { started } = inject('engines');
  return MATRIX.flatMap((entry) => {
    const info = started[entry.name];
    return info
      ? [
          {
            name: entry.name,
            kind: entry.family,
            store: entry.store,
            label: entry.label,
            ...info,
            docker: connect(info.host),
          },
        ]
      : [];
  });
}

/** The first engine that started of the given family (for tests that need just one). */
export function firstEngine(kind: EngineKind): LiveEngine | undefined {
  return liveEngines().find((e) => e.kind === kind);
}

/**
 * One `describe('<engine>: <name>')` per engine of the matrix. An engine that did
 * not start gets a skipped suite whose title says why, so the report shows what
 * was not tested.
 */
export function describeEachEngine(
  name: string,
  fn: (engine: LiveEngine) => void,
  only?: (engine: { kind: EngineKind; store: ImageStore; name: EngineName }) => boolean,
): void {
  const engines = inject('engines');
  const live = liveEngines();
  for (const entry of MATRIX) {
    const wanted = only ? only({ kind: entry.family, store: entry.store, name: entry.name }) : true;
    if (!wanted) continue;
    const engine = live.find((e) => e.name === entry.name);
    if (engine) {
      describe(`${entry.name}: ${name}`, () => fn(engine));
    } else {
      const why = engines.skipped[entry.name] ?? 'not started';
      // scripts/test-all.mjs reads "<engine>: skipped — <why>" for its per-engine summary.
      describe.skip(`${entry.name}: skipped — ${why}`, () => {
        it(name, () => {});
      });
    }
  }
}
