// The docker CLI commands that do what a plan's steps do, so people learn the
// tool underneath. Consecutive steps of one kind share one command, as a person
// would type them.

import type { PlanStep } from '../../src-shared/plan';
import { shortId } from '../inventory/ids';

/** Quotes a word for a POSIX shell when it holds anything but safe characters. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:@=+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function commandFor(step: PlanStep): { verb: string; word: string } {
  switch (step.action) {
    case 'stop-container':
      return { verb: 'docker stop', word: step.label };
    case 'remove-container':
      return { verb: 'docker rm', word: step.label };
    case 'remove-volume':
      return { verb: 'docker volume rm', word: step.target };
    case 'untag':
      // Forced only for untag-only on the containerd store, where force drops just the tag.
      return { verb: step.force ? 'docker rmi -f' : 'docker rmi', word: step.label };
    case 'remove-image':
    case 'remove-child-image':
      return { verb: step.force ? 'docker rmi -f' : 'docker rmi', word: shortId(step.target) };
  }
}

export function cliCommands(steps: PlanStep[]): string[] {
  const commands: string[] = [];
  let verb = '';
  let words: string[] = [];
  const flush = () => {
    if (words.length) commands.push(`${verb} ${words.map(shellWord).join(' ')}`);
    words = [];
  };
  for (const step of steps) {
    const c = commandFor(step);
    if (c.verb !== verb) flush();
    verb = c.verb;
    words.push(c.word);
  }
  flush();
  return commands;
}
