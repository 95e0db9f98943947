// What a policy's plan says about its rules, as catalogue keys with their facts:
// the CLI's plan text and the renderer's preview both read these, each with its
// own way of writing bytes and durations, so the words live in one place.

import type { Plan } from './plan';
import type { PhraseParams } from './phrase';

export interface PolicyWordsFormat {
  bytes: (n: number) => string;
  /** A Go duration ("720h") in words: "30 days". */
  age: (duration: string) => string;
  labels: (labels: string[]) => string;
}

/** The notes a prune plan made by rules carries, in reading order; none for a plain prune. */
export function policyNotes(plan: Plan, f: PolicyWordsFormat): { key: string; params?: PhraseParams }[] {
  const intent = plan.intent;
  if (intent.type !== 'prune-images') return [];
  const notes: { key: string; params?: PhraseParams }[] = [];
  if (intent.policy) notes.push({ key: 'policy.note.policy', params: { name: intent.policy } });
  if (intent.unusedFor) notes.push({ key: 'policy.note.unusedFor', params: { age: f.age(intent.unusedFor) } });
  if (intent.keepNewest) {
    notes.push({ key: `policy.note.keepNewest.${intent.keepNewest.by}`, params: { count: intent.keepNewest.count } });
  }
  if (intent.policy && intent.notLabels?.length) {
    notes.push({ key: 'policy.note.keepLabels', params: { labels: f.labels(intent.notLabels) } });
  }
  const t = plan.threshold;
  if (t) {
    notes.push({
      key: `policy.note.threshold.${t.measure}.${t.over ? 'over' : 'under'}`,
      params: {
        measured: f.bytes(t.measured),
        trigger: f.bytes(t.trigger),
        target: f.bytes(t.target),
        after: f.bytes(t.after),
      },
    });
    if (t.over && !t.reachesTarget) notes.push({ key: 'policy.note.short' });
  }
  if (intent.automatic) notes.push({ key: 'policy.note.automatic' });
  return notes;
}
