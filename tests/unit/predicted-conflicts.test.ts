// The five conflicts a plan predicts (predictedConflicts in src-shared/plan.ts)
// are the ones the renderer's guided flows take live: the list was written
// out in src-shared/plan.ts's type, main's wording and the fix model before.
import { expect, it } from 'vitest';
import { conflictKinds } from '../../src-shared/errors';
import { predictedConflicts } from '../../src-shared/plan';
import { liveConflictOf } from '../../src-renderer/plan/fixes/fix-model';

it('the fix flows take exactly the conflicts a plan predicts', () => {
  const taken = conflictKinds.filter((kind) => liveConflictOf({ kind, message: '' }) !== null);
  expect(taken).toEqual([...predictedConflicts]);
});
