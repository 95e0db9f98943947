// What an engine holds, before and after a plan ran, and the check that the
// difference is exactly what the plan's finished steps said: nothing outside
// the plan touched, nothing in it left undone.

import type Dockerode from 'dockerode';
import { expect } from 'vitest';
import type { EngineConnection } from '../../../src-main/engine/connection';
import { connect } from '../../../src-main/engine/connection';
import { readLists } from '../../../src-main/inventory/read-lists';
import type { ExecutionReport, Plan } from '../../../src-shared/plan';

export interface World {
  /** Every image, intermediates included (`docker images -a`): ID → sorted tags. */
  images: Record<string, string[]>;
  /** Container ID → state ('running' | 'exited' …) and image ID. */
  containers: Record<string, string>;
  volumes: string[];
}

export async function observe(docker: Dockerode): Promise<World> {
  const lists = await readLists(docker);
  const volumes = ((await docker.listVolumes()).Volumes ?? []).map((v) => v.Name).sort();
  return {
    images: Object.fromEntries(lists.everyImage.map((i) => [i.id, [...i.tags].sort()])),
    containers: Object.fromEntries(lists.containers.map((c) => [c.id, `${c.state} ${c.imageId}`])),
    volumes,
  };
}

const gone = (report: ExecutionReport, stepId: string) => {
  const state = report.outcomes[stepId]?.state;
  return state === 'done' || state === 'already-gone';
};

/** The world the plan's finished steps lead to, from the one before. */
export function expectedAfter(before: World, plan: Plan, report: ExecutionReport): World {
  const images = structuredClone(before.images);
  const containers = structuredClone(before.containers);
  let volumes = [...before.volumes];
  for (const step of plan.steps) {
    if (!gone(report, step.id)) continue;
    switch (step.action) {
      case 'remove-image':
      case 'remove-child-image':
        delete images[step.target];
        // The untagged parents the plan said go with it: nothing else may.
        for (const parent of step.alsoRemoves ?? []) delete images[parent.id];
        break;
      case 'untag':
        for (const [id, tags] of Object.entries(images)) images[id] = tags.filter((t) => t !== step.target);
        break;
      case 'remove-container':
        delete containers[step.target];
        break;
      case 'stop-container':
        if (containers[step.target]) containers[step.target] = containers[step.target]!.replace(/^\w+/, 'exited');
        break;
      case 'remove-volume':
        volumes = volumes.filter((v) => v !== step.target);
        break;
    }
  }
  return { images, containers, volumes };
}

export function expectOnlyThePlan(before: World, after: World, plan: Plan, report: ExecutionReport): void {
  expect(after).toEqual(expectedAfter(before, plan, report));
}

const KiB = 1024;
/** Within 1 % or 4 KiB, whichever is larger. */
export const closeBytes = (predicted: number, actual: number) =>
  Math.abs(predicted - actual) <= Math.max(4 * KiB, 0.01 * Math.max(predicted, actual));

export async function connectTo(host: string, label: string): Promise<EngineConnection> {
  return connect({ host, label, source: 'user' });
}
