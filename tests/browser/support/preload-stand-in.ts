// Stands in for the Electron preload in a plain browser page: the page gets
// `window.barnacle` built by the very same builder (src-shared/bridge.ts),
// with calls going to main's real handler table through Playwright bindings
// and main's events pushed back into the page.

import type { Page } from '@playwright/test';
import { buildSync } from 'esbuild';
import { channels, type Channel, type EventMap, type EventName, type HandlerTable } from '../../../src-shared/contract';

let bundledBridge: string | null = null;

/** src-shared/bridge.ts compiled to a script that defines window.barnacle on Playwright bindings. */
function bridgeScript(): string {
  if (bundledBridge) return bundledBridge;
  const result = buildSync({
    stdin: {
      contents: `
        import { buildBarnacleApi } from './src-shared/bridge';
        const listeners = new Map();
        window.__barnacleEmit = (event, payload) => {
          for (const l of listeners.get(event) ?? []) l(payload);
        };
        window.barnacle = buildBarnacleApi({
          invoke: (channel, args) => window.__barnacleInvoke(channel, args),
          subscribe: (event, listener) => {
            const set = listeners.get(event) ?? new Set();
            set.add(listener);
            listeners.set(event, set);
            return () => set.delete(listener);
          },
        });`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
  });
  bundledBridge = result.outputFiles[0]!.text;
  return bundledBridge;
}

export interface BoundPage {
  emit<E extends EventName>(event: E, payload: EventMap[E]): Promise<void>;
}

export async function bindPreload(page: Page, handlers: HandlerTable): Promise<BoundPage> {
  await page.exposeBinding('__barnacleInvoke', async (_source, channel: string, args: unknown) => {
    if (!(channels as readonly string[]).includes(channel)) throw new Error(`unknown channel ${channel}`);
    // Structured clone across IPC drops prototypes; JSON round-trip does the same here.
    return JSON.parse(JSON.stringify(await handlers[channel as Channel](args)));
  });
  await page.addInitScript({ content: bridgeScript() });
  return {
    emit: async (event, payload) => {
      await page.evaluate(
        ([e, p]) =>
          (globalThis as unknown as { __barnacleEmit?: (e: string, p: unknown) => void }).__barnacleEmit?.(e, p),
        [event, payload] as const,
      );
    },
  };
}
