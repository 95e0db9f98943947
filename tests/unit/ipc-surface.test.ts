// The renderer gets the channels its screens use and no more (issue 13):
// nothing it can call removes an image, a tag, a container or a volume except
// executePlan, which runs a previewed plan's steps with their re-checks and
// records them in the history, and executeFleetPlan, which runs such previewed
// (pinned) plans on several engines, each through executePlan's own path. A channel taken out of the contract is gone
// everywhere: no schema, no handler, nothing registered with ipcMain, nothing
// on window.barnacle.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

const ipcHandlers = vi.hoisted(() => new Map<string, (event: unknown, args: unknown) => unknown>());
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, listener: (event: unknown, args: unknown) => unknown) => {
      if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
      ipcHandlers.set(channel, listener);
    },
    removeHandler: (channel: string) => ipcHandlers.delete(channel),
  },
}));

import { buildBarnacleApi } from '../../src-shared/bridge';
import { channels, invokeChannel, type Channel } from '../../src-shared/contract';
import type { BarnacleCore } from '../../src-main/core/barnacle-core';
import { createHandlers } from '../../src-main/ipc/handlers';
import { schemas } from '../../src-main/ipc/schemas';
import { APP_ORIGIN } from '../../src-main/security/window-policy';
import { registerHandlers } from '../../src-main/shell/ipc-bridge';

/** Every channel the renderer may call, and why it may. */
const allowed: Record<string, string> = {
  inventory: 'reads the lists',
  diskUsage: 'reads /system/df',
  diskLevels:
    'reads /info and /system/df; stats files (the data root, VM disk files), opens none; where Settings allow it, runs one read-only helper container (du, df) and removes it',
  diskSettings: 'main’s own state',
  setDiskSettings: 'saves whether a helper container may measure storage, and its image; changes nothing on the engine',
  volumes: 'reads the volume list (and /system/df?type=volume for sizes)',
  imageLayers: 'reads one image',
  engineHealth: 'main’s own state',
  listEndpoints: 'main’s own state',
  selectEngine: 'switches engine; changes nothing on one',
  stopContainer: 'stops, removes nothing',
  startContainer: 'starts, removes nothing',
  buildCache: 'reads the build cache records',
  previewPlan: 'plans; changes nothing',
  executePlan: 'the one way anything is removed: a previewed plan, re-checked, recorded',
  cancelPlan: 'stops a plan between steps',
  resumePlan: 'plans again; changes nothing',
  history: 'reads the history',
  exportHistory: 'writes the history to a file the user picks',
  trash: 'reads the trash’s records in the data folder',
  restoreFromTrash:
    'loads a kept archive and tags its images where the tag is free, re-creates its containers where the name is free; removes nothing',
  setTrashSettings: 'saves the trash’s default, size cap and age limit; changes nothing on the engine',
  policies: 'main’s own state: the policies file and each one’s last run',
  savePolicy:
    'saves a policy to the data folder; removes nothing (what it would remove is a plan, previewed with previewPlan and run with executePlan)',
  removePolicy: 'forgets a policy from the data folder; changes nothing on the engine',
  fleet: 'main’s own state: each watched engine’s health, followed lists, disk usage and the history',
  setFleet: 'saves which engines to watch and connects to them; changes nothing on any engine',
  previewFleetPlan: 'plans on each engine named; changes nothing',
  executeFleetPlan:
    'removes only through plans: each engine’s previewed, pinned plan run as executePlan runs it (id and digest, re-checks, main’s confirmation, the history), and only for a fleet plan main made and still holds',
  engineContexts: 'reads the docker config folder’s contexts; changes nothing',
  testEngine: 'one bounded connection to an address (reads /version and /info); writes nothing, removes nothing',
  testEngineContext: 'the same test with a stored context’s address and TLS files; writes nothing, removes nothing',
  addEngine:
    'writes one docker context (meta.json and copies of its TLS files) into the docker config folder; removes nothing',
  removeEngine:
    'deletes one docker context’s own two folders (never the current one, never config.json); removes no image, container or volume, touches no engine',
};

/** Removed by issue 13: unused by any screen, and each bypassed the plan, its re-checks and the history. */
const removed = [
  'removeImage',
  'removeContainer',
  'untagImage',
  'pruneImages',
  'pruneContainers',
  'listImages',
  'listContainers',
];

/** createHandlers only closes over the core; nothing here calls a handler. */
const handlers = createHandlers({} as BarnacleCore);

describe('the renderer-facing IPC surface', () => {
  it('is exactly the allow-list', () => {
    expect([...channels].sort()).toEqual(Object.keys(allowed).sort());
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(allowed).sort());
    expect(Object.keys(schemas).sort()).toEqual(Object.keys(allowed).sort());
  });

  it.each(removed)('%s: no schema, no handler, nothing on window.barnacle', (name) => {
    expect(Object.hasOwn(schemas, name)).toBe(false);
    expect(Object.hasOwn(handlers, name)).toBe(false);
    const api = buildBarnacleApi({
      invoke: () => Promise.reject(new Error('not called')),
      subscribe: () => () => undefined,
    });
    expect(Object.hasOwn(api, name)).toBe(false);
  });

  it('ipcMain answers only the allow-list: a removed channel has no handler to reach', async () => {
    const unregister = registerHandlers(handlers, [APP_ORIGIN]);
    try {
      expect([...ipcHandlers.keys()].sort()).toEqual(
        Object.keys(allowed)
          .map((c) => invokeChannel(c as Channel))
          .sort(),
      );
      for (const name of removed) expect(ipcHandlers.has(`barnacle:${name}`)).toBe(false);
      // What is registered still answers (a validation refusal, before any engine call).
      const history = ipcHandlers.get(invokeChannel('history'))!;
      // The window's main frame, as Electron gives it: the same object as the sender's mainFrame.
      const mainFrame = { url: `${APP_ORIGIN}/index.html` };
      const answer = await history({ senderFrame: mainFrame, sender: { mainFrame } }, { extra: true });
      expect(answer).toMatchObject({ ok: false, error: { kind: 'validation' } });
      // The same page in a subframe is not answered.
      const fromSubframe = await history({ senderFrame: { ...mainFrame }, sender: { mainFrame } }, {});
      expect(fromSubframe).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
    } finally {
      unregister();
    }
    expect(ipcHandlers.size).toBe(0);
  });

  it('no handler calls an operation that removes something: removals are plans', () => {
    const source = readFileSync(new URL('../../src-main/ipc/handlers.ts', import.meta.url), 'utf8');
    const used = new Set([...source.matchAll(/\bops\.(\w+)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(['startContainer', 'stopContainer']);
  });
});
