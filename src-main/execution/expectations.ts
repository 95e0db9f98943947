// Before a step runs, what the plan saw must still hold on the live engine:
// the tag still names the planned image, the image has gained no tag, and no
// container the plan did not account for uses it. Otherwise the step stops as
// a conflict: Barnacle never goes further than what the person confirmed
// (a force-delete confirmed for two stopped containers must not also orphan a
// third that appeared since).

import type Docker from 'dockerode';
import type { ContainerState } from '../../src-shared/model';
import type { PlanStep } from '../../src-shared/plan';
import { normalizeImageId, shortId } from '../inventory/ids';
import { isActiveState, toContainerState } from '../inventory/relations';
import type { FinalOutcome } from './schedule';

const UNTAGGED = '<none>:<none>';

interface ImageInspect {
  Id: string;
  RepoTags?: string[] | null;
}

interface ListedContainer {
  Id: string;
  Names?: string[];
  ImageID: string;
  State: string;
}

/** What to do instead of the step, or null when the step may run. Throws engine errors (404 included). */
export async function unmetExpectation(docker: Docker, step: PlanStep): Promise<FinalOutcome | null> {
  switch (step.action) {
    case 'untag':
      return untagExpectation(docker, step);
    case 'remove-image':
    case 'remove-child-image':
      return imageExpectation(docker, step);
    default:
      return null;
  }
}

async function untagExpectation(docker: Docker, step: PlanStep): Promise<FinalOutcome | null> {
  if (!step.expect.imageId) return null;
  const image = (await docker.getImage(step.target).inspect()) as ImageInspect;
  if (normalizeImageId(image.Id) === step.expect.imageId) return null;
  return {
    state: 'conflict',
    kind: 'plan-stale',
    message: `${step.label} now names another image (${shortId(image.Id)}, not ${shortId(step.expect.imageId)}): it was retagged after the plan was made, so it stays.`,
  };
}

async function imageExpectation(docker: Docker, step: PlanStep): Promise<FinalOutcome | null> {
  const image = (await docker.getImage(step.target).inspect()) as ImageInspect;
  const tags = (image.RepoTags ?? []).filter((t) => t !== UNTAGGED);
  const planned = new Set(step.expect.tags ?? []);
  const gained = tags.filter((t) => !planned.has(t));
  if (gained.length > 0) {
    return {
      state: 'conflict',
      kind: 'plan-stale',
      message: `${step.label} gained the tag${gained.length > 1 ? 's' : ''} ${gained.join(', ')} after the plan was made, so it stays. Preview again to include ${gained.length > 1 ? 'them' : 'it'}.`,
    };
  }
  // Without force the engine itself refuses an image any container uses (Docker and Podman
  // alike answer 409, which comes back as this step's conflict), so the container list —
  // the costly read on a host with thousands of containers — is needed only for forced steps.
  if (!step.force) return null;
  const allowed = new Set(step.expect.containerIds ?? []);
  const listed = (await docker.listContainers({ all: true })) as ListedContainer[];
  const unplanned = listed.filter((c) => normalizeImageId(c.ImageID) === step.target && !allowed.has(c.Id));
  if (unplanned.length === 0) return null;
  const states: ContainerState[] = unplanned.map((c) => toContainerState(c.State));
  const running = states.some(isActiveState);
  const names = unplanned.map((c) => `"${(c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '')}"`).join(', ');
  return {
    state: 'conflict',
    kind: running ? 'running-container' : 'stopped-container',
    message: `${step.label} is now used by ${unplanned.length > 1 ? 'containers' : 'the container'} ${names}, made after the plan: the image stays. Preview again to decide about ${unplanned.length > 1 ? 'them' : 'it'}.`,
  };
}
