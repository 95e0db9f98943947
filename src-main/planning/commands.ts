// The docker CLI commands that do what a plan's steps do, so people learn the
// tool underneath. Consecutive steps of one kind share one command, as a person
// would type them. Every word names exactly what the step acts on, whatever else
// the engine holds: the commands are checked against the executor on every
// engine of the test matrix (tests/integration/commands-match-plan.test.ts).

import type { PlanStep } from '../../src-shared/plan';
import { shellWord } from '../../src-shared/shell-word';
import { shortId } from '../../src-shared/ids';
import { commitCommand } from '../trash/container-copy';

export interface CommandContext {
  /**
   * Every tag the engine lists, on any image. An engine reads a bare word as a
   * name before it reads it as an ID prefix (seen on Docker 20.10 and 26, both
   * stores, and Podman 4.3 and 5.4): `docker rmi 4a0c45ddce37` untags an image
   * tagged `4a0c45ddce37:latest` instead of deleting image 4a0c45ddce37…. With
   * the tags known, such an ID is written in full (64 hex, which no name may be).
   */
  tags?: Iterable<string>;
}

/** The names a bare word stands for on Docker and Podman: `x` is x:latest, docker.io/library/x:latest, localhost/x:latest. */
function bareNames(tags: Iterable<string>): Set<string> {
  const names = new Set<string>();
  for (const tag of tags) {
    const name = tag.replace(/^(docker\.io\/library\/|localhost\/)/, '');
    if (name.endsWith(':latest')) names.add(name.slice(0, -':latest'.length));
  }
  return names;
}

function imageWord(id: string, taken: Set<string>): string {
  const short = shortId(id);
  return taken.has(short) ? id.replace(/^sha256:/, '') : short;
}

function commandFor(step: PlanStep, taken: Set<string>): { verb: string; word: string; alone?: boolean } {
  switch (step.action) {
    case 'stop-container':
      return { verb: 'docker stop', word: step.label };
    case 'remove-container':
      return { verb: 'docker rm', word: step.label };
    case 'remove-volume':
      return { verb: 'docker volume rm', word: step.target };
    case 'remove-build-cache':
      // The id filter takes one value: one command per record.
      return { verb: 'docker builder prune -f --filter', word: `id=${step.target}`, alone: true };
    case 'remove-build-container':
      // Podman's compat API removes a build's leftover container only forced (unforced: 500
      // "mounted and cannot be removed without using force"); by its full ID, the only name
      // that certainly means this container (seen on Podman 4.3 and 5.4).
      return { verb: 'docker rm --force', word: step.target };
    case 'untag':
      // Forced only for untag-only on the containerd store, where force drops just the tag.
      // The tag as the engine lists it (the step's target), never the shortened label: a short
      // name can name another image. Docker reads `x/y:1` as docker.io/x/y:1, never as
      // localhost/x/y:1; Podman reads it as localhost/x/y:1 first when that exists, even when
      // the tag meant is docker.io/x/y:1. Docker lists docker.io names short already.
      return { verb: step.force ? 'docker rmi -f' : 'docker rmi', word: step.target };
    case 'remove-image':
    case 'remove-child-image':
      return { verb: step.force ? 'docker rmi -f' : 'docker rmi', word: imageWord(step.target, taken) };
    case 'keep-copy':
    case 'remove-trash-entry':
      throw new Error(`${step.action} is written by copyCommands`);
  }
}

/**
 * A trash step as shell lines. keep-copy: each container's changes committed under
 * the plan's name for them, every image by full ID (and those commits) exported
 * into one gzip archive, the commits' names removed again. remove-trash-entry: the
 * archive and its record deleted.
 */
export function copyCommands(step: PlanStep): string[] {
  if (step.action === 'remove-trash-entry')
    return [`rm -f ${shellWord(step.target)} ${shellWord(`${step.target}.json`)}`];
  const copy = step.copy;
  if (!copy) return [];
  const commits = copy.containers.map((c) => c.commitAs);
  return [
    ...copy.containers.map((c) => commitCommand(c.id, c.commitAs)),
    `docker save ${[...copy.images.map((i) => i.id), ...commits].map(shellWord).join(' ')} | gzip > ${shellWord(copy.file)}`,
    ...(commits.length ? [`docker rmi ${commits.map(shellWord).join(' ')}`] : []),
  ];
}

export function cliCommands(steps: PlanStep[], context: CommandContext = {}): string[] {
  const taken = bareNames(context.tags ?? []);
  const commands: string[] = [];
  let verb = '';
  let words: string[] = [];
  const flush = () => {
    if (words.length) commands.push(`${verb} ${words.map(shellWord).join(' ')}`);
    words = [];
  };
  for (const step of steps) {
    if (step.action === 'keep-copy' || step.action === 'remove-trash-entry') {
      flush();
      verb = '';
      commands.push(...copyCommands(step));
      continue;
    }
    const c = commandFor(step, taken);
    if (c.verb !== verb || c.alone) flush();
    verb = c.verb;
    words.push(c.word);
  }
  flush();
  return commands;
}
