// The engine goes away mid-session (Docker Desktop quits, a restart) and comes
// back: the app shows a typed "not running" state, then reconnects by itself.
// Each engine here is started by this file alone, so stopping it harms no one.

import { afterAll, describe, expect, it } from 'vitest';
import type { EngineHealth } from '../../src-shared/model';
import { BarnacleCore } from '../../src-main/core/barnacle-core';
import { createHandlers } from '../../src-main/ipc/handlers';
import { engineAvailability, ensureBaseImage, connect, startEngine, type StartedEngine } from '../engines/harness';
import { ENGINE_NAMES } from '../engines/matrix';

const kinds = ENGINE_NAMES.filter((name) => engineAvailability(name).ok);

function waitForHealth(core: BarnacleCore, state: EngineHealth['state'], timeoutMs: number): Promise<EngineHealth> {
  return new Promise((resolve, reject) => {
    if (core.session.health.state === state) return resolve(core.session.health);
    const timer = setTimeout(
      () => reject(new Error(`no ${state} within ${timeoutMs} ms (${core.session.health.state})`)),
      timeoutMs,
    );
    const off = core.session.onHealth((h) => {
      if (h.state !== state) return;
      clearTimeout(timer);
      off();
      resolve(h);
    });
  });
}

describe.each(kinds)('%s: reconnect', (kind) => {
  let engine: StartedEngine;
  let core: BarnacleCore;
  afterAll(async () => {
    core?.close();
    await engine?.destroy();
  });

  it('reports "not running" when the engine stops, and reconnects when it is back', async () => {
    engine = await startEngine(kind);
    await ensureBaseImage(connect(engine.host));
    core = new BarnacleCore({ host: engine.host, label: kind, source: 'user' }, { backoffMs: [200, 400] });
    expect((await core.start()).state).toBe('connected');
    const handlers = createHandlers(core);
    expect((await handlers.inventory({})).ok).toBe(true);

    await engine.stop();
    const down = await waitForHealth(core, 'not-running', 10_000);
    expect(down.state).toBe('not-running');
    expect('message' in down && down.message).toMatch(/stopped|not running/);
    const whileDown = await handlers.inventory({});
    expect(whileDown.ok).toBe(false);
    if (!whileDown.ok) expect(whileDown.error.kind).toBe('engine-unreachable');

    await engine.start();
    await waitForHealth(core, 'connected', 15_000);
    const again = await handlers.inventory({});
    expect(again.ok).toBe(true);
  });

  it('names a missing socket as such', async () => {
    const lost = new BarnacleCore(
      { host: `unix://${engine.dir}/nope.sock`, label: 'x', source: 'user' },
      { backoffMs: [60_000] },
    );
    const health = await lost.start();
    lost.close();
    expect(health.state).toBe('socket-not-found');
  });
});
