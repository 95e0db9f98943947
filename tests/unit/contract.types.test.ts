// Keeps main, preload and renderer in step with the one contract: if a channel
// is added, renamed or retyped in one place only, this file stops compiling
// (npm run typecheck) or these assertions fail (vitest).

import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { buildBarnacleApi } from '../../src-shared/bridge';
import {
  channels,
  eventNames,
  type ArgsOf,
  type BarnacleApi,
  type Channel,
  type Contract,
  type EventMap,
  type HandlerTable,
  type ResultOf,
} from '../../src-shared/contract';
import type { Result } from '../../src-shared/errors';
import { createHandlers } from '../../src-main/ipc/handlers';
import { schemas } from '../../src-main/ipc/schemas';

type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe('the IPC contract', () => {
  it('lists every channel at runtime exactly once', () => {
    expectTypeOf<(typeof channels)[number]>().toEqualTypeOf<Channel>();
    expect(new Set(channels).size).toBe(channels.length);
    expectTypeOf<(typeof eventNames)[number]>().toEqualTypeOf<keyof EventMap>();
  });

  it('has a schema per channel, and each schema accepts exactly the contract args', () => {
    expect(Object.keys(schemas).sort()).toEqual([...channels].sort());
    type SchemaArgs = { [C in Channel]: z.input<(typeof schemas)[C]> };
    const argsMatch: { [C in Channel]: Exact<SchemaArgs[C], ArgsOf<C>> } = Object.fromEntries(
      channels.map((c) => [c, true]),
    ) as { [C in Channel]: true };
    expect(Object.values(argsMatch).every(Boolean)).toBe(true);
  });

  it('main registers a handler per channel with the contract result type', () => {
    expectTypeOf<ReturnType<typeof createHandlers>>().toEqualTypeOf<HandlerTable>();
    expectTypeOf<Awaited<ReturnType<HandlerTable['inventory']>>>().toEqualTypeOf<Result<ResultOf<'inventory'>>>();
  });

  it('the preload exposes exactly the contract to the renderer', async () => {
    const calls: [Channel, unknown][] = [];
    const api = buildBarnacleApi({
      invoke: async (channel, args) => {
        calls.push([channel, args]);
        return { ok: true, value: null };
      },
      subscribe: () => () => undefined,
    });
    expectTypeOf(api).toEqualTypeOf<BarnacleApi>();
    expect(Object.keys(api).sort()).toEqual([...channels, 'on'].sort());
    for (const channel of channels) await (api[channel] as (a: unknown) => Promise<unknown>)({});
    expect(calls.map(([c]) => c)).toEqual([...channels]);
    expect(() => api.on('nope' as keyof EventMap, () => undefined)).toThrow(/unknown event/);
  });

  it('renderer calls are typed by the contract', () => {
    expectTypeOf<Parameters<BarnacleApi['previewPlan']>[0]>().toEqualTypeOf<Contract['previewPlan']['args']>();
    expectTypeOf<ReturnType<BarnacleApi['inventory']>>().toEqualTypeOf<Promise<Result<ResultOf<'inventory'>>>>();
  });
});
