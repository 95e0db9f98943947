// What happened in a classified failure, and what a person can do, as a
// catalogue phrase: the words, in English and Chinese, are in
// src-shared/messages/failures.ts.
// Containers are named the way `docker ps` shows them; an unknown one by short ID.

import type { ConflictKind, NamedContainer } from '../../src-shared/errors';
import { engineName } from '../../src-shared/engine-name';
import { shortId } from '../../src-shared/ids';
import type { EngineKind } from '../../src-shared/model';
import type { ReadingNote } from './patterns';
import { phrase, type Phrase } from '../../src-shared/phrase';

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

const whatWasTried = (operation: FailedOperation): Phrase => phrase(`failure.op.${operation}`);

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

function containerLabel(container: NamedContainer): string {
  return container.name ? `"${container.name}"` : shortId(container.id);
}

function theImage(image: string | undefined): Phrase {
  return image ? phrase('failure.theImage', { id: shortId(image) }) : phrase('failure.theImageUnnamed');
}

function usedBy(kind: 'failure.usedByRunning' | 'failure.usedByStopped', facts: MessageFacts): Phrase {
  const params = {
    image: theImage(facts.image),
    containers: facts.containers.map(containerLabel),
    count: facts.containers.length,
  };
  const unknown = facts.containers.filter((c) => c.name === null);
  if (kind === 'failure.usedByStopped' && facts.engine === 'podman' && unknown.length > 0) {
    // Podman and Buildah leave "external" build containers that its container list does not show.
    return phrase('failure.usedByStoppedExternal', { ...params, unknown: unknown.map(containerLabel) });
  }
  return phrase(kind, params);
}

function multipleReferences(facts: MessageFacts): Phrase {
  const image = theImage(facts.image);
  // The tags as the engine named them, one list: names, not words.
  if (facts.references?.length)
    return phrase('failure.multipleReferencesTags', { image, tags: facts.references.join(', ') });
  return phrase('failure.multipleReferences', { image });
}

function referenceInUse(facts: MessageFacts): Phrase {
  const reference = facts.references?.[0];
  const container = facts.containers[0];
  const which = container
    ? phrase(
        container.state === 'running'
          ? 'failure.which.running'
          : container.state
            ? 'failure.which.stopped'
            : 'failure.which.plain',
        { name: containerLabel(container) },
      )
    : phrase('failure.which.any');
  const tag = reference ? `"${reference}"` : phrase('failure.thisTag');
  return phrase('failure.referenceInUse', { tag, which });
}

function notFound(facts: MessageFacts): Phrase {
  const container = facts.containers[0];
  if (facts.note === 'removal-in-progress') {
    const which = container
      ? phrase('failure.theContainer', { name: containerLabel(container) })
      : phrase('failure.theContainerUnnamed');
    return phrase('failure.removalInProgress', { container: which });
  }
  if (container) return phrase('failure.containerGone', { name: containerLabel(container) });
  if (facts.image) return phrase('failure.imageGone', { id: shortId(facts.image) });
  return phrase('failure.somethingGone', { what: whatWasTried(facts.operation) });
}

function containerRunning(facts: MessageFacts): Phrase {
  const container = facts.containers[0];
  const name = container ? containerLabel(container) : '';
  const state = facts.containerState ?? container?.state ?? 'running';
  if (facts.operation === 'remove-image' || facts.operation === 'untag') {
    return phrase('failure.imageInUseBy', { image: theImage(facts.image), state, name });
  }
  return phrase(state === 'paused' ? 'failure.containerPaused' : 'failure.containerActive', { name, state });
}

function unknownFailure(facts: MessageFacts): Phrase {
  if (facts.statusCode === 304) {
    // "Not modified": the container already was where we wanted it (callers normally treat this as done).
    return phrase(facts.operation === 'start-container' ? 'failure.alreadyRunning' : 'failure.alreadyStopped');
  }
  const engine = engineName(facts.engine);
  const what = whatWasTried(facts.operation);
  const said = facts.engineMessage.trim();
  const status = facts.statusCode;
  if (said) {
    return status
      ? phrase('failure.couldNotStatus', { engine, what, status, said: facts.engineMessage })
      : phrase('failure.couldNot', { engine, what, said: facts.engineMessage });
  }
  return status
    ? phrase('failure.couldNotStatusSilent', { engine, what, status })
    : phrase('failure.couldNotSilent', { engine, what });
}

/** What happened and what a person can do, as a catalogue phrase (src-shared/messages/failures.ts). */
export function describeFailure(facts: MessageFacts): Phrase {
  const engine = engineName(facts.engine);
  const code = facts.code;
  switch (facts.kind) {
    case 'running-container':
      return usedBy('failure.usedByRunning', facts);
    case 'stopped-container':
      return usedBy('failure.usedByStopped', facts);
    case 'multiple-references':
      return multipleReferences(facts);
    case 'reference-in-use':
      return referenceInUse(facts);
    case 'dependent-children':
      return phrase('failure.dependentChildren', {
        image: facts.image
          ? phrase('failure.theImageLower', { id: shortId(facts.image) })
          : phrase('failure.thisImage'),
      });
    case 'not-found':
      return notFound(facts);
    case 'prune-already-running':
      return phrase('failure.pruneRunning');
    case 'container-running':
      return containerRunning(facts);
    case 'engine-unreachable':
      return code ? phrase('failure.unreachableCode', { engine, code }) : phrase('failure.unreachable', { engine });
    case 'permission-denied':
      return code ? phrase('failure.permissionCode', { engine, code }) : phrase('failure.permission', { engine });
    case 'api-version':
      return phrase('failure.apiVersion', { engine, said: facts.engineMessage });
    case 'unknown':
      return unknownFailure(facts);
  }
}
