// For integration test files: the engines global-setup started, as clients.
import type Dockerode from 'dockerode';
import { describe, inject, it } from 'vitest';
import { connect } from './guard.js';
import type { EngineKind } from './recipes.js';
import type {} from './provided.js'; // the inject('engines') typing

export interface LiveEngine {
  kind: EngineKind;
  /** 'unix:///tmp/bnh-…/docker.sock' */
  host: string;
  dir: string;
  baseImageId: string;
  docker: Dockerode;
}

const KINDS: EngineKind[] = ['docker', 'podman'];

/** The engines that started for this run (none if the machine cannot run them). */
export function liveEngines(): LiveEngine[] {
  const engines = inject('engines');
  return KINDS.flatMap((kind) => {
    const info = engines[kind];
    return info ? [{ kind, ...info, docker: connect(info.host) }] : [];
  });
}

/**
 * One `describe('<kind>: <name>')` per engine. An engine that did not start gets
 * a skipped suite whose title says why, so the report shows what was not tested.
 */
export function describeEachEngine(name: string, fn: (engine: LiveEngine) => void): void {
  const engines = inject('engines');
  const live = liveEngines();
  for (const kind of KINDS) {
    const engine = live.find((e) => e.kind === kind);
    if (engine) {
      describe(`${kind}: ${name}`, () => fn(engine));
    } else {
      const why = engines.skipped[kind] ?? 'not started';
      describe.skip(`${kind}: ${why}`, () => {
        it(name, () => {});
      });
    }
  }
}
