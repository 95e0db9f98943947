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
  ReferencesFix,
  RunningFix,
  StoppedFix,
} from '../../src-shared/plan';
import { storeFamilyOf } from '../../src-shared/image-store';
import { engineWording, type PredictedConflict, type WordingEngine, type WordingFacts } from '../conflicts/wording';
import { shortId } from '../inventory/ids';
import { isActiveState } from '../inventory/relations';
import { shellWord } from './commands';
import { familiarReference } from './references';

export function imageLabel(image: ImageSummary): string {
  return image.tags[0] ? familiarReference(image.tags[0]) : `<none> ${shortId(image.id)}`;
}

const names = (cs: ContainerRef[]) => cs.map((c) => shellWord(c.name)).join(' ');
const quoted = (cs: ContainerRef[]) => cs.map((c) => `"${c.name}"`).join(', ');

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
  const label = imageLabel(image);
  return {
    id,
    imageId: image.id,
    imageLabel: label,
    conflict: 'running-container',
    explanation: `${label} is used by the running container${running.length > 1 ? 's' : ''} ${quoted(running)}. An image cannot be deleted while a container runs from it, not even with force.`,
    engineMessage: saidBy(engine, 'running-container', { imageId: image.id, containerId: running[0]?.id ?? '' }),
    containers: all,
    references: image.tags,
    children: [],
    chosen,
    options: [
      {
        choice: 'keep-image',
        label: 'Keep the image',
        consequence: 'Nothing changes: the containers keep running and the image stays.',
        commands: [],
      },
      {
        choice: 'stop-and-remove-containers',
        label: `Stop and remove ${all.length === 1 ? 'the container' : `all ${all.length} containers`}, then the image`,
        consequence: `Stops ${quoted(running)} and removes ${quoted(all)}, with their writable layers; their volumes stay.`,
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
  const label = imageLabel(image);
  const options: FixOption[] = [
    {
      choice: 'keep-image',
      label: 'Keep the image',
      consequence: 'Nothing changes: the stopped containers can still be started.',
      commands: [],
    },
    {
      choice: 'remove-containers',
      label: `Remove the stopped container${all.length > 1 ? 's' : ''}, then the image`,
      consequence: `Removes ${quoted(all)} with their writable layers; their volumes stay.`,
      commands: [`docker rm ${names(all)}`, `docker rmi ${shortId(image.id)}`],
    },
  ];
  const store = storeFamilyOf(engine);
  if (store === 'classic') {
    options.push({
      choice: 'force-delete',
      label: 'Force-delete the image, keep the containers',
      consequence: `The containers stay but point at an image that no longer exists: they cannot be recreated, and Docker shows them with a bare ID.`,
      commands: [`docker rmi -f ${shortId(image.id)}`],
    });
  }
  if (store === 'containerd' && image.tags.length > 0) {
    options.push({
      choice: 'untag-only',
      label: 'Keep the containers, remove only the tags',
      consequence: 'The image stays (untagged) for the containers; no space is freed until they go.',
      commands: image.tags.map((t) => `docker rmi -f ${shellWord(familiarReference(t))}`),
    });
  }
  const podmanNote =
    engine.kind === 'podman'
      ? ' On Podman, forcing the delete would remove those containers too, so Barnacle never forces it: choose to remove them instead.'
      : '';
  return {
    id,
    imageId: image.id,
    imageLabel: label,
    conflict: 'stopped-container',
    explanation: `${label} is used by the stopped container${all.length > 1 ? 's' : ''} ${quoted(all)}. The engine refuses to delete an image a container was made from.${podmanNote}`,
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
  const label = imageLabel(image);
  const others = image.tags.filter((t) => !selectedTags.includes(t));
  const options: FixOption[] = [];
  if (selectedTags.length > 0) {
    options.push({
      choice: 'selected-tag',
      label: `Remove only ${selectedTags.map(familiarReference).join(', ')}`,
      consequence: `The image stays under ${others.map(familiarReference).join(', ')}; no space is freed.`,
      commands: [`docker rmi ${selectedTags.map((t) => shellWord(familiarReference(t))).join(' ')}`],
    });
  } else {
    options.push({
      choice: 'keep-image',
      label: 'Keep the image',
      consequence: 'Nothing changes.',
      commands: [],
    });
  }
  options.push({
    choice: 'all-tags',
    label: `Remove every tag (${image.tags.length}) and the image`,
    consequence: `Removes ${image.tags.map(familiarReference).join(', ')}, then the image itself.`,
    commands: [`docker rmi ${image.tags.map((t) => shellWord(familiarReference(t))).join(' ')}`],
  });
  return {
    id,
    imageId: image.id,
    imageLabel: label,
    conflict: 'multiple-references',
    explanation:
      selectedTags.length > 0
        ? `${label} has ${image.tags.length} tags. Removing one tag only untags it: the image and its space stay until every tag goes.`
        : `${label} is tagged in ${image.tags.length} repositories. Deleting it by ID removes all of them, so the engine asks you to be sure.`,
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
  blockedBy: string | null,
  chosen: ChildrenFix,
): ConflictDecision {
  const label = imageLabel(image);
  const list = children.map((c) => ({ id: c.image.id, label: imageLabel(c.image), bytes: c.bytes }));
  const options: FixOption[] = [
    { choice: 'skip', label: 'Keep the image', consequence: 'Nothing changes.', commands: [] },
  ];
  if (!blockedBy) {
    options.push({
      choice: 'remove-children',
      label: `Remove the ${list.length} image${list.length > 1 ? 's' : ''} built on it too`,
      consequence: `Removes ${list.map((c) => c.label).join(', ')}, then ${label}.`,
      commands: [`docker rmi ${[...list.map((c) => shortId(c.id)), shortId(image.id)].join(' ')}`],
    });
  }
  return {
    id,
    imageId: image.id,
    imageLabel: label,
    conflict: 'dependent-children',
    explanation:
      `Other images were built on ${label} (${list.map((c) => c.label).join(', ')}): their layers sit on top of its layers, so it cannot go while they exist.` +
      (blockedBy ? ` ${blockedBy}` : ''),
    engineMessage: saidBy(engine, 'dependent-children', { imageId: image.id }),
    containers: [],
    references: image.tags,
    children: list,
    chosen: blockedBy ? 'skip' : chosen,
    options,
  };
}
