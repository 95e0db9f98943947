// For each conflict a removal would meet, the fixes that exist on this engine,
// what each costs, and the safe default (keep): nothing goes that the user did
// not choose.

import type { ContainerRef, EngineInfo, ImageSummary } from '../../src-shared/model';
import type {
  ChildrenFix,
  ConflictDecision,
  FixChoice,
  FixChoices,
  FixOption,
  PredictedConflict,
  ReferencesFix,
  RunningFix,
  StoppedFix,
} from '../../src-shared/plan';
import { storeFamilyOf } from '../../src-shared/image-store';
import { engineWording, type WordingEngine, type WordingFacts } from '../conflicts/wording';
import { shortId } from '../../src-shared/ids';
import { isActiveState } from '../../src-shared/container-state';
import { shellWord } from '../../src-shared/shell-word';
import { familiarReference } from '../../src-shared/references';
import { imageName } from '../../src-shared/display-names';
import { phrase } from '../../src-shared/phrase';

const names = (cs: ContainerRef[]) => cs.map((c) => shellWord(c.name)).join(' ');
const quoted = (cs: ContainerRef[]) => cs.map((c) => `"${c.name}"`);
const keepImage = phrase('option.keepImage');

export function chosenFix<K extends keyof Omit<FixChoices, 'perImage'>>(
  choices: FixChoices | undefined,
  imageId: string,
  key: K,
  fallback: NonNullable<FixChoices[K]>,
): NonNullable<FixChoices[K]> {
  return (choices?.perImage?.[imageId]?.[key] ?? choices?.[key] ?? fallback) as NonNullable<FixChoices[K]>;
}

/** The engine's own words for a predicted conflict ('' where this engine would not refuse). */
const saidBy = (engine: WordingEngine, conflict: PredictedConflict, facts: WordingFacts): string =>
  engineWording(conflict, facts, engine) ?? '';

export function runningDecision(
  id: string,
  image: ImageSummary,
  engine: WordingEngine,
  chosen: RunningFix,
): ConflictDecision {
  const running = image.containers.filter((c) => isActiveState(c.state));
  const all = image.containers;
  const label = imageName(image);
  return {
    id,
    imageId: image.id,
    imageLabel: label,
    conflict: 'running-container',
    explanation: phrase('decision.running.explanation', {
      image: label,
      running: quoted(running),
      count: running.length,
    }),
    engineMessage: saidBy(engine, 'running-container', { imageId: image.id, containerId: running[0]?.id ?? '' }),
    containers: all,
    references: image.tags,
    children: [],
    chosen,
    options: [
      {
        choice: 'keep-image',
        label: keepImage,
        consequence: phrase('option.running.keep'),
        commands: [],
      },
      {
        choice: 'stop-and-remove-containers',
        label: phrase('option.running.stopAndRemove', { count: all.length }),
        consequence: phrase('option.running.stopAndRemoveConsequence', {
          running: quoted(running),
          containers: quoted(all),
        }),
        commands: [`docker stop ${names(running)}`, `docker rm ${names(all)}`, `docker rmi ${shortId(image.id)}`],
      },
    ],
  };
}

export function stoppedDecision(
  id: string,
  image: ImageSummary,
  engine: EngineInfo,
  chosen: StoppedFix,
): ConflictDecision {
  const all = image.containers;
  const label = imageName(image);
  const options: FixOption[] = [
    {
      choice: 'keep-image',
      label: keepImage,
      consequence: phrase('option.stopped.keep'),
      commands: [],
    },
    {
      choice: 'remove-containers',
      label: phrase('option.stopped.remove', { count: all.length }),
      consequence: phrase('option.stopped.removeConsequence', { containers: quoted(all) }),
      commands: [`docker rm ${names(all)}`, `docker rmi ${shortId(image.id)}`],
    },
  ];
  const store = storeFamilyOf(engine);
  if (store === 'classic') {
    options.push({
      choice: 'force-delete',
      label: phrase('option.stopped.force'),
      consequence: phrase('option.stopped.forceConsequence'),
      commands: [`docker rmi -f ${shortId(image.id)}`],
    });
  }
  if (store === 'containerd' && image.tags.length > 0) {
    options.push({
      choice: 'untag-only',
      label: phrase('option.stopped.untagOnly'),
      consequence: phrase('option.stopped.untagOnlyConsequence'),
      commands: image.tags.map((t) => `docker rmi -f ${shellWord(familiarReference(t))}`),
    });
  }
  return {
    id,
    imageId: image.id,
    imageLabel: label,
    conflict: 'stopped-container',
    // On Podman a forced delete removes the containers too: the words say why Barnacle never forces it.
    explanation: phrase(
      engine.kind === 'podman' ? 'decision.stopped.explanationPodman' : 'decision.stopped.explanation',
      { image: label, containers: quoted(all), count: all.length },
    ),
    engineMessage: saidBy(engine, 'stopped-container', { imageId: image.id, containerId: all[0]?.id ?? '' }),
    containers: all,
    references: image.tags,
    children: [],
    chosen: options.some((o) => o.choice === chosen) ? chosen : 'keep-image',
    options,
  };
}

export function referencesDecision(
  id: string,
  image: ImageSummary,
  engine: WordingEngine,
  selectedTags: string[],
  chosen: ReferencesFix,
): ConflictDecision {
  const label = imageName(image);
  const others = image.tags.filter((t) => !selectedTags.includes(t));
  const options: FixOption[] = [];
  if (selectedTags.length > 0) {
    options.push({
      choice: 'selected-tag',
      label: phrase('option.references.selected', { tags: selectedTags.map(familiarReference) }),
      consequence: phrase('option.references.selectedConsequence', { others: others.map(familiarReference) }),
      commands: [`docker rmi ${selectedTags.map((t) => shellWord(familiarReference(t))).join(' ')}`],
    });
  } else {
    options.push({
      choice: 'keep-image',
      label: keepImage,
      consequence: phrase('option.nothingChanges'),
      commands: [],
    });
  }
  options.push({
    choice: 'all-tags',
    label: phrase('option.references.all', { count: image.tags.length }),
    consequence: phrase('option.references.allConsequence', { tags: image.tags.map(familiarReference) }),
    commands: [`docker rmi ${image.tags.map((t) => shellWord(familiarReference(t))).join(' ')}`],
  });
  return {
    id,
    imageId: image.id,
    imageLabel: label,
    conflict: 'multiple-references',
    explanation: phrase(
      selectedTags.length > 0 ? 'decision.references.explanationSelected' : 'decision.references.explanation',
      { image: label, count: image.tags.length },
    ),
    engineMessage: saidBy(engine, 'multiple-references', { imageId: image.id, tags: image.tags }),
    containers: [],
    references: image.tags,
    children: [],
    chosen: options.some((o) => o.choice === chosen) ? chosen : (options[0]!.choice as FixChoice),
    options,
  } as ConflictDecision;
}

export function childrenDecision(
  id: string,
  image: ImageSummary,
  engine: WordingEngine,
  children: { image: ImageSummary; bytes: number }[],
  /** A child image that containers use: what stops the children from going. */
  blockedBy: { user: string; containers: string[] } | null,
  chosen: ChildrenFix,
): ConflictDecision {
  const label = imageName(image);
  const list = children.map((c) => ({ id: c.image.id, label: imageName(c.image), bytes: c.bytes }));
  const options: FixOption[] = [
    { choice: 'skip', label: keepImage, consequence: phrase('option.nothingChanges'), commands: [] },
  ];
  if (!blockedBy) {
    options.push({
      choice: 'remove-children',
      label: phrase('option.children.remove', { count: list.length }),
      consequence: phrase('option.children.removeConsequence', { children: list.map((c) => c.label), image: label }),
      commands: [`docker rmi ${[...list.map((c) => shortId(c.id)), shortId(image.id)].join(' ')}`],
    });
  }
  return {
    id,
    imageId: image.id,
    imageLabel: label,
    conflict: 'dependent-children',
    explanation: blockedBy
      ? phrase('decision.children.explanationBlocked', {
          image: label,
          children: list.map((c) => c.label),
          ...blockedBy,
        })
      : phrase('decision.children.explanation', { image: label, children: list.map((c) => c.label) }),
    engineMessage: saidBy(engine, 'dependent-children', { imageId: image.id }),
    containers: [],
    references: image.tags,
    children: list,
    chosen: blockedBy ? 'skip' : chosen,
    options,
  };
}
