// What the engine in use answers for a conflict, in its own words: for a
// conflict Barnacle predicts (a plan's decision) and quotes as "What Podman
// says" before the engine has said anything. The wordings are the ones each
// engine produced live (tests/unit/classify.test.ts, liveRows); every one reads
// back to its kind through the classifier.

import type { EngineKind, ImageStore } from '../../src-shared/model';
import type { PredictedConflict } from '../../src-shared/plan';
import { shortId } from '../../src-shared/ids';

export interface WordingEngine {
  kind: EngineKind;
  /** Docker's image store; Podman's answers do not depend on it. */
  imageStore: ImageStore;
}

export interface WordingFacts {
  /** The image's ID, "sha256:<hex>" or bare. */
  imageId: string;
  /** What the removal asks for (Podman repeats it): the ID as sent, or a tag. Default: imageId. */
  requested?: string;
  /** Full ID of the container the engine names first. */
  containerId?: string;
  /** The image's tags as the engine lists them (Podman: fully qualified, e.g. docker.io/library/a:1). */
  tags?: string[];
  /** The tag being removed, for a last tag a container still uses. */
  reference?: string;
}

const podmanInUse = (facts: WordingFacts): string =>
  `image ${facts.requested ?? facts.imageId} is in use: image used by ${facts.containerId ?? ''}: image is in use by a container: consider listing external containers and force-removing image`;

function podmanWording(conflict: PredictedConflict, facts: WordingFacts): string | null {
  switch (conflict) {
    case 'running-container':
    case 'stopped-container':
    case 'reference-in-use': // Podman has no last-tag conflict: the same "in use", running or not.
      return podmanInUse(facts);
    case 'multiple-references':
      return `unable to delete image "${facts.imageId.replace(/^sha256:/, '')}" by ID with more than one tag ([${(facts.tags ?? []).join(' ')}]): please force removal`;
    case 'dependent-children':
      return null; // Podman removes the parent; the child keeps its layers.
  }
}

function dockerWording(conflict: PredictedConflict, facts: WordingFacts, store: ImageStore): string | null {
  const image = shortId(facts.imageId);
  const container = shortId(facts.containerId ?? '');
  switch (conflict) {
    case 'running-container':
      return `conflict: unable to delete ${image} (cannot be forced) - image is being used by running container ${container}`;
    case 'stopped-container':
      return `conflict: unable to delete ${image} (must be forced) - image is being used by stopped container ${container}`;
    case 'multiple-references':
      return `conflict: unable to delete ${image} (must be forced) - image is referenced in multiple repositories`;
    case 'reference-in-use': {
      const reference = facts.reference ?? '';
      return store === 'containerd'
        ? `conflict: unable to delete ${reference} (must be forced) - container ${container} is using its referenced image ${image}`
        : `conflict: unable to remove repository reference "${reference}" (must force) - container ${container} is using its referenced image ${image}`;
    }
    case 'dependent-children':
      // The containerd store deletes the parent and keeps the child's content.
      return store === 'containerd'
        ? null
        : `conflict: unable to delete ${image} (cannot be forced) - image has dependent child images`;
  }
}

/** The engine's own answer to this conflict; null when this engine has no such conflict (it would go ahead). */
export function engineWording(conflict: PredictedConflict, facts: WordingFacts, engine: WordingEngine): string | null {
  return engine.kind === 'podman' ? podmanWording(conflict, facts) : dockerWording(conflict, facts, engine.imageStore);
}
