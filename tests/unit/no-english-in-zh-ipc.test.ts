// Issue 13, over IPC: what main answers the window when it refuses a request (a
// malformed payload, no engine, a plan that no longer matches what was shown,
// a "no" in main's own dialog) carries a catalogue phrase, so the Chinese window
// shows Chinese (errorWords: `says` when present, else `message` as it came).
// `message` stays English, for logs and --json.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BarnacleError, Result } from '../../src-shared/errors';
import { say } from '../../src-shared/messages/translate';
import type { BarnacleCore } from '../../src-main/core/barnacle-core';
import { PlanLifecycle, PlanNotConfirmedError } from '../../src-main/core/plan-lifecycle';
import { LayerFactsCaches } from '../../src-main/inventory/layer-facts-cache';
import { PlanRegistry } from '../../src-main/planning/plan-registry';
import { createHandlers } from '../../src-main/ipc/handlers';
import { toCliError } from '../../src-main/cli/cli-error';
import { renderError } from '../../src-main/cli/format/error-text';
import { planCleanup } from '../../src-main/planning/planner';
import { phrase } from '../../src-shared/phrase';
import { dockerClassic, inventory, planningInput } from './support/inventory-builder';

const ENGLISH = /[A-Za-z]{3,}[ ,:;.'’-]+[A-Za-z]{3,}/;
const endpoint = { host: 'unix:///test/docker.sock', label: 'default', source: 'default' as const };
const connection = { docker: {}, engine: dockerClassic, endpoint };
const HEX = 'a'.repeat(64);
const PLAN_ID = '0b7c9a52-3f5e-4d1a-9c1e-6f2b8d4e7a10';

/** The zh window's words for a refusal, with the facts it names (hosts, the schema's own words) taken out. */
function zhWords(error: BarnacleError, facts: string[] = []): string {
  expect(error.says, `${error.kind} carries a phrase: ${error.message}`).toBeDefined();
  let text = say('zh', error.says!);
  for (const fact of facts) text = text.split(fact).join(' ');
  return text.replace(/\bBarnacle\b/g, ' ');
}

function expectChinese(error: BarnacleError, facts: string[] = []): void {
  const rest = zhWords(error, facts);
  expect(rest.match(ENGLISH)?.[0] ?? null, rest).toBeNull();
  // The CLI says the same, in its language.
  const cli = renderError(error, 'zh')
    .split('\n')[0]!
    .replace(/^barnacle:/, ' ');
  let cliRest = cli;
  for (const fact of facts) cliRest = cliRest.split(fact).join(' ');
  expect(cliRest.replace(/\bBarnacle\b/g, ' ').match(ENGLISH)?.[0] ?? null, cli).toBeNull();
}

function failure<T>(result: Result<T>): BarnacleError {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function lifecycle(): Promise<PlanLifecycle> {
  const dir = await mkdtemp(join(tmpdir(), 'barnacle-zh-'));
  dirs.push(dir);
  return new PlanLifecycle({ dataDir: dir, layerFacts: new LayerFactsCaches(null) });
}

function coreWith(plans: Partial<BarnacleCore['plans']>, connected = true): BarnacleCore {
  return {
    session: {
      current: () => (connected ? connection : null),
      health: { state: 'connecting', endpoint },
      lost: () => undefined,
    },
    inventory: { snapshot: null, refresh: () => Promise.reject(new Error('no inventory here')) },
    plans,
  } as unknown as BarnacleCore;
}

describe('no English refusal from main reaches the Chinese window over IPC', () => {
  it('a malformed request', async () => {
    const error = failure(await createHandlers(coreWith({})).executePlan({ planId: 5, digest: 'nope' }));
    expect(error.kind).toBe('validation');
    expect(error.message).toMatch(/^Barnacle refused a malformed request: /);
    // The schema library's words about each field are facts, shown as they came.
    const issues = (error.issues ?? []).map((i) => `${i.path}: ${i.message}`).join('; ');
    expectChinese(error, [issues]);
  });

  it('no engine yet', async () => {
    const error = failure(await createHandlers(coreWith({}, false)).inventory({}));
    expect(error.kind).toBe('engine-unreachable');
    expectChinese(error);
  });

  const registryCases: [string, (registry: PlanRegistry, id: string, digest: string) => void][] = [
    ['an unknown plan', () => undefined],
    ['a plan already running', (r, id, digest) => r.claim(id, digest)],
    [
      'a plan already run',
      (r, id, digest) => {
        r.claim(id, digest);
        r.finished(id);
      },
    ],
  ];
  for (const [name, before] of registryCases) {
    it(name, async () => {
      const registry = new PlanRegistry();
      const plan = planCleanup(
        planningInput(inventory([{ name: 'a', tags: ['a:1'] }]), { type: 'prune-images', all: true }),
      );
      if (name !== 'an unknown plan') registry.remember(plan);
      before(registry, plan.id, plan.digest);
      const handlers = createHandlers(
        coreWith({ execute: (_c, id, digest) => Promise.resolve(registry.claim(id, digest)) as never }),
      );
      const error = failure(await handlers.executePlan({ planId: plan.id, digest: plan.digest }));
      expect(error.kind).toBe('plan-stale');
      expectChinese(error);
    });
  }

  it('a plan whose digest differs', async () => {
    const registry = new PlanRegistry();
    const plan = planCleanup(
      planningInput(inventory([{ name: 'a', tags: ['a:1'] }]), { type: 'prune-images', all: true }),
    );
    registry.remember(plan);
    const handlers = createHandlers(
      coreWith({ execute: (_c, id, digest) => Promise.resolve(registry.claim(id, digest)) as never }),
    );
    const error = failure(await handlers.executePlan({ planId: plan.id, digest: `sha256:${HEX}` }));
    expect(error.kind).toBe('plan-stale');
    expectChinese(error);
  });

  it('nothing to resume', async () => {
    const plans = await lifecycle();
    const handlers = createHandlers(coreWith({ resume: (c, id) => plans.resume(c, id) }));
    const error = failure(await handlers.resumePlan({ planId: PLAN_ID }));
    expect(error.kind).toBe('plan-stale');
    expectChinese(error);
  });

  it('not confirmed in main, in the window and the CLI', async () => {
    const refused = new PlanNotConfirmedError(phrase('request.notConfirmed'));
    const handlers = createHandlers(coreWith({ execute: () => Promise.reject(refused) }));
    const error = failure(await handlers.executePlan({ planId: PLAN_ID, digest: `sha256:${HEX}` }));
    expect(error.kind).toBe('cancelled');
    expectChinese(error);
    expectChinese(toCliError(refused).error);
  });
});
