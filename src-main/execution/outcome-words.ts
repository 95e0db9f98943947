// A step that ended in a conflict or a failure carries what happened as a
// catalogue phrase (`says`, shown in the person's language) and the same in
// English (`message`, for logs and --json).

import type { ConflictKind } from '../../src-shared/errors';
import { say } from '../../src-shared/messages/translate';
import type { Phrase } from '../../src-shared/phrase';
import type { FinalOutcome } from './schedule';

export const conflictSaying = (kind: ConflictKind | 'plan-stale' | 'copy-failed', says: Phrase): FinalOutcome => ({
  state: 'conflict',
  kind,
  message: say('en', says),
  says,
});

export const failureSaying = (kind: string, says: Phrase): FinalOutcome => ({
  state: 'failed',
  kind,
  message: say('en', says),
  says,
});
