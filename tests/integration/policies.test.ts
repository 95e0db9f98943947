// Policies on each engine, run the way the app's scheduler runs them
// (BarnacleCore.runPolicy, with the core's clock injected) and the way a cron job
// does (`barnacle policy …`):
// - keep the newest N tags per repository, on images built here;
// - a storage threshold removes the least recently used first, where "used" comes
//   from real container create/start events, until the images are under the target;
// - notify-only changes nothing: the image list and the history are the same after;
// - apply removes exactly what its preview listed, and the history line names the
//   policy and says the schedule ran it;
// - the CLI flow: add, ls, plan, apply.
//
// The trash is set to "none" in these data folders: a policy's run keeps copies of
// images that cannot be pulled back all the same (every image here is built, so
// every image removed gets a copy first).
//
// What differs by engine: the untagged images of build steps go with their image by
// each store's own rule (README, "Untagged parents"), so what the engine loses is
// compared with the plan's steps and their alsoRemoves, which hold on every store.
// The containerd store lists images built in the same second in either order from
// one list to the next (seen live): lists are compared sorted. Podman names the
// repositories docker.io/…, which the keep pattern "*busybox*" and the count per
// repository read the same way. Every test passes on all five engines as written.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Plan } from '../../src-shared/plan';
import type { Policy, PolicyRun, PolicyStatus } from '../../src-shared/policy';
import { BarnacleCore } from '../../src-main/core/barnacle-core';
import { resetEngine } from '../engines/harness';
import { buildImage, runContainer } from '../engines/fixtures';
import { describeEachEngine } from '../engines/use-engines';
import { turnTrashOff } from '../fixtures/trash-settings';
import { barnacle, barnacleJson, cliShell } from '../fixtures/barnacle-cli';

const until = async (check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) => {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HOUR = 3_600_000;
/** Every policy here keeps the harness's base image, which no container uses either. */
const KEEP_BASE = ['*busybox*'];

const removedBy = (plan: Plan): string[] =>
  plan.steps
    .filter((s) => s.action === 'remove-image' || s.action === 'remove-child-image')
    .flatMap((s) => [s.target, ...(s.alsoRemoves ?? []).map((p) => p.id)])
    .sort();

describeEachEngine('policies', (engine) => {
  const { docker } = engine;
  let dataDir: string;
  let core: BarnacleCore;
  /** The core's clock: real time plus what a test moves it by. */
  let offset = 0;

  const imageIds = async () => (await docker.listImages({ all: true })).map((i) => i.Id).sort();
  const imageList = async () =>
    (await docker.listImages({ all: true }))
      .map((i) => ({ id: i.Id, tags: [...(i.RepoTags ?? [])].sort() }))
      // The containerd store lists images built in the same second in either order, run to run.
      .sort((x, y) => x.id.localeCompare(y.id));
  const policy = (name: string, extra: Partial<Policy>): Policy => ({
    name,
    enabled: true,
    schedule: 'daily',
    mode: 'notify',
    rules: {},
    ...extra,
  });
  const lastRunOf = (name: string): PolicyRun | undefined =>
    core.policies.list().find((s) => s.policy.name === name)?.lastRun;
  const lastUseOf = (id: string) => core.inventory.snapshot?.images.find((i) => i.id === id)?.lastUsed?.at ?? 0;

  beforeAll(async () => {
    await resetEngine(docker);
  });
  beforeEach(async () => {
    await resetEngine(docker);
    dataDir = await mkdtemp(join(tmpdir(), 'barnacle-policies-'));
    turnTrashOff(dataDir);
    offset = 0;
    core = new BarnacleCore(
      { host: engine.host, label: engine.label, source: 'user' },
      { dataDir, liveUpdates: { debounceMs: 100 }, now: () => Date.now() + offset },
    );
    expect((await core.start()).state).toBe('connected');
    await until(() => core.inventory.following && core.inventory.snapshot !== null, 15_000, 'events followed');
  });
  afterEach(async () => {
    core.close();
    await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  });
  afterAll(async () => {
    await resetEngine(docker);
  });

  it('keeps the newest N tags of each repository, and apply removes exactly what its preview listed', async () => {
    // A second apart: build dates count in seconds.
    const app1 = await buildImage(docker, { tag: 'pol/app:1', files: { '/v': '1' } });
    await pause(1100);
    const app2 = await buildImage(docker, { tag: 'pol/app:2', files: { '/v': '2' } });
    await pause(1100);
    const app3 = await buildImage(docker, { tag: 'pol/app:3', files: { '/v': '3' } });
    const web1 = await buildImage(docker, { tag: 'pol/web:1', files: { '/w': '1' } });
    await until(() => lastUseOf(web1) > 0, 15_000, 'the builds seen');
    const keep2 = policy('keep two', {
      mode: 'apply',
      rules: { keepNewest: { count: 2, by: 'created' }, keep: KEEP_BASE },
    });
    core.policies.save(keep2);
    const historyBefore = (await core.plans.readHistory()).length;
    const before = await imageIds();

    const { plan, run, report } = await core.runPolicy(keep2, { automatic: true });
    expect(plan).toBeDefined();
    // Only pol/app:1 goes: app:2 and app:3 are its repository's newest two, web:1 is its only tag.
    const removals = plan!.steps.filter((s) => s.action === 'remove-image');
    expect(removals.map((s) => s.target)).toEqual([app1]);
    // Copies first, though the settings say none: an unattended run keeps what cannot be pulled back.
    const copy = plan!.steps.find((s) => s.action === 'keep-copy');
    expect(copy?.copy?.images.map((i) => i.id)).toContain(app1);
    expect(plan!.intent).toMatchObject({
      type: 'prune-images',
      policy: 'keep two',
      automatic: true,
      trash: 'not-pullable',
    });
    expect(report?.finished).toBe(true);
    expect(run).toMatchObject({ outcome: 'applied', images: 1, planId: plan!.id });

    // The engine lost exactly the planned images (and their parents, on the classic store).
    const after = await imageIds();
    expect(after).toEqual(before.filter((id) => !removedBy(plan!).includes(id)));
    for (const id of [app2, app3, web1]) expect(after).toContain(id);
    // The history names the policy and says the schedule ran it; the run is recorded with the policy.
    const history = await core.plans.readHistory();
    expect(history).toHaveLength(historyBefore + 1);
    expect(history[0]!.planId).toBe(plan!.id);
    expect(history[0]!.intent).toMatchObject({ policy: 'keep two', automatic: true });
    expect(history[0]!.removedImages.map((i) => i.id)).toContain(app1);
    expect(lastRunOf('keep two')).toEqual(run);
  });

  it('notify only: says what it would free and changes nothing on the engine or in the history', async () => {
    const a = await buildImage(docker, { tag: 'quiet/a:1', runs: ['head -c 200000 /dev/urandom > /a'] });
    const b = await buildImage(docker, { tag: 'quiet/b:1', runs: ['head -c 200000 /dev/urandom > /b'] });
    await until(() => lastUseOf(b) > 0, 15_000, 'the builds seen');
    const unused = policy('unused', { rules: { unusedFor: '1h', keep: KEEP_BASE } });
    core.policies.save(unused);
    // Nothing is an hour unused yet.
    expect((await core.runPolicy(unused)).run.outcome).toBe('nothing');
    // Two hours on, both are.
    offset = 2 * HOUR;
    const listBefore = await imageList();
    const historyBefore = await core.plans.readHistory();
    const { plan, run } = await core.runPolicy(unused, { automatic: true });
    expect(removedBy(plan!).filter((id) => id === a || id === b)).toEqual([a, b].sort());
    expect(run).toMatchObject({
      outcome: 'notified',
      images: plan!.steps.filter((s) => s.action === 'remove-image').length,
    });
    expect(run.bytes).toBeGreaterThanOrEqual(400_000);
    expect(run.bytes).toBe(plan!.bytesFreed);
    await pause(500);
    expect(await imageList()).toEqual(listBefore);
    expect(await core.plans.readHistory()).toEqual(historyBefore);
    expect(lastRunOf('unused')).toEqual(run);
  });

  it('a threshold removes the least recently used first, by real container events, until under the target', async () => {
    const size = 300_000;
    const a = await buildImage(docker, { tag: 'lru/a:1', runs: [`head -c ${size} /dev/urandom > /a`] });
    const b = await buildImage(docker, { tag: 'lru/b:1', runs: [`head -c ${size} /dev/urandom > /b`] });
    const c = await buildImage(docker, { tag: 'lru/c:1', runs: [`head -c ${size} /dev/urandom > /c`] });
    // Used in the order c, a, b (built a, b, c): a second apart, each seen by the core, then the containers go.
    const containers: string[] = [];
    for (const image of [c, a, b]) {
      await pause(1100);
      const from = Date.now();
      containers.push(await runContainer(docker, image, { running: false }));
      await until(() => lastUseOf(image) >= from - 1000, 15_000, `the use of ${image} seen`);
    }
    await pause(1000);
    for (const id of containers) await docker.getContainer(id).remove();
    await until(
      () => (core.inventory.snapshot?.containers.length ?? 1) === 0,
      15_000,
      'the containers gone from the inventory',
    );
    const threshold = (name: string, trigger: number, target: number) =>
      policy(name, {
        schedule: 'over-threshold',
        rules: { threshold: { measure: 'images-bytes', trigger, target }, keep: KEEP_BASE },
      });
    // What the images take now, and what each frees, as a plan that would take them all reads it.
    const all = threshold('all', 1, 0);
    core.policies.save(all);
    const wide = (await core.runPolicy(all)).plan!;
    const measured = wide.threshold!.measured;
    const bytesOf = (id: string) => wide.steps.find((s) => s.target === id)!.bytes;
    expect(bytesOf(c)).toBeGreaterThanOrEqual(size);

    // Just over: the least recently used (c) alone brings it back under.
    const one = threshold('one', measured - 1, measured - bytesOf(c));
    core.policies.save(one);
    const first = await core.runPolicy(one);
    expect(first.plan!.threshold).toMatchObject({ over: true, reachesTarget: true });
    expect(first.plan!.steps.filter((s) => s.action === 'remove-image').map((s) => s.target)).toEqual([c]);
    // Two must go: c, then a; b, used last, stays.
    const two = threshold('two', measured - 1, measured - bytesOf(c) - bytesOf(a));
    core.policies.save(two);
    const second = await core.runPolicy({ ...two, mode: 'apply' });
    const gone = second.plan!.steps.filter((s) => s.action === 'remove-image').map((s) => s.target);
    expect(gone.sort()).toEqual([a, c].sort());
    expect(second.run.outcome).toBe('applied');
    const after = await imageIds();
    expect(after).toContain(b);
    expect(after).not.toContain(a);
    expect(after).not.toContain(c);
    // Under the target now: the same policy finds nothing to do.
    expect((await core.runPolicy(two)).run.outcome).toBe('nothing');
  });

  it('the scheduler started by the core runs a due policy, and a threshold policy after engine events', async () => {
    const heard: { name: string; outcome: string; previous?: string }[] = [];
    const full = policy('full', {
      schedule: 'over-threshold',
      mode: 'apply',
      rules: { threshold: { measure: 'images-bytes', trigger: 1, target: 0 }, keep: KEEP_BASE },
    });
    const daily = policy('daily', { rules: { unusedFor: '1h', keep: KEEP_BASE } });
    core.policies.save(daily);
    // Ran a minute ago: not due by its quarter-hour timer, only by events.
    core.policies.save(full);
    core.policies.recordRun('full', { at: Date.now() - 60_000, outcome: 'nothing', bytes: 0, images: 0 });
    core.startPolicies({
      tickMs: 200,
      debounceMs: 300,
      eventGapMs: 0,
      onRun: (result, previous) =>
        heard.push({
          name: result.policy.name,
          outcome: result.run.outcome,
          ...(previous ? { previous: previous.outcome } : {}),
        }),
    });
    // The daily policy never ran: due at once; nothing is an hour unused.
    await until(() => heard.some((h) => h.name === 'daily'), 15_000, 'the daily policy run');
    expect(heard.filter((h) => h.name === 'daily')).toEqual([{ name: 'daily', outcome: 'nothing' }]);
    // A build is an engine event: after a quiet spell the threshold policy is checked, and applies.
    const made = await buildImage(docker, { tag: 'sched/x:1', runs: ['head -c 100000 /dev/urandom > /x'] });
    // (An inventory change before the build, if the engine sends one, checks it too: finding nothing.)
    const applied = () => heard.find((h) => h.name === 'full' && h.outcome === 'applied');
    await until(() => applied() !== undefined, 20_000, 'the threshold policy run after the build');
    expect(applied()).toEqual({ name: 'full', outcome: 'applied', previous: 'nothing' });
    expect(heard.filter((h) => h.name === 'daily')).toHaveLength(1);
    expect(await imageIds()).not.toContain(made);
    const history = await core.plans.readHistory();
    expect(history[0]!.intent).toMatchObject({ policy: 'full', automatic: true });
    core.stopPolicies();
  });

  it('the CLI: policy add, ls, plan and apply over the same file', async () => {
    const cli = cliShell(engine.host);
    try {
      const old = await buildImage(docker, { tag: 'cli/pol:1', files: { '/v': '1' } });
      await pause(1100);
      const fresh = await buildImage(docker, { tag: 'cli/pol:2', files: { '/v': '2' } });
      const added = await barnacle(
        ['policy', 'add', 'newest', '--keep-newest', '1', '--keep', '*busybox*', '--schedule', 'weekly'],
        cli.env,
      );
      expect(added.code, added.stderr).toBe(0);
      expect(added.stdout).toMatch(/Policy “newest” saved/);
      const refused = await barnacle(['policy', 'add', 'newest', '--unused-for', '1h'], cli.env);
      expect(refused.code).toBe(2);

      const listed = await barnacleJson<PolicyStatus[]>(['policy', 'ls'], cli.env);
      expect(listed).toEqual([
        {
          policy: {
            name: 'newest',
            enabled: true,
            schedule: 'weekly',
            mode: 'notify',
            rules: { keepNewest: { count: 1, by: 'created' }, keep: ['*busybox*'] },
          },
          nextRun: expect.any(Number),
        },
      ]);
      const text = await barnacle(['policy', 'ls'], cli.env);
      expect(text.stdout).toMatch(/newest\s+yes\s+weekly\s+notify only\s+keep the newest tag per repository/);

      const planned = await barnacleJson<Plan>(['policy', 'plan', 'newest'], cli.env);
      expect(planned.steps.filter((s) => s.action === 'remove-image').map((s) => s.target)).toEqual([old]);
      const planText = await barnacle(['policy', 'plan', 'newest'], cli.env);
      expect(planText.stdout).toMatch(/Policy “newest”\./);
      expect(await imageIds()).toContain(old);

      // Not on a terminal: --yes is required, and nothing is recorded without it.
      const asked = await barnacle(['policy', 'apply', 'newest'], cli.env);
      expect(asked.code).toBe(2);
      const applied = await barnacleJson<{ run: PolicyRun; plan: Plan }>(
        ['policy', 'apply', 'newest', '--yes'],
        cli.env,
      );
      expect(applied.run).toMatchObject({ outcome: 'applied', images: 1 });
      expect(applied.plan.steps.filter((s) => s.action === 'remove-image').map((s) => s.target)).toEqual([old]);
      const after = await imageIds();
      expect(after).not.toContain(old);
      expect(after).toContain(fresh);
      const relisted = await barnacleJson<PolicyStatus[]>(['policy', 'ls'], cli.env);
      expect(relisted[0]!.lastRun).toEqual(applied.run);
      const history = await barnacleJson<unknown>(['policy', 'rm', 'newest'], cli.env);
      expect(history).toEqual({ removed: 'newest' });
      expect(await barnacleJson<PolicyStatus[]>(['policy', 'ls'], cli.env)).toEqual([]);
    } finally {
      cli.remove();
    }
  });
});
