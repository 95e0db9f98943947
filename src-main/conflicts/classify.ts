// Names every way an engine call can fail, as a BarnacleError the renderer can
// offer fixes for: which conflict, which image, which containers (by name), which
// tags, and the engine's own words kept verbatim beside our plain ones.

import { isActiveState } from '../../src-shared/container-state';
import type { BarnacleError, ConflictKind, NamedContainer } from '../../src-shared/errors';
import type { EngineKind } from '../../src-shared/model';
import type { EngineFailure } from '../engine/engine-error';
import { describeFailure, type FailedOperation } from './messages';
import { say } from '../../src-shared/messages/translate';
import { readEngineMessage, readSocketFailure, type EngineReading } from './patterns';
import type { ContainerResolver } from './resolver';

export type { FailedOperation } from './messages';
export { resolverFromContainers, type ContainerResolver } from './resolver';

export interface ClassifyContext {
  operation: FailedOperation;
  /** What Barnacle asked for: the image reference/ID or container ID/name. */
  target?: string;
  engine: EngineKind;
  resolve?: ContainerResolver;
}

const imageOperations: ReadonlySet<FailedOperation> = new Set(['remove-image', 'untag']);
const containerOperations: ReadonlySet<FailedOperation> = new Set([
  'stop-container',
  'start-container',
  'remove-container',
]);
const containerId = /^[0-9a-f]{12,64}$/;

function nameContainer(token: string, resolve: ContainerResolver | undefined, engineState?: string): NamedContainer {
  const known = resolve?.(token);
  if (known) return known;
  // Docker 25+ names the container itself ("/web"): then the name is known even if the inventory is not.
  const name = containerId.test(token) ? null : token.replace(/^\//, '');
  return { id: token, name, state: isActiveState(engineState) ? engineState : null };
}

function readFailure(failure: EngineFailure, context: ClassifyContext): EngineReading {
  if (failure.statusCode === undefined) {
    const socketKind = readSocketFailure(failure.code, failure.message);
    if (socketKind) return { kind: socketKind, containers: [] };
  }
  // A 404 in a wording we have not met yet still means the same on both engines.
  const reading = readEngineMessage(failure.message) ?? {
    kind: failure.statusCode === 404 ? 'not-found' : 'unknown',
    containers: [],
  };
  // Some not-found wordings name nothing; then it is what we asked for that is gone.
  if (reading.kind === 'not-found' && reading.containers.length === 0 && !reading.image && context.target) {
    if (containerOperations.has(context.operation)) reading.containers = [context.target];
  }
  return reading;
}

function settleKind(reading: EngineReading, containers: NamedContainer[]): ConflictKind {
  if (reading.kind !== 'container-in-use') return reading.kind;
  // Podman does not say whether the container runs. One we cannot find is not running as far
  // as the engine's container list goes (Buildah's external build containers are like that).
  return containers.some((c) => isActiveState(c.state)) ? 'running-container' : 'stopped-container';
}

export function classifyFailure(failure: EngineFailure, context: ClassifyContext): BarnacleError {
  const reading = readFailure(failure, context);
  const containers = reading.containers.map((token) => nameContainer(token, context.resolve, reading.containerState));
  const kind = settleKind(reading, containers);
  const onImage = imageOperations.has(context.operation);
  const image = reading.image ?? (onImage ? context.target : undefined);

  const says = describeFailure({
    kind,
    operation: context.operation,
    engine: context.engine,
    // The reference the person chose reads better than the engine's short ID.
    image: onImage && context.target ? context.target : image,
    containers,
    references: reading.references,
    containerState: reading.containerState,
    note: reading.note,
    code: failure.code,
    statusCode: failure.statusCode,
    engineMessage: failure.message,
  });
  // `message` stays English for logs and --json; people see `says` in their language.
  const error: BarnacleError = { kind, message: say('en', says), says, engineMessage: failure.message };
  if (failure.statusCode !== undefined) error.statusCode = failure.statusCode;
  if (image) error.image = image;
  if (containers.length > 0) error.containers = containers;
  if (reading.references && reading.references.length > 0) error.references = reading.references;
  return error;
}

/**
 * Docker (and Podman's compat API) answer 304 when a container is already in the
 * state asked for; dockerode turns that into an error. It is a success: the caller
 * checks this before classifying.
 */
export function isAlreadyInRequestedState(failure: EngineFailure, operation: FailedOperation): boolean {
  return failure.statusCode === 304 && (operation === 'stop-container' || operation === 'start-container');
}
