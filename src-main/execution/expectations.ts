// Before a step runs, what the plan saw must still hold on the live engine:
// the tag still names the planned image, the image has gained no tag, no
// container the plan did not account for uses it, and a volume is the one that
// was there (same creation time). Otherwise the step stops as
// a conflict: Barnacle never goes further than what the person confirmed
// (a force-delete confirmed for two stopped containers must not also orphan a
// third that appeared since).

import { phrase } from '../../src-shared/phrase';
import { conflictSaying } from './outcome-words';
import type Docker from 'dockerode';
import type { ContainerState } from '../../src-shared/model';
import type { PlanStep } from '../../src-shared/plan';
import { normalizeImageId, shortId } from '../../src-shared/ids';
import { isActiveState } from '../../src-shared/container-state';
import { containerName } from '../../src-shared/display-names';
import { toContainerState } from '../inventory/relations';
import type { FinalOutcome } from './schedule';
import { imageNamed, volumeNamed } from '../engine/handles';

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
    case 'remove-volume':
      return volumeExpectation(docker, step);
    default:
      // Containers: the engine itself refuses to remove a running one without force
      // (Barnacle never forces it), and an ID names one container for its whole life.
      return null;
  }
}

async function volumeExpectation(docker: Docker, step: PlanStep): Promise<FinalOutcome | null> {
  const planned = step.expect.volumeCreatedAt;
  if (!planned) return null;
  const { CreatedAt } = (await volumeNamed(docker, step.target).inspect()) as { CreatedAt?: string };
  if (CreatedAt === planned) return null;
  return conflictSaying(
    'plan-stale',
    CreatedAt
      ? phrase('stale.volume', { volume: step.label, created: CreatedAt, planned })
      : phrase('stale.volumeUnknownTime', { volume: step.label, planned }),
  );
}

async function untagExpectation(docker: Docker, step: PlanStep): Promise<FinalOutcome | null> {
  if (!step.expect.imageId) return null;
  const image = (await imageNamed(docker, step.target).inspect()) as ImageInspect;
  if (normalizeImageId(image.Id) === step.expect.imageId) return null;
  return conflictSaying(
    'plan-stale',
    phrase('stale.retagged', { tag: step.label, now: shortId(image.Id), planned: shortId(step.expect.imageId) }),
  );
}

async function imageExpectation(docker: Docker, step: PlanStep): Promise<FinalOutcome | null> {
  const image = (await imageNamed(docker, step.target).inspect()) as ImageInspect;
  const tags = (image.RepoTags ?? []).filter((t) => t !== UNTAGGED);
  const planned = new Set(step.expect.tags ?? []);
  const gained = tags.filter((t) => !planned.has(t));
  if (gained.length > 0) {
    return conflictSaying(
      'plan-stale',
      phrase('stale.gainedTags', { image: step.label, tags: gained, count: gained.length }),
    );
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
  const names = unplanned.map((c) => `"${containerName({ id: c.Id, names: c.Names ?? [] })}"`);
  return conflictSaying(
    running ? 'running-container' : 'stopped-container',
    phrase('stale.newContainers', { image: step.label, containers: names, count: unplanned.length }),
  );
}
