// The fleet's pure parts: commands aimed at one engine, totals, the last cleanup
// per engine from the history, and the command line.

import { describe, expect, it } from 'vitest';
import { commandsOnEngine, engineFlag, fleetTotals, type FleetEngine } from '../../src-shared/fleet';
import { lastCleanupsOn } from '../../src-main/fleet/fleet-engine';
import { parseCommandLine } from '../../src-main/cli/args';
import type { HistoryEntry } from '../../src-shared/plan';

describe('commandsOnEngine', () => {
  it('puts the context after every docker that starts a command or follows a pipe', () => {
    const commands = [
      'docker rmi abc',
      'docker save sha256:1 | gzip > /t/s1.tar.gz',
      'docker stop web && docker rm web',
    ];
    expect(commandsOnEngine(commands, { host: 'ssh://a@b', contextName: 'ci-1' })).toEqual([
      'docker --context ci-1 rmi abc',
      'docker --context ci-1 save sha256:1 | gzip > /t/s1.tar.gz',
      'docker --context ci-1 stop web && docker --context ci-1 rm web',
    ]);
  });
  it('names an engine without a context by its address, quoted for the shell', () => {
    expect(engineFlag({ host: 'unix:///run/my docker.sock' })).toBe("--host 'unix:///run/my docker.sock'");
    // A word that merely contains "docker " is not a command.
    expect(commandsOnEngine(['docker rmi mydocker x'], { host: 'tcp://h:2376' })).toEqual([
      'docker --host tcp://h:2376 rmi mydocker x',
    ]);
  });
});

const usage = (total: number, reclaimable: number) => ({ total, reclaimable, count: 1, active: 0 });
const engine = (over: Partial<FleetEngine>): FleetEngine => ({
  endpoint: { host: 'unix:///a', label: 'a', source: 'user' },
  health: 'connected',
  lists: null,
  usage: null,
  lastCleanup: null,
  lastPolicyRun: null,
  ...over,
});

describe('fleetTotals', () => {
  it('adds lists over every engine and disk usage over those that reported it, and says how many did', () => {
    const lists = { images: 3, unusedImages: 1, dangling: 1, imageBytes: 300, containers: 2, running: 1, readAt: 0 };
    const totals = fleetTotals([
      engine({
        lists,
        usage: {
          images: usage(100, 40),
          containers: usage(10, 5),
          volumes: usage(1, 0),
          buildCache: usage(0, 0),
          fetchedAt: 0,
          tookMs: 1,
        },
      }),
      engine({ lists: { ...lists, images: 2 }, usage: null }),
      engine({ health: 'unreachable' }),
    ]);
    expect(totals).toEqual({
      engines: 3,
      connected: 2,
      images: 5,
      imageBytes: 600,
      containers: 4,
      running: 2,
      diskBytes: 111,
      reclaimable: 45,
      usageFrom: 1,
    });
  });
});

describe('lastCleanupsOn', () => {
  const entry = (host: string, finishedAt: number, policy?: string): HistoryEntry =>
    ({
      planId: `p${finishedAt}`,
      engine: { host },
      intent: policy
        ? { type: 'prune-images', all: true, policy, automatic: true }
        : { type: 'remove-images', refs: [] },
      finishedAt,
      bytesFreed: finishedAt * 10,
      finished: true,
    }) as unknown as HistoryEntry;
  it('the newest plan on this engine only, and the newest a policy made', () => {
    const history = [entry('a', 1, 'weekly'), entry('b', 5), entry('a', 3), entry('a', 2, 'daily')];
    expect(lastCleanupsOn('a', history)).toEqual({
      lastCleanup: { planId: 'p3', at: 3, bytesFreed: 30, finished: true },
      lastPolicyRun: { planId: 'p2', at: 2, bytesFreed: 20, finished: true, policy: 'daily', automatic: true },
    });
    expect(lastCleanupsOn('c', history)).toEqual({ lastCleanup: null, lastPolicyRun: null });
  });
});

describe('barnacle fleet command line', () => {
  it('reads contexts, comma-separated or repeated, and the plan kinds', () => {
    expect(parseCommandLine(['fleet', 'df', '--contexts', 'a,b', '--contexts', 'c'], 'linux').command).toEqual({
      name: 'fleet',
      verb: 'df',
      contexts: ['a', 'b', 'c'],
    });
    expect(
      parseCommandLine(['fleet', 'plan', 'prune', '--all', '--until', '24h', '--out', 'f.json'], 'linux').command,
    ).toEqual({
      name: 'fleet',
      verb: 'plan',
      plan: { intent: { type: 'prune-images', all: true, until: '24h' } },
      out: 'f.json',
    });
    expect(parseCommandLine(['fleet', 'plan', 'policy', 'weekly'], 'linux').command).toEqual({
      name: 'fleet',
      verb: 'plan',
      plan: { policy: 'weekly' },
    });
    expect(parseCommandLine(['fleet', 'apply', 'f.json', '--yes'], 'linux').command).toMatchObject({
      name: 'fleet',
      verb: 'apply',
      file: 'f.json',
      yes: true,
      maxAgeMs: 24 * 3600 * 1000,
    });
  });
  it('refuses what names one engine, a kind that names images, and empty context names', () => {
    expect(() => parseCommandLine(['fleet', 'df', '--context', 'a'], 'linux')).toThrow(/--contexts/);
    expect(() => parseCommandLine(['fleet', 'plan', 'rmi', 'x'], 'linux')).toThrow(/prune, rm-stopped/);
    expect(() => parseCommandLine(['fleet', 'df', '--contexts', 'a,,b'], 'linux')).toThrow(/context names/);
    expect(() => parseCommandLine(['fleet', 'df', '--all'], 'linux')).toThrow();
    expect(() => parseCommandLine(['fleet'], 'linux')).toThrow(/df, plan/);
  });
});

describe('planAcross', () => {
  it('an engine that does not answer in time is its own part, saying so; the others are planned', async () => {
    const { planAcross } = await import('../../src-main/fleet/fleet-plans');
    const endpoint = (host: string) => ({ host, label: host, source: 'user' as const });
    const connection = (host: string) =>
      ({
        endpoint: endpoint(host),
        engine: { kind: 'docker' },
      }) as unknown as import('../../src-main/engine/connection').EngineConnection;
    const plan = { id: 'p', commands: ['docker rmi x'], bytesFreed: 5, exact: true, steps: [{}] };
    const fleet = await planAcross(
      [
        { endpoint: endpoint('unix:///quick'), connection: connection('unix:///quick') },
        { endpoint: endpoint('tcp://stuck:2376'), connection: connection('tcp://stuck:2376') },
      ],
      { type: 'prune-images', all: false },
      {
        now: 0,
        timeoutMs: 50,
        preview: (c) =>
          c.endpoint.host === 'unix:///quick'
            ? Promise.resolve(plan as unknown as import('../../src-shared/plan').Plan)
            : new Promise(() => undefined),
      },
    );
    expect(fleet.parts[0]).toMatchObject({ plan: { id: 'p' }, commands: ['docker --host unix:///quick rmi x'] });
    expect(fleet.parts[1]).toMatchObject({
      error: {
        kind: 'engine-unreachable',
        says: { key: 'health.noAnswerWithin', params: { where: 'tcp://stuck:2376' } },
      },
    });
    expect(fleet).toMatchObject({ steps: 1, bytesFreed: 5, exact: true });
  });
});
