// One policy run with the plan lifecycle faked: the guard refuses what an
// unattended run must not do, notify changes nothing, apply executes the plan it
// previewed, and the notification says each outcome in both languages.

import { describe, expect, it } from 'vitest';
import type { CleanupIntent, ExecutionReport, Plan, PlanStep } from '../../src-shared/plan';
import type { Policy, PolicyRun } from '../../src-shared/policy';
import { DEFAULT_TRASH_SETTINGS, type TrashSettings } from '../../src-shared/trash';
import { automaticProblems, automaticRefusal } from '../../src-main/policies/automatic-guard';
import { runPolicy, type PolicyRunnerPorts } from '../../src-main/policies/policy-runner';
import { policyNotice } from '../../src-main/policies/policy-notice';
import type { EngineConnection } from '../../src-main/engine/connection';
import { say } from '../../src-shared/messages/translate';
import { planStep } from './support/plan-steps';

const policy: Policy = {
  name: 'weekly',
  enabled: true,
  schedule: 'weekly',
  mode: 'notify',
  rules: { unusedFor: '720h' },
};

function plan(steps: PlanStep[], intent: CleanupIntent = { type: 'prune-images', all: true }): Plan {
  return {
    id: 'plan-1',
    digest: 'sha256:d',
    createdAt: 0,
    engine: { host: 'unix:///x', kind: 'docker', version: '26' },
    intent,
    steps,
    decisions: [],
    bytesFreed: steps.reduce((n, s) => n + s.bytes, 0),
    exact: true,
    inexactReasons: [],
    commands: [],
    skipped: [],
  };
}

function ports(previewed: Plan | Error, trash: TrashSettings = DEFAULT_TRASH_SETTINGS) {
  const recorded: PolicyRun[] = [];
  const intents: CleanupIntent[] = [];
  const executed: string[] = [];
  const forgotten: string[] = [];
  const p: PolicyRunnerPorts = {
    connection: () => ({}) as EngineConnection,
    trashSettings: () => trash,
    now: () => 1_000,
    recordRun: (_name, run) => recorded.push(run),
    plans: {
      forget: (id) => forgotten.push(id),
      preview: async (_c, intent) => {
        intents.push(intent);
        if (previewed instanceof Error) throw previewed;
        return { ...previewed, intent };
      },
      execute: async (_c, id, digest): Promise<ExecutionReport> => {
        executed.push(`${id}@${digest}`);
        const steps = previewed instanceof Error ? [] : previewed.steps;
        return {
          planId: id,
          digest,
          startedAt: 1,
          finishedAt: 2,
          outcomes: Object.fromEntries(steps.map((s) => [s.id, { state: 'done' as const }])),
          bytesFreed: 700,
          bytesSource: 'disk-usage',
          finished: true,
          cancelled: false,
        };
      },
    },
  };
  return { p, recorded, intents, executed, forgotten };
}

const removal = (id: string, bytes = 100) => planStep('remove-image', id, { bytes });

describe('automatic guard', () => {
  it('accepts image removals, untags and the trash’s own steps', () => {
    const steps = [
      removal('a'),
      planStep('untag', 'b'),
      planStep('keep-copy', 'c'),
      planStep('remove-trash-entry', 'd'),
    ];
    expect(automaticProblems(plan(steps))).toEqual([]);
  });

  it('refuses containers, volumes, force and running containers, with reasons in both languages', () => {
    const steps = [
      planStep('remove-container', 'c1'),
      planStep('remove-volume', 'v1'),
      removal('forced', 1),
      planStep('remove-image', 'used', { risks: [{ kind: 'running-container' }] }),
    ];
    steps[2]!.force = true;
    const problems = automaticProblems(plan(steps));
    expect(problems.map((p) => p.kind)).toEqual(['action', 'action', 'forced', 'running-container']);
    const refusal = automaticRefusal(problems);
    expect(say('en', refusal)).toContain('remove a volume');
    expect(say('en', refusal)).toContain('used is used by a running container');
    expect(say('zh', refusal)).not.toMatch(/remove a|running/);
  });

  it('refuses a prune that removes stopped containers first', () => {
    expect(automaticProblems(plan([], { type: 'prune-images', all: true, withStoppedContainers: true }))).toEqual([
      { kind: 'not-a-policy-prune' },
    ]);
  });
});

describe('runPolicy', () => {
  it('notify: previews with the rules, marks the intent automatic, keeps unpullable copies, executes nothing', async () => {
    const h = ports(plan([removal('a', 300), removal('b', 200)]), { ...DEFAULT_TRASH_SETTINGS, keep: 'none' });
    const result = await runPolicy(h.p, policy, { automatic: true });
    expect(h.intents[0]).toMatchObject({ type: 'prune-images', all: true, unusedFor: '720h', policy: 'weekly' });
    expect(h.intents[0]).toMatchObject({ automatic: true, trash: 'not-pullable' });
    expect(h.executed).toEqual([]);
    expect(h.forgotten).toEqual([]); // kept for Review
    expect(h.recorded).toEqual([{ at: 1_000, outcome: 'notified', bytes: 500, images: 2, planId: 'plan-1' }]);
    expect(result.run).toBe(h.recorded[0]);
  });

  it('keeps copies of every image when the trash settings say all; a person’s run is not marked automatic', async () => {
    const h = ports(plan([removal('a')]), { ...DEFAULT_TRASH_SETTINGS, keep: 'all' });
    await runPolicy(h.p, policy);
    expect(h.intents[0]).toMatchObject({ trash: true });
    expect(h.intents[0]).not.toHaveProperty('automatic');
  });

  it('apply: executes exactly the previewed plan and records what the report freed', async () => {
    const h = ports(plan([removal('a', 300), planStep('keep-copy', 'k')]));
    const result = await runPolicy(h.p, { ...policy, mode: 'apply' });
    expect(h.executed).toEqual(['plan-1@sha256:d']);
    expect(result.run).toEqual({ at: 1_000, outcome: 'applied', bytes: 700, images: 1, planId: 'plan-1' });
  });

  it('records nothing-to-do, and a plan the guard refuses as failed without running it', async () => {
    const none = ports(plan([]));
    expect((await runPolicy(none.p, { ...policy, mode: 'apply' })).run.outcome).toBe('nothing');
    expect(none.forgotten).toEqual(['plan-1']); // a check that found nothing leaves no plan behind
    const refused = ports(plan([planStep('stop-container', 'c')]));
    const run = (await runPolicy(refused.p, { ...policy, mode: 'apply' })).run;
    expect(run.outcome).toBe('failed');
    expect(say('en', run.reason!)).toContain('stop a container');
    expect(refused.executed).toEqual([]);
  });

  it('records a planning failure with its words', async () => {
    const h = ports(new Error('engine said no'));
    const run = (await runPolicy(h.p, policy)).run;
    expect(run).toMatchObject({ outcome: 'failed', bytes: 0, images: 0 });
    expect(say('en', run.reason!)).toBe('engine said no');
  });
});

describe('policyNotice', () => {
  const run = (extra: Partial<PolicyRun>): PolicyRun => ({
    at: 1,
    outcome: 'notified',
    bytes: 4.2e9,
    images: 3,
    planId: 'p',
    ...extra,
  });

  it('notify: what it would free, with Review opening the plan', () => {
    expect(policyNotice(policy, run({}), 'en')).toEqual({
      title: 'Barnacle',
      body: 'Policy “weekly” would free 4.2 GB (3 images)',
      action: { label: 'Review', open: 'plan', planId: 'p' },
    });
    expect(policyNotice(policy, run({}), 'zh')!.body).toBe('策略“weekly”可释放 4.2 GB（3 个镜像）');
  });

  it('notify: quiet when the previous run said the same, speaks again when it changed', () => {
    expect(policyNotice(policy, run({}), 'en', run({ at: 0 }))).toBeNull();
    expect(policyNotice(policy, run({}), 'en', run({ at: 0, images: 2 }))).not.toBeNull();
    expect(policyNotice(policy, run({}), 'en', run({ at: 0, outcome: 'applied' }))).not.toBeNull();
  });

  it('apply: what it freed, with a link to the run in Activity; nothing found stays quiet', () => {
    expect(policyNotice(policy, run({ outcome: 'applied', images: 1 }), 'en')).toEqual({
      title: 'Barnacle',
      body: 'Policy “weekly” freed 4.2 GB (1 image)',
      action: { label: 'Show in Activity', open: 'activity', planId: 'p' },
    });
    expect(policyNotice(policy, run({ outcome: 'nothing' }), 'en')).toBeNull();
  });

  it('failed: the reason in the locale', () => {
    const failed = run({ outcome: 'failed', reason: { key: 'policy.failed.notConnected' } });
    expect(policyNotice(policy, failed, 'en')!.body).toBe('Policy “weekly” did not run: no engine connected');
    expect(policyNotice(policy, failed, 'zh')!.body).toBe('策略“weekly”未运行：未连接引擎');
  });
});
