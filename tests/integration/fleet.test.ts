// Several engines at once (issue 14): Docker 26 with the classic store, Docker 26
// with the containerd image store, and Podman, all live. One grouped plan, each
// engine's part planned and run on its own connection; an engine stopped mid-plan
// is that engine's result alone. Then the CLI a CI runner uses (`fleet df`,
// `fleet plan --out`, `fleet apply`) over docker contexts naming the same engines.
//
// What each engine does with a tag built twice, written out: on every one of the
// three the first build is left untagged (dangling): the classic store and Podman
// keep it as `<none>:<none>`, the containerd store keeps it as a dangling image
// record (`moby-dangling@…` inside containerd), listed without tags.

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanLifecycle } from '../../src-main/core/plan-lifecycle';
import type { EngineConnection } from '../../src-main/engine/connection';
import { planAcross, runAcross, type ReachedEngine } from '../../src-main/fleet/fleet-plans';
import { LayerFactsCaches } from '../../src-main/inventory/layer-facts-cache';
import type { FleetOverview, FleetPlan, FleetRunReport } from '../../src-shared/fleet';
import type { CleanupIntent } from '../../src-shared/plan';
import { barnacle, barnacleJson, cliShell, type CliShell } from '../fixtures/barnacle-cli';
import { writeContext } from '../fixtures/docker-config';
import { turnTrashOff } from '../fixtures/trash-settings';
import {
  buildImage,
  connect as harnessClient,
  engineAvailability,
  ensureBaseImage,
  resetEngine,
  startEngine,
  type StartedEngine,
} from '../engines/harness';
import { liveEngines, type LiveEngine } from '../engines/use-engines';
import { connectTo } from './support/plan-world';

const KiB = 1024;
const blob = () => ({ [`/x/${randomBytes(4).toString('hex')}`]: randomBytes(8 * KiB) });
const pruneDangling: CleanupIntent = { type: 'prune-images', all: false, trash: false };

/** Podman 5.4 when it runs here, else 4.3: the fleet needs one Podman. */
function fleetEngines(): { engines: LiveEngine[]; missing: string[] } {
  const live = liveEngines();
  const pick = (...names: string[]) => names.map((n) => live.find((e) => e.name === n)).find(Boolean);
  const wanted = {
    'docker26-classic': pick('docker26-classic'),
    'docker26-containerd': pick('docker26-containerd'),
    podman: pick('podman54', 'podman43'),
  };
  const missing = Object.entries(wanted).flatMap(([name, e]) => (e ? [] : [name]));
  return { engines: Object.values(wanted).filter((e): e is LiveEngine => !!e), missing };
}

/** Two builds of one tag: the first is left dangling. Returns [dangling, tagged]. */
async function danglingPair(docker: Dockerode, tag: string): Promise<[string, string]> {
  const first = await buildImage(docker, { tag, files: blob() });
  const second = await buildImage(docker, { tag, files: blob() });
  return [first, second];
}

async function imageIds(docker: Dockerode): Promise<string[]> {
  return (await docker.listImages({ all: true })).map((i) => i.Id);
}

const { engines, missing } = fleetEngines();
const describeFleet = missing.length ? describe.skip : describe;

describeFleet(
  `fleet of three live engines${missing.length ? ` (skipped: ${missing.join(', ')} did not start)` : ''}`,
  () => {
    let dataDir: string;
    let lifecycle: PlanLifecycle;
    const connections = new Map<string, EngineConnection>();

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'barnacle-fleet-'));
      turnTrashOff(dataDir);
      lifecycle = new PlanLifecycle({ dataDir, layerFacts: new LayerFactsCaches(null) });
      for (const engine of engines) {
        await resetEngine(engine.docker);
        connections.set(engine.host, await connectTo(engine.host, engine.name));
      }
    });
    afterAll(async () => {
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    const reached = (): ReachedEngine[] =>
      engines.map((e) => ({
        endpoint: { host: e.host, label: e.name, source: 'user', contextName: e.name },
        connection: connections.get(e.host)!,
      }));

    it('one grouped plan: each engine its own dangling images, its commands under its context, run side by side', async () => {
      const made = new Map<string, { dangling: string; tagged: string }>();
      for (const e of engines) {
        const [dangling, tagged] = await danglingPair(e.docker, `fleet/app:${e.name}`);
        made.set(e.host, { dangling, tagged });
      }
      const unreachable: ReachedEngine = {
        endpoint: { host: 'tcp://127.0.0.1:1', label: 'gone', source: 'user', contextName: 'gone' },
        error: { kind: 'engine-unreachable', message: 'Nothing answers at tcp://127.0.0.1:1' },
      };
      const plan = await planAcross([...reached(), unreachable], pruneDangling, {
        now: Date.now(),
        preview: (connection, intent) => lifecycle.preview(connection, intent),
      });
      expect(plan.parts).toHaveLength(engines.length + 1);
      for (const e of engines) {
        const part = plan.parts.find((p) => p.endpoint.host === e.host)!;
        if (!('plan' in part)) throw new Error(`${e.name}: ${part.error.message}`);
        // Exactly this engine's dangling image, nothing of another engine's, nothing tagged.
        expect(part.plan.steps.map((s) => s.target)).toEqual([made.get(e.host)!.dangling]);
        expect(part.plan.engine.host).toBe(e.host);
        expect(part.commands.length).toBeGreaterThan(0);
        for (const command of part.commands) expect(command).toMatch(new RegExp(`^docker --context ${e.name} `));
      }
      expect(plan.parts.at(-1)).toMatchObject({ error: { kind: 'engine-unreachable' } });
      expect(plan.steps).toBe(engines.length);
      expect(plan.bytesFreed).toBe(plan.parts.reduce((sum, p) => sum + ('plan' in p ? p.plan.bytesFreed : 0), 0));

      const report = await runAcross(plan, (part) =>
        lifecycle.execute(connections.get(part.endpoint.host)!, part.plan.id, part.plan.digest),
      );
      // The unreachable engine had no plan: the run is not "finished" everywhere, and says so.
      expect(report.finished).toBe(false);
      for (const e of engines) {
        const part = report.parts.find((p) => p.host === e.host)!;
        if (!('report' in part)) throw new Error(`${e.name}: ${part.error.message}`);
        expect(part.report.finished).toBe(true);
        expect(Object.values(part.report.outcomes).map((o) => o.state)).toEqual(['done']);
        const left = await imageIds(e.docker);
        expect(left).not.toContain(made.get(e.host)!.dangling);
        expect(left).toContain(made.get(e.host)!.tagged);
      }
      // The history records each engine's plan with its engine.
      const history = await lifecycle.readHistory();
      expect(new Set(history.map((h) => h.engine.host))).toEqual(new Set(engines.map((e) => e.host)));
    });

    // A private Docker (classic store) is the one stopped: the shared engines stay up for other files.
    const privateName = 'docker26-classic';
    describe.skipIf(!engineAvailability(privateName).ok)('an engine stopped mid-plan', () => {
      let stopped: StartedEngine;
      afterAll(async () => {
        await stopped?.destroy();
      });

      it('the stopped engine reports what finished and what did not; the others finish, exactly', async () => {
        stopped = await startEngine(privateName);
        const privateDocker = harnessClient(stopped.host);
        await ensureBaseImage(privateDocker);
        const others = engines.filter((e) => e.name !== privateName);
        const danglingOf = new Map<string, string[]>();
        for (const [host, docker] of [
          [stopped.host, privateDocker] as const,
          ...others.map((e) => [e.host, e.docker] as const),
        ]) {
          const ids: string[] = [];
          for (const n of [1, 2, 3]) ids.push((await danglingPair(docker, `fleet/stop${n}:x`))[0]);
          danglingOf.set(host, ids);
        }
        const privateIds = new Set(danglingOf.get(stopped.host));
        let engineUp = true;
        let stepsSeen = 0;
        const runner = new PlanLifecycle({
          dataDir,
          layerFacts: new LayerFactsCaches(null),
          execute: {
            concurrency: 1,
            // The private engine stops before its second removal; the others run on.
            beforeStep: async (step) => {
              if (!privateIds.has(step.target)) return;
              stepsSeen++;
              if (stepsSeen === 2 && engineUp) {
                engineUp = false;
                await stopped.stop();
              }
            },
          },
        });
        const privateConnection = await connectTo(stopped.host, 'private');
        const members: ReachedEngine[] = [
          { endpoint: { host: stopped.host, label: 'private', source: 'user' }, connection: privateConnection },
          ...others.map((e): ReachedEngine => ({
            endpoint: { host: e.host, label: e.name, source: 'user' },
            connection: connections.get(e.host)!,
          })),
        ];
        const plan: FleetPlan = await planAcross(members, pruneDangling, {
          now: Date.now(),
          preview: (connection, intent) => runner.preview(connection, intent),
        });
        const connectionOf = new Map(
          members.map((m) => ['connection' in m ? m.endpoint.host : '', 'connection' in m ? m.connection : null]),
        );
        const report: FleetRunReport = await runAcross(plan, (part) =>
          runner.execute(connectionOf.get(part.endpoint.host)!, part.plan.id, part.plan.digest),
        );
        expect(report.finished).toBe(false);
        const lost = report.parts.find((p) => p.host === stopped.host)!;
        if (!('report' in lost)) throw new Error(lost.error.message);
        const states = Object.values(lost.report.outcomes).map((o) => o.state);
        expect(states).toEqual(['done', 'not-run', 'not-run']);
        expect(lost.report).toMatchObject({ finished: false });
        expect(lost.report.engineLost).toEqual(expect.any(String));
        for (const e of others) {
          const part = report.parts.find((p) => p.host === e.host)!;
          if (!('report' in part)) throw new Error(`${e.name}: ${part.error.message}`);
          expect(part.report.finished).toBe(true);
          expect(Object.values(part.report.outcomes).every((o) => o.state === 'done')).toBe(true);
          const left = await imageIds(e.docker);
          for (const id of danglingOf.get(e.host)!) expect(left).not.toContain(id);
        }
        // The total counts only what the engines report freed.
        expect(report.bytesFreed).toBe(
          report.parts.reduce((sum, p) => sum + ('report' in p ? p.report.bytesFreed : 0), 0),
        );
        // Started again, the private engine lost exactly its first planned image.
        await stopped.start();
        const left = await imageIds(privateDocker);
        const [first, ...rest] = danglingOf.get(stopped.host)!;
        const planned = (
          plan.parts.find((p) => p.endpoint.host === stopped.host) as { plan: { steps: { target: string }[] } }
        ).plan.steps.map((s) => s.target);
        expect(left).not.toContain(planned[0]);
        for (const id of planned.slice(1)) expect(left).toContain(id);
        expect(new Set(planned)).toEqual(new Set([first, ...rest]));
      });
    });

    describe('the CLI over docker contexts', () => {
      let shell: CliShell;
      beforeAll(async () => {
        shell = cliShell('unix:///nonexistent/docker.sock');
        for (const e of engines) writeContext(shell.env.DOCKER_CONFIG!, { name: e.name, host: e.host });
        writeContext(shell.env.DOCKER_CONFIG!, { name: 'gone', host: 'tcp://127.0.0.1:1' });
        for (const e of engines) await resetEngine(e.docker);
      });
      afterAll(() => shell?.remove());
      const contexts = () => [...engines.map((e) => e.name), 'gone'].join(',');

      it('fleet df: every engine, the silent one unreachable, totals over the connected', async () => {
        for (const e of engines) await danglingPair(e.docker, `fleet/df:${e.name}`);
        const overview = await barnacleJson<FleetOverview>(['fleet', 'df', '--contexts', contexts()], shell.env);
        expect(overview.engines.map((e) => e.endpoint.contextName)).toEqual([...engines.map((e) => e.name), 'gone']);
        for (const e of engines) {
          const line = overview.engines.find((l) => l.endpoint.contextName === e.name)!;
          expect(line.health).toBe('connected');
          expect(line.engine?.kind).toBe(e.kind);
          // The engine's own top-level list (intermediates hidden), the one dangling image among them.
          const listed = await e.docker.listImages();
          expect(line.lists).toMatchObject({ images: listed.length, dangling: 1, containers: 0 });
        }
        expect(overview.engines.at(-1)).toMatchObject({ health: 'unreachable', lists: null, usage: null });
        expect(overview.totals).toMatchObject({
          engines: engines.length + 1,
          connected: engines.length,
          images: overview.engines.reduce((s, l) => s + (l.lists?.images ?? 0), 0),
        });
      });

      it('fleet plan --out, then fleet apply: each engine loses exactly its planned images; a second apply is refused', async () => {
        const file = join(shell.dir, 'fleet-plan.json');
        const planned = await barnacleJson<FleetPlan>(
          ['fleet', 'plan', 'prune', '--no-trash', '--contexts', contexts(), '--out', file],
          shell.env,
        );
        const targets = new Map(
          planned.parts.flatMap((p) => ('plan' in p ? [[p.endpoint.host, p.plan.steps.map((s) => s.target)]] : [])),
        );
        expect(targets.size).toBe(engines.length);
        for (const e of engines) {
          const dangling = (await e.docker.listImages({ filters: { dangling: ['true'] } })).map((i) => i.Id);
          expect([...targets.get(e.host)!].sort()).toEqual(dangling.sort());
        }
        const applied = await barnacleJson<FleetRunReport>(['fleet', 'apply', file, '--yes'], shell.env);
        for (const e of engines) {
          const part = applied.parts.find((p) => p.host === e.host)!;
          expect(part).toMatchObject({ report: { finished: true } });
          const left = await imageIds(e.docker);
          for (const id of targets.get(e.host)!) expect(left).not.toContain(id);
          expect(left.length).toBeGreaterThan(0);
        }
        const again = await barnacle(['fleet', 'apply', file, '--yes', '--json'], shell.env);
        expect(again.code).toBe(1);
        const report = JSON.parse(again.stdout) as FleetRunReport;
        for (const part of report.parts) expect(part).toMatchObject({ error: { kind: 'plan-stale' } });
      });

      it('--host with fleet is a usage error that says to use --contexts', async () => {
        const ran = await barnacle(['fleet', 'df', '--host', 'unix:///x.sock'], shell.env);
        expect(ran.code).toBe(2);
        expect(ran.stderr).toMatch(/--contexts/);
      });
    });
  },
);
