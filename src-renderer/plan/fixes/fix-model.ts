// One shape for a conflict the guided flows explain, whether the planner
// predicted it (a ConflictDecision in a plan) or the engine answered it live
// (a BarnacleError). Either way the fixes are main's planner's: a live
// conflict asks main to plan again (live-fix.ts), so no second planner here
// drifts from it. The flow components only read this; the texts are the
// renderer's own (i18n), built from the facts here, so both paths read alike.

import { isActiveState } from '../../../src-shared/container-state';
import type { BarnacleError } from '../../../src-shared/errors';
import type { Phrase } from '../../../src-shared/phrase';
import type { EngineKind } from '../../../src-shared/model';
import {
  predictedConflicts,
  type CleanupIntent,
  type ConflictDecision,
  type FixChoice,
  type PredictedConflict,
} from '../../../src-shared/plan';
import { familiarReference } from '../../../src-shared/references';

export type FixConflict = PredictedConflict;
export const fixConflicts: readonly FixConflict[] = predictedConflicts;

export interface FixContainer {
  id: string;
  name: string;
  running: boolean;
}

export interface FixOptionModel {
  choice: FixChoice;
  /** Equivalent docker commands; empty when the option changes nothing. */
  commands: string[];
}

export interface FixModel {
  conflict: FixConflict;
  /** Image ID when known; else the reference the person used. */
  imageId: string;
  imageLabel: string;
  engineKind: EngineKind;
  engineMessage: string;
  /** Barnacle's account when the engine said nothing (a conflict its re-check before a step found). */
  barnacleMessage: string;
  /** The same account as a phrase, in the person's language, when main gave one. */
  barnacleSays?: Phrase;
  containers: FixContainer[];
  /** Every tag of the image, familiar form. */
  references: string[];
  /** References fix: the tags the person selected (empty: the whole image by ID). */
  selectedTags: string[];
  children: { id: string; label: string; bytes: number }[];
  options: FixOptionModel[];
  chosen: FixChoice;
  /** Child images: removing them is not offered because one is used by a container. */
  blocked: boolean;
}

/** Every Docker image-conflict answer starts so; no Podman answer does (seen live, tests/unit/classify.test.ts). */
const DOCKER_WORDING = /^conflict: /;

/**
 * A predicted answer is quoted as "What Podman says" only when it is in Podman's words: a
 * plan that carries Docker's wording on Podman shows no quote rather than a wrong one.
 */
function predictedWords(message: string, engineKind: EngineKind): string {
  return engineKind === 'podman' && DOCKER_WORDING.test(message) ? '' : message;
}

export function fromDecision(
  decision: ConflictDecision,
  engineKind: EngineKind,
  intent: CleanupIntent | null,
): FixModel {
  const refs = intent?.type === 'remove-images' ? intent.refs.map(familiarReference) : [];
  const references = decision.references.map(familiarReference);
  return {
    conflict: decision.conflict,
    imageId: decision.imageId,
    imageLabel: decision.imageLabel,
    engineKind,
    engineMessage: predictedWords(decision.engineMessage, engineKind),
    barnacleMessage: '',
    containers: decision.containers.map((c) => ({ id: c.id, name: c.name, running: isActiveState(c.state) })),
    references,
    selectedTags: references.filter((r) => refs.includes(r) || refs.includes(`${r}:latest`)),
    children: decision.children,
    options: decision.options.map((o) => ({ choice: o.choice, commands: o.commands })),
    chosen: decision.chosen,
    blocked:
      decision.conflict === 'dependent-children' && !decision.options.some((o) => o.choice === 'remove-children'),
  };
}

/** The conflict a live error is, when it is one the guided flows take; else null. */
export function liveConflictOf(error: BarnacleError): FixConflict | null {
  return (fixConflicts as readonly string[]).includes(error.kind) ? (error.kind as FixConflict) : null;
}

/**
 * A live conflict as a guided flow, from the decision main's planner made when asked
 * again (live-fix.ts): the options and commands are the planner's, as in a preview.
 * Only the words differ: the engine's own answer, or Barnacle's account when the
 * engine said nothing (a conflict the re-check before a step found).
 */
export function fromLiveDecision(
  decision: ConflictDecision,
  engineKind: EngineKind,
  intent: CleanupIntent,
  error: BarnacleError,
): FixModel {
  return {
    ...fromDecision(decision, engineKind, intent),
    engineMessage: error.engineMessage ?? '',
    barnacleMessage: error.engineMessage ? '' : error.message,
    ...(!error.engineMessage && error.says ? { barnacleSays: error.says } : {}),
  };
}

/** "keep" choices change nothing: the flow just closes. */
export function changesNothing(choice: FixChoice): boolean {
  return choice === 'keep-image' || choice === 'skip';
}
