// How a person's answer to one conflict of one image becomes part of the intent
// main plans from: the window's fix flows (predicted and met live) and the plan
// store set per-image choices through here, so an answer always means the same.

import type { CleanupIntent, FixChoice, FixChoices, PredictedConflict } from './plan';

type ChoiceKey = keyof Omit<FixChoices, 'perImage'>;

const keyOf: Record<Exclude<PredictedConflict, 'reference-in-use'>, ChoiceKey> = {
  'running-container': 'runningContainer',
  'stopped-container': 'stoppedContainer',
  'multiple-references': 'multipleReferences',
  'dependent-children': 'dependentChildren',
};

/** The choices that make `choice` happen for this conflict (reference-in-use is a container conflict). */
function choicesFor(conflict: PredictedConflict, choice: FixChoice): Omit<FixChoices, 'perImage'> {
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
  conflict: PredictedConflict,
  choice: FixChoice,
): CleanupIntent {
  if (intent.type !== 'remove-images') return intent;
  const perImage = { ...(intent.choices?.perImage ?? {}) };
  perImage[imageId] = { ...(perImage[imageId] ?? {}), ...choicesFor(conflict, choice) };
  return { ...intent, choices: { ...(intent.choices ?? {}), perImage } };
}
