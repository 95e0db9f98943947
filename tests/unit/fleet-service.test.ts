// The fleet in main without an engine to talk to: which engines are watched is
// a file in the data folder (read back by the next start, damaged lines
// dropped); an engine that is not connected or not watched has no plan and
// says why; a fleet plan id main does not hold is refused; switching the core
// to a watched engine hands it over rather than connecting to it twice. The
// addresses here answer nothing (a socket path that does not exist, a closed
// port), so no engine is reached and nothing is mocked.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BarnacleCore } from '../../src-main/core/barnacle-core';
import { fleetFileIn, fleetHostsOf } from '../../src-main/fleet/fleet-service';
import { PlanStaleError } from '../../src-main/planning/plan-registry';
import { MOST_FLEET_ENGINES } from '../../src-shared/fleet';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('fleetHostsOf', () => {
  it('keeps engine addresses once each, in order, and drops what is not one', () => {
    expect(
      fleetHostsOf({
        hosts: [
          'tcp://10.0.0.5:2376',
          42,
          'not an address',
          'tcp://10.0.0.5:2376',
          'unix:///run/a.sock',
          'x'.repeat(600),
        ],
      }),
    ).toEqual(['tcp://10.0.0.5:2376', 'unix:///run/a.sock']);
    // No more than main's plan registry can hold one plan each for, with room to spare.
    const many = Array.from({ length: 20 }, (_, i) => `tcp://10.0.0.${i + 1}:2376`);
    expect(fleetHostsOf({ hosts: many })).toEqual(many.slice(0, MOST_FLEET_ENGINES));
    expect(MOST_FLEET_ENGINES).toBeLessThan(20);
    expect(fleetHostsOf(null)).toEqual([]);
    expect(fleetHostsOf({ hosts: 'tcp://10.0.0.5:2376' })).toEqual([]);
  });
});

describe('FleetService', () => {
  let dataDir: string;
  let cores: BarnacleCore[];
  const here = 'unix:///nonexistent/barnacle-fleet-test.sock';
  const coreIn = (dir: string) => {
    const core = new BarnacleCore(
      { host: here, label: 'here', source: 'user' },
      { dataDir: dir, backoffMs: [60_000], fleet: { backoffMs: [60_000], connectTimeoutMs: 1000, coalesceMs: 10 } },
    );
    cores.push(core);
    return core;
  };

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'barnacle-fleet-'));
    cores = [];
  });
  afterEach(() => {
    for (const core of cores) core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('saves the engines watched and reads them back on the next start; the current engine comes first', async () => {
    const away = `tcp://127.0.0.1:${await closedPort()}`;
    const core = coreIn(dataDir);
    await core.start();
    const overview = await core.fleet.setFleet([away]);
    expect(overview.engines.map((e) => e.endpoint.host)).toEqual([here, away]);
    expect(JSON.parse(readFileSync(fleetFileIn(dataDir), 'utf8'))).toEqual({ hosts: [away] });
    // Each engine states its own reason; neither waits for the other.
    await expect
      .poll(async () => (await core.fleet.overview()).engines.map((e) => e.health))
      .not.toContain('connecting');
    const totals = (await core.fleet.overview()).totals;
    expect(totals).toMatchObject({ engines: 2, connected: 0, images: 0, usageFrom: 0 });

    const next = coreIn(dataDir);
    expect((await next.fleet.overview()).engines.map((e) => e.endpoint.host)).toEqual([here, away]);
  });

  it('reads a damaged file as no engines besides the current one', async () => {
    writeFileSync(fleetFileIn(dataDir), '{ not json');
    const core = coreIn(dataDir);
    expect((await core.fleet.overview()).engines.map((e) => e.endpoint.host)).toEqual([here]);
  });

  it('gives an engine not connected, and one not watched, no plan, each with its reason', async () => {
    const core = coreIn(dataDir);
    await core.start();
    const plan = await core.fleet.preview([here, 'tcp://10.255.255.1:2375'], { type: 'prune-images', all: false });
    expect(plan.steps).toBe(0);
    expect(plan.parts).toHaveLength(2);
    expect(plan.parts[0]).toMatchObject({ endpoint: { host: here }, error: { kind: 'engine-unreachable' } });
    expect(plan.parts[1]).toMatchObject({
      endpoint: { host: 'tcp://10.255.255.1:2375' },
      error: { kind: 'validation', says: { key: 'request.fleetNotWatched' } },
    });
  });

  it('refuses a fleet plan id it does not hold, and runs a held one only once', async () => {
    const core = coreIn(dataDir);
    await core.start();
    await expect(core.fleet.execute('3b241101-e2bb-4255-8caf-4136c566a962')).rejects.toBeInstanceOf(PlanStaleError);
    const plan = await core.fleet.preview([here], { type: 'prune-images', all: false });
    const report = await core.fleet.execute(plan.id);
    expect(report).toMatchObject({ fleetPlanId: plan.id, bytesFreed: 0 });
    await expect(core.fleet.execute(plan.id)).rejects.toBeInstanceOf(PlanStaleError);
  });

  it('hands a watched engine over when the core switches to it: one follower per engine', async () => {
    const away = `tcp://127.0.0.1:${await closedPort()}`;
    const core = coreIn(dataDir);
    await core.start();
    await core.fleet.setFleet([away]);
    expect(core.fleet.followerOf(away)).not.toBeNull();
    await core.selectEngine(away);
    expect(core.fleet.followerOf(away)).toBeNull();
    expect(core.followerOf(away)).toBe(core.followed);
    // The engine left is not among those chosen, so it is no longer watched.
    expect((await core.fleet.overview()).engines.map((e) => e.endpoint.host)).toEqual([away]);
  });
});
