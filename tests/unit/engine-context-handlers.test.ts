// Settings' Engines channels through main's handler table, on a temp DOCKER_CONFIG:
// refusals come back as typed data with the form's words, a failed test writes
// nothing, and a core without a docker config folder edits none.

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BarnacleCore } from '../../src-main/core/barnacle-core';
import { contextMetaPath } from '../../src-main/engine/context-store';
import { createHandlers } from '../../src-main/ipc/handlers';
import { say } from '../../src-shared/messages/translate';
import { tempDir } from '../fixtures/docker-config';

describe('engine context channels', () => {
  let dir: { path: string; remove: () => void };
  let configDir: string;
  beforeEach(() => {
    dir = tempDir('bn-ipc-');
    configDir = join(dir.path, 'cfg');
  });
  afterEach(() => dir.remove());
  const handlersFor = (dockerConfigDir: string | null) => createHandlers({ dockerConfigDir } as BarnacleCore);

  it('adds untested, lists, and removes only the context’s folders', async () => {
    const handlers = handlersFor(configDir);
    expect(await handlers.engineContexts({})).toEqual({ ok: true, value: [] });
    const added = await handlers.addEngine({ name: 'lab', host: 'tcp://10.0.0.5:2376', test: false });
    expect(added).toEqual({
      ok: true,
      value: {
        added: { name: 'lab', host: 'tcp://10.0.0.5:2376', metaFile: contextMetaPath(configDir, 'lab') },
        contexts: [{ name: 'lab', host: 'tcp://10.0.0.5:2376', current: false, tls: false, skipTlsVerify: false }],
      },
    });
    const again = await handlers.addEngine({ name: 'lab', host: 'tcp://10.0.0.6:2376', test: false });
    // In the window's words, not the CLI's ("remove it first with barnacle engines rm").
    expect(again).toMatchObject({ ok: false, error: { kind: 'validation', says: { key: 'settings.engines.exists' } } });
    expect(!again.ok && again.error.message).toMatch(/^A context named "lab" already exists .*list above/);

    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ currentContext: 'lab' }));
    const inUse = await handlers.removeEngine({ name: 'lab' });
    expect(inUse).toMatchObject({ ok: false, error: { kind: 'validation', says: { key: 'contexts.inUse' } } });
    writeFileSync(join(configDir, 'config.json'), '{}');
    const stored = await handlers.testEngineContext({ name: 'lab' });
    expect(stored).toMatchObject({ ok: true, value: { state: expect.not.stringMatching(/^connected$/) } });
    expect(await handlers.testEngineContext({ name: 'gone' })).toMatchObject({
      ok: false,
      error: { kind: 'validation', says: { key: 'settings.engines.notFound' } },
    });
    const removed = await handlers.removeEngine({ name: 'lab' });
    expect(removed).toMatchObject({ ok: true, value: { contexts: [] } });
    expect(existsSync(contextMetaPath(configDir, 'lab'))).toBe(false);
    expect(existsSync(join(configDir, 'config.json'))).toBe(true);
  });

  it('a failed test writes nothing and says so in the form’s words; TLS refusals name the field', async () => {
    const handlers = handlersFor(configDir);
    // Port 1 on loopback: nothing listens, the refusal is immediate.
    const failed = await handlers.addEngine({ name: 'lab', host: 'tcp://127.0.0.1:1' });
    expect(failed).toMatchObject({
      ok: false,
      error: { kind: 'engine-unreachable', says: { key: 'settings.engines.testFailed' } },
    });
    if (failed.ok) throw new Error('unreachable');
    expect(failed.error.message).toContain('Nothing was written: testing “lab” at tcp://127.0.0.1:1 failed.');
    expect(failed.error.message).toContain('Add without testing');
    expect(existsSync(configDir)).toBe(false);

    const tested = await handlers.testEngine({ host: 'tcp://127.0.0.1:1' });
    expect(tested).toMatchObject({ ok: true, value: { state: expect.not.stringMatching(/^connected$/) } });

    const ssh = await handlers.testEngine({ host: 'ssh://me@builder', skipTlsVerify: true });
    expect(ssh).toMatchObject({ ok: false, error: { kind: 'validation', says: { key: 'contexts.tlsNotTcp' } } });
    if (ssh.ok) throw new Error('accepted');
    expect(say('en', ssh.error.says!)).toBe(
      'Skip TLS verification is for tcp:// engines only: ssh://me@builder does not use TLS.',
    );
    expect(say('zh', ssh.error.says!)).toContain('跳过 TLS 验证');
  });

  it('refuses malformed payloads before anything, and edits nothing without a docker config folder', async () => {
    const handlers = handlersFor(configDir);
    for (const payload of [
      { name: 'lab', host: 'unix:///var/run/docker.sock', test: false },
      { name: 'default', host: 'tcp://a:2376', test: false },
      { name: 'lab', host: 'tcp://a:2376', caPath: 'ca.pem', test: false },
    ]) {
      expect(await handlers.addEngine(payload)).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
    expect(existsSync(configDir)).toBe(false);
    const none = handlersFor(null);
    expect(await none.engineContexts({})).toMatchObject({
      ok: false,
      error: { kind: 'validation', says: { key: 'settings.engines.noConfigDir' } },
    });
  });
});
