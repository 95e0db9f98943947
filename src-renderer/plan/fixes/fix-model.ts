// One shape for a conflict the guided flows explain, whether the planner
// predicted it (a ConflictDecision in a plan) or the engine answered it live
// (a BarnacleError). The flow components only read this; the texts are the
// renderer's own (i18n), built from the facts here, so both paths read alike.

import type { BarnacleError } from '../../../src-shared/errors';
import type { EngineKind, ImageStore, ImageSummary } from '../../../src-shared/model';
import type { CleanupIntent, ConflictDecision, FixChoice, FixChoices } from '../../../src-shared/plan';
import { familiar, shellWord, short } from '../refs';

export type FixConflict = ConflictDecision['conflict'];
export const fixConflicts: readonly FixConflict[] = [
  'running-container',
  'stopped-container',
  'multiple-references',
  'reference-in-use',
  'dependent-children',
];

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

type ChoiceKey = keyof Omit<FixChoices, 'perImage'>;

const keyOf: Record<Exclude<FixConflict, 'reference-in-use'>, ChoiceKey> = {
  'running-container': 'runningContainer',
  'stopped-container': 'stoppedContainer',
  'multiple-references': 'multipleReferences',
  'dependent-children': 'dependentChildren',
};

const RUNNING = new Set(['running', 'paused', 'restarting']);

/** The choices that make `choice` happen for this conflict (reference-in-use is a container conflict). */
function choicesFor(conflict: FixConflict, choice: FixChoice): Omit<FixChoices, 'perImage'> {
  if (conflict === 'reference-in-use') {
    if (choice === 'keep-image') return {};
    return { runningContainer: 'stop-and-remove-containers', stoppedContainer: 'remove-containers' };
  }
  return { [keyOf[conflict]]: choice } as Omit<FixChoices, 'perImage'>;
}

/** The same intent with one image's fix changed; other images keep theirs. */
export function withChoice(
  intent: CleanupIntent,
  imageId: string,
  conflict: FixConflict,
  choice: FixChoice,
): CleanupIntent {
  if (intent.type !== 'remove-images') return intent;
  const perImage = { ...(intent.choices?.perImage ?? {}) };
  perImage[imageId] = { ...(perImage[imageId] ?? {}), ...choicesFor(conflict, choice) };
  return { ...intent, choices: { ...(intent.choices ?? {}), perImage } };
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
  const refs = intent?.type === 'remove-images' ? intent.refs.map(familiar) : [];
  const references = decision.references.map(familiar);
  return {
    conflict: decision.conflict,
    imageId: decision.imageId,
    imageLabel: decision.imageLabel,
    engineKind,
    engineMessage: predictedWords(decision.engineMessage, engineKind),
    barnacleMessage: '',
    containers: decision.containers.map((c) => ({ id: c.id, name: c.name, running: RUNNING.has(c.state) })),
    references,
    selectedTags: references.filter((r) => refs.includes(r) || refs.includes(`${r}:latest`)),
    children: decision.children,
    options: decision.options.map((o) => ({ choice: o.choice, commands: o.commands })),
    chosen: decision.chosen,
    blocked:
      decision.conflict === 'dependent-children' && !decision.options.some((o) => o.choice === 'remove-children'),
  };
}

export interface LiveContext {
  ref?: string;
  engine: { kind: EngineKind; imageStore: ImageStore } | null;
  images: ImageSummary[];
}

/** Which image the error is about, from what the person asked for or what the engine named. */
function findImage(ref: string, images: ImageSummary[]): ImageSummary | undefined {
  const bare = ref.replace(/^sha256:/, '');
  return images.find(
    (i) =>
      i.id.replace(/^sha256:/, '').startsWith(bare) || i.tags.some((t) => t === ref || familiar(t) === familiar(ref)),
  );
}

/** A live conflict as a guided flow; null when the error is not one of the five conflicts. */
export function fromError(error: BarnacleError, context: LiveContext): FixModel | null {
  if (!(fixConflicts as readonly string[]).includes(error.kind)) return null;
  const conflict = error.kind as FixConflict;
  const ref = context.ref ?? error.image ?? '';
  const image = findImage(ref, context.images) ?? (error.image ? findImage(error.image, context.images) : undefined);
  const named: FixContainer[] = (error.containers ?? []).map((c) => ({
    id: c.id,
    name: c.name ?? short(c.id),
    running: c.state !== null && RUNNING.has(c.state),
  }));
  const containers: FixContainer[] = image
    ? image.containers.map((c) => ({ id: c.id, name: c.name, running: RUNNING.has(c.state) }))
    : named;
  const references = (image?.tags ?? error.references ?? []).map(familiar);
  const children = image
    ? image.children.map((id) => {
        const child = context.images.find((i) => i.id === id);
        return { id, label: child?.tags[0] ? familiar(child.tags[0]) : `<none> ${short(id)}`, bytes: child?.size ?? 0 };
      })
    : [];
  const target = ref || image?.id || '';
  const model: FixModel = {
    conflict,
    imageId: image?.id ?? target,
    imageLabel: image?.tags[0] ? familiar(image.tags[0]) : ref ? familiar(ref) : short(target),
    engineKind: context.engine?.kind ?? 'docker',
    // Only the engine's own words: a conflict Barnacle found itself (a re-check mid-plan) has none.
    engineMessage: error.engineMessage ?? '',
    barnacleMessage: error.engineMessage ? '' : error.message,
    containers,
    references,
    selectedTags: [],
    children,
    options: [],
    chosen: conflict === 'dependent-children' ? 'skip' : 'keep-image',
    blocked: false,
  };
  model.options = liveOptions(model, target, context.engine);
  return model;
}

function liveOptions(m: FixModel, target: string, engine: LiveContext['engine']): FixModelOptions {
  const rmi = `docker rmi ${shellWord(familiar(target.startsWith('sha256:') ? short(target) : target))}`;
  const all = m.containers.map((c) => shellWord(c.name)).join(' ');
  const running = m.containers
    .filter((c) => c.running)
    .map((c) => shellWord(c.name))
    .join(' ');
  const keep: FixOptionModel = { choice: 'keep-image', commands: [] };
  switch (m.conflict) {
    case 'running-container':
      return [
        keep,
        { choice: 'stop-and-remove-containers', commands: [`docker stop ${running || all}`, `docker rm ${all}`, rmi] },
      ];
    case 'stopped-container': {
      const options: FixOptionModel[] = [keep, { choice: 'remove-containers', commands: [`docker rm ${all}`, rmi] }];
      if (engine?.kind === 'docker' && engine.imageStore === 'classic') {
        options.push({ choice: 'force-delete', commands: [rmi.replace('docker rmi', 'docker rmi -f')] });
      }
      return options;
    }
    case 'multiple-references':
      return [keep, { choice: 'all-tags', commands: [`docker rmi ${m.references.map(shellWord).join(' ')}`] }];
    case 'reference-in-use': {
      const anyRunning = m.containers.some((c) => c.running);
      const choice: FixChoice = anyRunning ? 'stop-and-remove-containers' : 'remove-containers';
      const commands = [...(anyRunning ? [`docker stop ${running}`] : []), `docker rm ${all}`, rmi];
      return [keep, { choice, commands }];
    }
    case 'dependent-children':
      return [
        { choice: 'skip', commands: [] },
        {
          choice: 'remove-children',
          commands: [`docker rmi ${[...m.children.map((c) => short(c.id)), short(m.imageId)].join(' ')}`],
        },
      ];
  }
}
type FixModelOptions = FixOptionModel[];

/** The intent that carries out `choice` for a live conflict: preview it, then confirm as usual. */
export function intentForLiveFix(model: FixModel, ref: string, choice: FixChoice): CleanupIntent {
  return { type: 'remove-images', refs: [ref || model.imageId], choices: choicesFor(model.conflict, choice) };
}

/** "keep" choices change nothing: the flow just closes. */
export function changesNothing(choice: FixChoice): boolean {
  return choice === 'keep-image' || choice === 'skip';
}
