// Plain words for a classified failure: what happened, and what a person can do.
// Containers are named the way `docker ps` shows them; an unknown one by short ID.

import type { ConflictKind, NamedContainer } from '../../src-shared/errors';
import type { EngineKind } from '../../src-shared/model';
import type { ReadingNote } from './patterns';

export type FailedOperation =
  | 'remove-image'
  | 'untag'
  | 'stop-container'
  | 'start-container'
  | 'remove-container'
  | 'prune-images'
  | 'prune-containers'
  | 'prune-build-cache'
  | 'list'
  | 'connect';

const whatWasTried: Record<FailedOperation, string> = {
  'remove-image': 'remove the image',
  untag: 'remove the tag',
  'stop-container': 'stop the container',
  'start-container': 'start the container',
  'remove-container': 'remove the container',
  'prune-images': 'prune images',
  'prune-containers': 'prune stopped containers',
  'prune-build-cache': 'prune the build cache',
  list: 'list images and containers',
  connect: 'connect to the engine',
};

export interface MessageFacts {
  kind: ConflictKind;
  operation: FailedOperation;
  engine: EngineKind;
  /** Image as a person would recognise it (their reference, else the engine's ID). */
  image?: string;
  containers: NamedContainer[];
  references?: string[];
  /** State the engine gave for the container when it said so. */
  containerState?: string;
  note?: ReadingNote;
  code?: string;
  statusCode?: number;
  engineMessage: string;
}

export function shortId(id: string): string {
  const bare = id.replace(/^sha256:/, '');
  return /^[0-9a-f]{64}$/.test(bare) ? bare.slice(0, 12) : bare;
}

function containerLabel(container: NamedContainer): string {
  return container.name ? `"${container.name}"` : shortId(container.id);
}

function listOf(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function theImage(image: string | undefined): string {
  return image ? `The image ${shortId(image)}` : 'The image';
}

const engineName = (engine: EngineKind): string => (engine === 'podman' ? 'Podman' : 'Docker');

function usedByRunning(facts: MessageFacts): string {
  const plural = facts.containers.length > 1;
  return `${theImage(facts.image)} is used by the running container${plural ? 's' : ''} ${listOf(facts.containers.map(containerLabel))}. Stop and remove ${plural ? 'those containers' : 'that container'} first, or keep the image.`;
}

function usedByStopped(facts: MessageFacts): string {
  const unknown = facts.containers.filter((c) => c.name === null);
  const plural = facts.containers.length > 1;
  const base = `${theImage(facts.image)} is used by the stopped container${plural ? 's' : ''} ${listOf(facts.containers.map(containerLabel))}. Remove ${plural ? 'those containers' : 'that container'} first, or keep the image.`;
  if (facts.engine === 'podman' && unknown.length > 0) {
    // Podman and Buildah leave "external" build containers that its container list does not show.
    return `${base} (Barnacle does not see ${listOf(unknown.map(containerLabel))} in the container list: it may be a build container left by Podman or Buildah; \`podman ps --all --external\` shows it.)`;
  }
  return base;
}

function multipleReferences(facts: MessageFacts): string {
  const tags = facts.references?.length ? ` (${facts.references.join(', ')})` : '';
  return `${theImage(facts.image)} has more than one tag${tags}, so removing it by ID would drop them all. Remove the tags one by one (the image goes with its last tag), or keep the image.`;
}

function referenceInUse(facts: MessageFacts): string {
  const reference = facts.references?.[0];
  const container = facts.containers[0];
  const which = container
    ? `the ${container.state === 'running' ? 'running ' : container.state ? 'stopped ' : ''}container ${containerLabel(container)}`
    : 'a container';
  const tag = reference ? `"${reference}"` : 'This tag';
  return `${tag} is the last tag of an image that ${which} uses: removing it would leave the image on disk without a name. Remove that container first, or keep the tag.`;
}

function notFound(facts: MessageFacts): string {
  const container = facts.containers[0];
  if (facts.note === 'removal-in-progress') {
    const which = container ? `The container ${containerLabel(container)}` : 'The container';
    return `${which} is already being removed (by another program or an earlier request). It will be gone in a moment; refresh the list.`;
  }
  if (container) {
    return `The container ${containerLabel(container)} no longer exists: something else removed it. Refresh the list; there is nothing left to do for it.`;
  }
  if (facts.image) {
    return `The image ${shortId(facts.image)} no longer exists: something else removed it. Refresh the list; there is nothing left to delete.`;
  }
  return `What Barnacle tried to ${whatWasTried[facts.operation]} no longer exists. Refresh the list.`;
}

function containerRunning(facts: MessageFacts): string {
  const container = facts.containers[0];
  const which = container ? containerLabel(container) : '';
  const state = facts.containerState ?? container?.state ?? 'running';
  if (facts.operation === 'remove-image' || facts.operation === 'untag') {
    return `${theImage(facts.image)} cannot be removed while the ${state} container ${which} uses it. Stop and remove that container first, or keep the image.`;
  }
  const fix = state === 'paused' ? 'Unpause and stop it first, then remove it.' : 'Stop it first, then remove it.';
  return `The container ${which} is ${state}, so it cannot be removed. ${fix}`;
}

function unknownFailure(facts: MessageFacts): string {
  if (facts.statusCode === 304) {
    // "Not modified": the container already was where we wanted it (callers normally treat this as done).
    return `Nothing changed: the container was already ${facts.operation === 'start-container' ? 'running' : 'stopped'}.`;
  }
  const status = facts.statusCode ? ` (HTTP ${facts.statusCode})` : '';
  const reason = facts.engineMessage.trim() ? `: ${facts.engineMessage}` : ', and gave no reason.';
  return `${engineName(facts.engine)} could not ${whatWasTried[facts.operation]}${status}${reason}`;
}

export function describeFailure(facts: MessageFacts): string {
  switch (facts.kind) {
    case 'running-container':
      return usedByRunning(facts);
    case 'stopped-container':
      return usedByStopped(facts);
    case 'multiple-references':
      return multipleReferences(facts);
    case 'reference-in-use':
      return referenceInUse(facts);
    case 'dependent-children':
      return `Other images were built on top of ${facts.image ? `the image ${shortId(facts.image)}` : 'this image'}, so the engine cannot delete it, even with force. Delete those child images first, or keep it.`;
    case 'not-found':
      return notFound(facts);
    case 'prune-already-running':
      return `Another prune is already running on this engine. Wait for it to finish and refresh the list; prune again only if something is left.`;
    case 'container-running':
      return containerRunning(facts);
    case 'engine-unreachable':
      return `${engineName(facts.engine)} did not answer${facts.code ? ` (${facts.code})` : ''}. Check that it is running, then try again.`;
    case 'permission-denied':
      return `Permission denied on ${engineName(facts.engine)}'s socket${facts.code ? ` (${facts.code})` : ''}. Give your user access to the engine (for Docker on Linux, the "docker" group), then try again.`;
    case 'api-version':
      return `${engineName(facts.engine)} refused the API version Barnacle asked for: ${facts.engineMessage}. Reconnect so Barnacle pins a version this engine speaks, or update the engine.`;
    case 'unknown':
      return unknownFailure(facts);
  }
}
