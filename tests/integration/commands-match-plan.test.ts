// Issue 9: the `docker` commands a plan shows must do exactly what the plan
// does. For each scenario, on every engine of the matrix:
//   1. build the fixture on a reset engine, plan, execute with Barnacle's
//      executor, and observe the whole world (every image of
//      /images/json?all=1 with its parent chain, containers with state, volumes);
//   2. reset, build the identical fixture again, plan again with the same intent
//      (the first plan's commands name IDs of the first world) and check the
//      plan has the same shape, then run its commands with the real docker CLI
//      (/usr/bin/docker, Debian's 20.10 client) against the same engine,
//      parsing the shell quoting ourselves and never running a shell;
//   3. observe again: both worlds must be equal up to the renaming of IDs.
//
// The five engines are independent processes: each runs its scenarios one after
// the other, all engines at once (started by the first hook below), and each
// `it` checks what its scenario recorded. That keeps the file near two minutes.

import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineConnection } from '../../src-main/engine/connection';
import { executePlan } from '../../src-main/execution/executor';
import { shortId } from '../../src-shared/ids';
import { cliCommands } from '../../src-main/planning/commands';
import { shellWord } from '../../src-shared/shell-word';
import { buildPlan } from '../../src-main/planning/plan-service';
import type { CleanupIntent, ExecutionReport, Plan } from '../../src-shared/plan';
import { buildImage, loadImage, resetEngine, runContainer, tagImage } from '../engines/harness';
import { describeEachEngine, liveEngines, type LiveEngine } from '../engines/use-engines';
import { runDockerLine, shellSplit, type CliResult } from './support/docker-cli';
import { connectTo } from './support/plan-world';
import { commandShapes, observeShape, stepShapes, type Observation, type WorldShape } from './support/world-shape';

interface Fixture {
  engine: LiveEngine;
  /** An image built FROM the base with one file whose content comes from `seed` (default: the tag). */
  build(tag: string, opts?: { seed?: string; runs?: string[]; labels?: Record<string, string> }): Promise<string>;
  /** An image loaded from an archive (no parent, same ID every time): faster than a build. */
  load(tags: string[], opts?: { created?: Date; labels?: Record<string, string> }): Promise<string>;
  run(image: string, name: string, state: 'running' | 'exited' | 'created'): Promise<string>;
}

/** What a fixture's setup hands on: the until cut-off it chose, words of its world made from IDs. */
interface Made {
  until?: string;
  /** Text in tags that comes from an ID (new with each build) → what to write instead. */
  rename?: Record<string, string>;
}

interface Scenario {
  title: string;
  /** Engines that offer what the scenario needs; on the others it is skipped, saying why. */
  on?: { engines: (e: LiveEngine) => boolean; why: string };
  /** Builds the fixture on a reset engine. */
  setup(f: Fixture): Promise<Made | void>;
  intent(made: Made | void): CleanupIntent;
  /** The plan's commands on this engine, words after the verb sorted, image IDs shown as [name]. */
  commands(e: LiveEngine): string[];
  /** Checks on the plan itself (before the comparison) that the planner must meet. */
  plan?(plan: Plan, e: LiveEngine): void;
  /** What the engine holds afterwards (both ways: they are checked equal), where it says something. */
  after?(world: WorldShape, e: LiveEngine): void;
  /** A planner defect (not the commands') makes this fail on these engines: the test is `it.fails` there. */
  defect?: { engines: (e: LiveEngine) => boolean; what: string };
}

/**
 * How the engine lists a name. Docker: as given. Podman's compat API: built and
 * tagged short names under docker.io/, loaded ones under localhost/ (seen on 4.3 and 5.4).
 */
const listed = (e: LiveEngine, ref: string, how: 'built' | 'loaded' = 'built') =>
  e.kind === 'docker' || ref.startsWith('localhost/') ? ref : `${how === 'loaded' ? 'localhost' : 'docker.io'}/${ref}`;

/** A literal for a RegExp. */
const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const classic = (e: LiveEngine) => e.store === 'classic';
const containerd = (e: LiveEngine) => e.store === 'containerd';
const PRUNE = { 'cmp.prune': 'yes' };
const UNTIL = { 'cmp.until': 'yes' };

const scenarios: Scenario[] = [
  {
    title: 'image with a running container: stop and remove it, then the image',
    async setup(f) {
      const id = await f.load(['cmp/run:1']);
      // An anonymous volume: `docker rm` without -v keeps it, as the executor does.
      const c = await f.engine.docker.createContainer({
        Image: id,
        name: 'cmp-run',
        Cmd: ['/bin/busybox', 'sleep', '3600'],
        StopTimeout: 1,
        HostConfig: { NetworkMode: 'none' },
        Volumes: { '/anon': {} },
      });
      await c.start();
      await f.run('barnacle-test/busybox:base', 'cmp-bystander', 'running');
    },
    intent: () => ({
      type: 'remove-images',
      refs: ['cmp/run:1'],
      choices: { runningContainer: 'stop-and-remove-containers' },
    }),
    commands: (e) => ['docker stop cmp-run', 'docker rm cmp-run', `docker rmi [${listed(e, 'cmp/run:1', 'loaded')}]`],
    after(world) {
      expect(world.volumes).toEqual(['<anonymous> × 1']);
      expect(world.containers).toEqual([expect.stringMatching(/^cmp-bystander running → /)]);
    },
  },
  {
    title: 'image with stopped containers: remove them, then the image',
    async setup(f) {
      const id = await f.load(['cmp/stopped:1']);
      await f.run(id, 'cmp-s1', 'exited');
      await f.run(id, 'cmp-s2', 'created');
    },
    intent: () => ({
      type: 'remove-images',
      refs: ['cmp/stopped:1'],
      choices: { stoppedContainer: 'remove-containers' },
    }),
    commands: (e) => ['docker rm cmp-s1 cmp-s2', `docker rmi [${listed(e, 'cmp/stopped:1', 'loaded')}]`],
    after(world) {
      expect(world.containers).toEqual([]);
    },
  },
  {
    title: 'image tagged in several repositories: the selected tag only',
    async setup(f) {
      const id = await f.build('cmp/multi:1');
      await tagImage(f.engine.docker, id, 'cmp/other', '1');
      await tagImage(f.engine.docker, id, 'cmp/third', 'x');
    },
    intent: () => ({ type: 'remove-images', refs: ['cmp/other:1'] }),
    commands: (e) => [`docker rmi ${listed(e, 'cmp/other:1')}`],
  },
  {
    title: 'image tagged in several repositories: every tag, then the image',
    async setup(f) {
      const id = await f.build('cmp/multi:1');
      await tagImage(f.engine.docker, id, 'cmp/other', '1');
      await tagImage(f.engine.docker, id, 'cmp/third', 'x');
    },
    intent: () => ({ type: 'remove-images', refs: ['cmp/third:x'], choices: { multipleReferences: 'all-tags' } }),
    commands: (e) => {
      // Every tag but the last the engine lists goes by name, then the image by ID: one rmi.
      const all = ['cmp/multi:1', 'cmp/other:1', 'cmp/third:x'].map((t) => listed(e, t));
      return [expect.stringMatching(rmiOf(all)) as unknown as string];
    },
    after(world) {
      expect(world.images.some((i) => i.includes('cmp/'))).toBe(false);
    },
  },
  {
    title: 'the same short name under localhost/ and docker.io/: each tag untagged from its own image',
    async setup(f) {
      const local = await f.build('localhost/cmp/twin:1');
      await tagImage(f.engine.docker, local, 'localhost/cmp/twin', '2');
      // Spelled out: Podman files a short name under localhost/ when that name exists there
      // (seen on 4.3 and 5.4, for builds and tags alike). Docker lists it short.
      const hub = await f.build('docker.io/cmp/twin:1');
      await tagImage(f.engine.docker, hub, 'docker.io/cmp/twin', '2');
    },
    intent: () => ({ type: 'remove-images', refs: ['localhost/cmp/twin:1', 'docker.io/cmp/twin:2'] }),
    // Before the fix: `docker rmi cmp/twin:1 cmp/twin:2` (the labels). Docker then untagged
    // cmp/twin:1 and deleted the docker.io image with its last tag, leaving localhost/'s
    // both tags; Podman untagged localhost/cmp/twin:1 and localhost/cmp/twin:2, deleting that image.
    commands: (e) => [`docker rmi ${listed(e, 'cmp/twin:2')} localhost/cmp/twin:1`],
    after(world, e) {
      expect(world.images.filter((i) => i.includes('cmp/')).map((i) => i.split(' ')[0])).toEqual(
        [listed(e, 'cmp/twin:1'), 'localhost/cmp/twin:2'].sort(),
      );
    },
  },
  {
    title: 'an image whose short ID is also a tag name: the ID, not the tag, goes',
    async setup(f) {
      const x = await f.build('cmp/x:1');
      const y = await f.load(['cmp/y:1']);
      await tagImage(f.engine.docker, y, shortId(x), 'latest');
      return { rename: { [shortId(x)]: '<short-id-of-cmp/x:1>' } };
    },
    intent: () => ({ type: 'remove-images', refs: ['cmp/x:1'] }),
    commands: (e) => [`docker rmi [${listed(e, 'cmp/x:1')}]`],
    plan(plan) {
      // `docker rmi <12 hex>` would untag `<12 hex>:latest` (on every engine of the matrix;
      // Docker 26's containerd store answers "No such image" instead): the ID must be written whole.
      expect(plan.commands).toEqual([`docker rmi ${plan.steps[0]!.target.replace(/^sha256:/, '')}`]);
    },
    after(world, e) {
      // cmp/x:1 went; the image named by its short ID stays with both its tags.
      const tagSets = world.images.filter((i) => i.includes('cmp/')).map((i) => i.split(',').sort());
      expect(tagSets).toEqual([
        e.kind === 'docker'
          ? ['<short-id-of-cmp/x:1>:latest', 'cmp/y:1']
          : ['docker.io/library/<short-id-of-cmp/x:1>:latest', 'localhost/cmp/y:1'],
      ]);
    },
  },
  {
    title: 'stopped container, untag-only: the tags go (forced), the image stays for the container',
    on: { engines: containerd, why: "offered only on Docker's containerd store" },
    async setup(f) {
      const id = await f.build('cmp/uo:1', { runs: ['echo one > /one'] });
      await tagImage(f.engine.docker, id, 'cmp/uo', '2');
      await f.run(id, 'cmp-uo', 'exited');
    },
    intent: () => ({
      type: 'remove-images',
      refs: ['cmp/uo:1'],
      choices: { multipleReferences: 'all-tags', stoppedContainer: 'untag-only' },
    }),
    commands: () => ['docker rmi -f cmp/uo:1 cmp/uo:2'],
    plan(plan) {
      // Docker 26.1's containerd store, seen here: two forced untags of an image's last two
      // tags sent at once delete the image about every other time (each sees the other tag
      // still there, so neither keeps the image for its stopped container); one after the
      // other, as the CLI sends them, the image always stays. The executor runs steps
      // without `after` between them concurrently, so each must wait for the previous.
      const untags = plan.steps.filter((s) => s.action === 'untag');
      expect(untags).toHaveLength(2);
      expect(untags[1]!.after, 'the second forced untag must wait for the first').toContain(untags[0]!.id);
    },
    after(world) {
      expect(world.containers).toEqual([expect.stringMatching(/^cmp-uo exited → <none> ← <none> ← /)]);
    },
  },
  {
    title: 'stopped container, force-delete: the image goes, the container stays pointing at nothing',
    on: { engines: classic, why: "offered only on Docker's classic store" },
    async setup(f) {
      const id = await f.load(['cmp/fd:1']);
      await f.run(id, 'cmp-fd', 'exited');
    },
    intent: () => ({ type: 'remove-images', refs: ['cmp/fd:1'], choices: { stoppedContainer: 'force-delete' } }),
    commands: () => ['docker rmi -f [cmp/fd:1]'],
    after(world) {
      expect(world.containers).toEqual(['cmp-fd exited → <missing>']);
    },
  },
  {
    title: 'prune dangling images',
    async setup(f) {
      await f.build('cmp/d:1', { seed: 'd-old' });
      await f.build('cmp/d:1', { seed: 'd-new' });
      await f.build('cmp/e:1', { seed: 'e-old', runs: ['echo e > /e'] });
      await f.build('cmp/e:1', { seed: 'e-new' });
      const used = await f.build('cmp/f:1', { seed: 'f-old' });
      await f.run(used, 'cmp-f', 'exited');
      await f.build('cmp/f:1', { seed: 'f-new' }); // the old one is dangling but used: stays
    },
    intent: () => ({ type: 'prune-images', all: false }),
    commands: () => ['docker rmi [<none>] [<none>]'],
    after(world) {
      expect(world.containers).toEqual([expect.stringMatching(/^cmp-f exited → <none> ← /)]);
    },
  },
  {
    title: 'prune all unused images with a label filter',
    async setup(f) {
      await f.build('cmp/l1:1', { labels: PRUNE, runs: ['echo l1 > /l1'] });
      await f.build('cmp/l2:1', { labels: PRUNE });
      await f.build('cmp/l3:1', { labels: PRUNE, seed: 'l3-old' }); // dangling and labelled: goes too
      await f.build('cmp/l3:1', { labels: PRUNE, seed: 'l3-new' });
      const used = await f.load(['cmp/l4:1'], { labels: PRUNE });
      await f.run(used, 'cmp-l4', 'exited');
      await f.load(['cmp/unlabelled:1']);
    },
    intent: () => ({ type: 'prune-images', all: true, labels: ['cmp.prune=yes'] }),
    commands: (e) => [
      `docker rmi ${['<none>', 'cmp/l1:1', 'cmp/l2:1', 'cmp/l3:1']
        .map((t) => `[${t === '<none>' ? t : listed(e, t)} {cmp.prune=yes}]`)
        .sort()
        .join(' ')}`,
    ],
    after(world, e) {
      expect(world.images.filter((i) => i.includes('cmp/')).map((i) => i.split(' ')[0])).toEqual(
        [listed(e, 'cmp/l4:1', 'loaded'), listed(e, 'cmp/unlabelled:1', 'loaded')].sort(),
      );
    },
  },
  {
    title: 'prune all unused images older than a cut-off (until)',
    async setup(f) {
      const old = new Date('2020-01-01T00:00:00Z');
      await f.load(['cmp/old:1'], { created: old, labels: UNTIL });
      await f.load(['cmp/old:2', 'cmp/old-too:1'], { created: old, labels: UNTIL });
      const used = await f.load(['cmp/old-used:1'], { created: old, labels: UNTIL });
      await f.run(used, 'cmp-old', 'exited');
      // The cut-off lies between the two groups on either clock an engine may use: build
      // dates (2020 | now, 2099) and, on Docker's containerd store, when each image arrived.
      if (f.engine.store === 'containerd') await sleep(1100);
      const cutoff = Math.floor(Date.now() / 1000);
      if (f.engine.store === 'containerd') await sleep(1100);
      await f.load(['cmp/future:1'], { created: new Date('2099-01-01T00:00:00Z'), labels: UNTIL });
      await f.build('cmp/fresh:1', { labels: UNTIL });
      return { until: String(cutoff) };
    },
    // The label keeps the harness's base image (built when the engine started) out of it.
    intent: (made) => ({ type: 'prune-images', all: true, until: made!.until!, labels: ['cmp.until=yes'] }),
    commands: (e) => {
      const [one, two, too] = ['cmp/old:1', 'cmp/old:2', 'cmp/old-too:1'].map((t) => listed(e, t, 'loaded')) as [
        string,
        string,
        string,
      ];
      // The image with two tags: one by name (whichever the engine lists first), then the image.
      return [
        expect.stringMatching(
          new RegExp(
            `^docker rmi ${esc(`[${too},${two} {cmp.until=yes}] [${one} {cmp.until=yes}] `)}(${esc(too)}|${esc(two)})$`,
          ),
        ) as unknown as string,
      ];
    },
    after(world, e) {
      expect(world.images.filter((i) => i.includes('cmp/')).map((i) => i.split(' ')[0])).toEqual(
        [listed(e, 'cmp/fresh:1'), listed(e, 'cmp/future:1', 'loaded'), listed(e, 'cmp/old-used:1', 'loaded')].sort(),
      );
    },
  },
  {
    title: 'remove stopped containers',
    async setup(f) {
      const id = await f.load(['cmp/c:1']);
      await f.run(id, 'cmp-a', 'exited');
      await f.run(id, 'cmp-b', 'exited');
      await f.run(id, 'cmp-new', 'created');
      await f.run(id, 'cmp-up', 'running');
    },
    intent: () => ({ type: 'remove-stopped-containers' }),
    commands: () => ['docker rm cmp-a cmp-b cmp-new'],
    after(world) {
      expect(world.containers).toEqual([expect.stringMatching(/^cmp-up running → /)]);
    },
  },
  {
    title: 'image built with RUN steps (intermediate images), a sibling sharing the first step stays',
    async setup(f) {
      // Steps: COPY, RUN one (both shared with the sibling through the build cache), RUN two, RUN three.
      await f.build('cmp/runs:1', { seed: 'runs', runs: ['echo one > /one', 'echo two > /two', 'echo 3 > /3'] });
      await f.build('cmp/sibling:1', { seed: 'runs', runs: ['echo one > /one', 'echo other > /other'] });
    },
    intent: () => ({ type: 'remove-images', refs: ['cmp/runs:1'] }),
    commands: (e) => [`docker rmi [${listed(e, 'cmp/runs:1')}]`],
    after(world, e) {
      const untagged = world.images.filter((i) => i.startsWith('<none>'));
      if (e.store === 'containerd') {
        // Docker 26.1's containerd store (seen here, by the executor and by `docker rmi` alike):
        // all three untagged parents of the build go with the image, the two the sibling was
        // built on too; the sibling then names a parent that is no longer listed.
        expect(untagged).toEqual([]);
        expect(world.images).toContain(`${listed(e, 'cmp/sibling:1')} ← <missing>`);
      } else {
        // Classic store and Podman: the image's own untagged parent (RUN two) goes with it,
        // the two it shares with the sibling (COPY, RUN one) stay.
        expect(untagged).toHaveLength(2);
        expect(world.images).toContain(
          `${listed(e, 'cmp/sibling:1')} ← <none> ← <none> ← ${listed(e, 'barnacle-test/busybox:base')}`,
        );
      }
    },
  },
];

/** `docker rmi` + two of the three tags + the image, in any order (which tag goes with the ID is the engine's list order). */
function rmiOf(tags: string[]): RegExp {
  const word = `(${tags.map(esc).join('|')}|\\[${esc(tags.join(','))}\\])`;
  return new RegExp(`^docker rmi ${word} ${word} ${word}$`);
}

interface Outcome {
  first?: Observation;
  plan?: Plan;
  report?: ExecutionReport;
  byPlan?: WorldShape;
  second?: Observation;
  again?: Plan;
  results?: CliResult[];
  byCommands?: WorldShape;
  /** A failure while running the scenario (not a mismatch): rethrown by its test. */
  error?: unknown;
}

function fixtureFor(engine: LiveEngine): Fixture {
  const { docker } = engine;
  return {
    engine,
    build: (tag, opts = {}) =>
      buildImage(docker, {
        tag,
        files: { [`/cmp/${(opts.seed ?? tag).replace(/[^a-z0-9]/g, '-')}`]: `${opts.seed ?? tag}\n`.repeat(200) },
        ...(opts.runs ? { runs: opts.runs } : {}),
        ...(opts.labels ? { labels: opts.labels } : {}),
      }),
    load: (tags, opts = {}) =>
      loadImage(docker, {
        tags,
        created: opts.created ?? new Date('2024-06-01T00:00:00Z'),
        files: { [`/cmp/${tags[0]!.replace(/[^a-z0-9]/g, '-')}`]: `${tags.join(' ')}\n`.repeat(200) },
        ...(opts.labels ? { labels: opts.labels } : {}),
      }),
    async run(image, name, state) {
      if (state !== 'created') return runContainer(docker, image, { name, running: state === 'running' });
      const c = await docker.createContainer({
        Image: image,
        name,
        Cmd: ['/bin/busybox', 'sleep', '3600'],
        HostConfig: { NetworkMode: 'none' },
      });
      return c.id;
    },
  };
}

/** The observation with the setup's ID-made words replaced in every line of the world. */
function renamed(seen: Observation, made: Made | void): Observation {
  const pairs = Object.entries(made?.rename ?? {});
  if (!pairs.length) return seen;
  // Tags are listed sorted: sort them again once an ID inside one has become a word.
  const resortTags = (name: string) => {
    const [tags, rest] = [name.split(' ')[0] ?? '', name.slice((name.split(' ')[0] ?? '').length)];
    return tags.split(',').sort().join(',') + rest;
  };
  const fix = (line: string) =>
    pairs
      .reduce((text, [from, to]) => text.replaceAll(from, to), line)
      .split(' ← ')
      .map(resortTags)
      .join(' ← ');
  const { images, containers, volumes } = seen.shape;
  return { ...seen, shape: { images: images.map(fix).sort(), containers: containers.map(fix).sort(), volumes } };
}

/** Both runs of one scenario on one engine; whatever went wrong is recorded, never thrown. */
async function runScenario(engine: LiveEngine, connection: EngineConnection, s: Scenario): Promise<Outcome> {
  const { docker } = engine;
  const fixture = fixtureFor(engine);
  const out: Outcome = {};
  try {
    // 1. Barnacle plans and executes.
    await resetEngine(docker);
    const made = await s.setup(fixture);
    out.first = renamed(await observeShape(docker), made);
    out.plan = await buildPlan(connection, s.intent(made));
    out.report = await executePlan(connection, out.plan, { measure: false });
    out.byPlan = renamed(await observeShape(docker), made).shape;

    // 2. The same fixture again, planned again, and the commands run with the docker CLI.
    await resetEngine(docker);
    const madeAgain = await s.setup(fixture);
    out.second = renamed(await observeShape(docker), madeAgain);
    out.again = await buildPlan(connection, s.intent(madeAgain));
    out.results = [];
    for (const line of out.again.commands) out.results.push(await runDockerLine(engine.host, line));
    out.byCommands = renamed(await observeShape(docker), madeAgain).shape;
  } catch (err) {
    out.error = err;
  }
  return out;
}

const offeredOn = (s: Scenario, e: LiveEngine) => s.on?.engines(e) ?? true;

/** Per engine, per scenario title: started by the first hook, all engines at once. */
const outcomes = new Map<string, Map<string, Promise<Outcome>>>();
const table: string[] = [];
const cleanups: Promise<unknown>[] = [];

beforeAll(() => {
  for (const engine of liveEngines()) {
    const mine = new Map<string, Promise<Outcome>>();
    outcomes.set(engine.name, mine);
    let chain: Promise<unknown> = connectTo(engine.host, engine.kind);
    for (const s of scenarios.filter((x) => offeredOn(x, engine))) {
      const result = chain.then(
        async (connection) => ({ connection, outcome: await runScenario(engine, connection as EngineConnection, s) }),
        (err: unknown) => ({ connection: Promise.reject(err), outcome: { error: err } as Outcome }),
      );
      mine.set(
        s.title,
        result.then((r) => r.outcome),
      );
      chain = result.then((r) => r.connection);
    }
    // Leave the engine as the other test files expect it.
    cleanups.push(
      chain.then(
        () => resetEngine(engine.docker),
        () => undefined,
      ),
    );
  }
});

afterAll(async () => {
  await Promise.all([...outcomes.values()].flatMap((m) => [...m.values()]));
  await Promise.all(cleanups);
  if (table.length) console.log(`commands vs plan, by engine:\n${table.sort().join('\n')}`);
});

describe('shell words', () => {
  it('splits what shellWord quotes back into the same words', () => {
    const words = ['plain', "it's", 'a b', "'", '', 'x$y', 'semi;colon', 'back\\slash'];
    expect(shellSplit(`docker rm ${words.map(shellWord).join(' ')}`)).toEqual(['docker', 'rm', ...words]);
    expect(shellSplit(`a "b \\"c\\" \\x" d\\ e`)).toEqual(['a', 'b "c" \\x', 'd e']);
    for (const bad of ['docker rm a;b', 'docker rm $X', 'docker rm a*', "docker rm 'a", 'docker rm a | b']) {
      expect(() => shellSplit(bad), bad).toThrow();
    }
  });

  it('writes an image ID whole when a tag has the short ID for a name', () => {
    const id = `sha256:${'4a0c45ddce37'}${'0'.repeat(52)}`;
    const step = {
      id: 's1',
      action: 'remove-image' as const,
      target: id,
      label: 'x:1',
      reason: 'selected' as const,
      risks: [],
      after: [],
      bytes: 0,
      expect: {},
    };
    expect(cliCommands([step])).toEqual(['docker rmi 4a0c45ddce37']);
    expect(cliCommands([step], { tags: ['4a0c45ddce37:latest'] })).toEqual([`docker rmi ${id.slice(7)}`]);
    expect(cliCommands([step], { tags: ['docker.io/library/4a0c45ddce37:latest'] })).toEqual([
      `docker rmi ${id.slice(7)}`,
    ]);
    expect(cliCommands([step], { tags: ['4a0c45ddce37:v2', 'x:1'] })).toEqual(['docker rmi 4a0c45ddce37']);
  });
});

describeEachEngine('plan commands do what the plan does', (engine) => {
  for (const s of scenarios) {
    const offered = offeredOn(s, engine);
    const defect = offered && s.defect?.engines(engine) ? s.defect.what : null;
    const title = offered ? s.title : `${s.title} (${s.on!.why})`;
    // A known planner defect, named in the scenario: the test fails until it is fixed.
    const test = !offered ? it.skip : defect ? it.fails : it;
    test(title, async () => {
      const o = await outcomes.get(engine.name)!.get(s.title)!;
      const row = (verdict: string) => table.push(`${engine.name.padEnd(20)} ${verdict.padEnd(6)} ${s.title}`);
      if (o.error) {
        row('ERROR');
        throw o.error;
      }
      const { first, plan, report, byPlan, second, again, results, byCommands } = o as Required<Outcome>;
      const same = JSON.stringify(byCommands) === JSON.stringify(byPlan);
      row(same ? 'same' : 'DIFF');
      expect(plan.steps.length, 'the scenario must make a plan with steps').toBeGreaterThan(0);
      for (const step of plan.steps) {
        const outcome = report.outcomes[step.id];
        expect(outcome, `${step.id} ${step.action} ${step.label}: ${JSON.stringify(outcome)}`).toEqual({
          state: 'done',
        });
      }
      s.plan?.(plan, engine);
      expect(second.shape, 'the fixture must build the same world twice').toEqual(first.shape);
      // The same plan up to IDs (steps of one phase may come in another order: builds give new IDs).
      expect(stepShapes(again, second).sort()).toEqual(stepShapes(plan, first).sort());
      expect(commandShapes(again, second)).toEqual(commandShapes(plan, first));

      const transcript = results.map((r) => `$ ${r.line}  (exit ${r.code})\n${r.stdout}${r.stderr}`).join('\n');
      expect(byCommands, `after the commands:\n${transcript}`).toEqual(byPlan);
      expect(
        results.filter((r) => r.code !== 0),
        transcript,
      ).toEqual([]);
      expect(commandShapes(plan, first)).toEqual(s.commands(engine));
      s.after?.(byPlan, engine);
    });
  }
});
