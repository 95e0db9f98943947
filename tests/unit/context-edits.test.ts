// The one implementation behind `barnacle engines add|rm` and Settings' Engines
// section (the CLI's own behaviour: cli-engines-add.test.ts). Here what Settings
// relies on besides: the list with the current context marked, refusals that name
// the form's fields instead of the CLI's flags, and a failed test that writes nothing.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { phrase } from '../../src-shared/phrase';
import { PhraseError } from '../../src-shared/phrase-error';
import {
  addContext,
  ConnectionTestFailed,
  listEditableContexts,
  removeContext,
  testEngineAddress,
} from '../../src-main/engine/context-edits';
import { contextMetaPath } from '../../src-main/engine/context-store';
import { tempDir, writeContext } from '../fixtures/docker-config';

const FORM = {
  ca: phrase('settings.engines.ca'),
  cert: phrase('settings.engines.cert'),
  key: phrase('settings.engines.key'),
  skip: phrase('settings.engines.skipVerify'),
};

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(PhraseError);
    return (err as PhraseError).says;
  }
  throw new Error('not refused');
}

async function refusalOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    if (err instanceof PhraseError) return err.says;
    return err;
  }
  throw new Error('not refused');
}

describe('context edits', () => {
  let dir: { path: string; remove: () => void };
  let configDir: string;
  beforeEach(() => {
    dir = tempDir('bn-edit-');
    configDir = join(dir.path, 'cfg');
  });
  afterEach(() => dir.remove());

  it('lists stored contexts in the CLI order, the current one marked, a broken one with its error', () => {
    writeContext(configDir, { name: 'remote-b', host: 'tcp://b:2376', tlsFiles: ['ca.pem'] });
    writeContext(configDir, { name: 'remote-a', host: 'ssh://me@a', description: 'lab' });
    writeContext(configDir, { name: 'k8s', noDockerEndpoint: true });
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ currentContext: 'remote-b' }));
    expect(listEditableContexts(configDir)).toEqual([
      { name: 'k8s', host: '', current: false, tls: false, skipTlsVerify: false, error: expect.any(String) },
      { name: 'remote-a', host: 'ssh://me@a', description: 'lab', current: false, tls: false, skipTlsVerify: false },
      { name: 'remote-b', host: 'tcp://b:2376', current: true, tls: true, skipTlsVerify: false },
    ]);
    expect(listEditableContexts(join(dir.path, 'none'))).toEqual([]);
  });

  it('refuses TLS for an ssh:// engine and unreadable files, naming the form’s fields', async () => {
    expect(
      await refusalOf(() => testEngineAddress({ host: 'ssh://me@a', tls: {}, skipTlsVerify: true, options: FORM })),
    ).toEqual(phrase('contexts.tlsNotTcp', { option: FORM.skip, host: 'ssh://me@a' }));
    const missing = join(dir.path, 'ca.pem');
    expect(
      await refusalOf(() =>
        addContext({
          configDir,
          name: 'remote',
          host: 'tcp://127.0.0.1:1',
          tls: { caPath: missing },
          skipTlsVerify: false,
          test: true,
          options: FORM,
        }),
      ),
    ).toMatchObject({ key: 'contexts.fileUnreadable', params: { option: FORM.ca, file: missing } });
    expect(existsSync(configDir)).toBe(false);
  });

  it('a failed test writes nothing; untested, it writes the context with the host normalised', async () => {
    const failed = await refusalOf(() =>
      addContext({ configDir, name: 'remote', host: 'tcp://127.0.0.1:1', tls: {}, skipTlsVerify: false, test: true }),
    );
    expect(failed).toBeInstanceOf(ConnectionTestFailed);
    expect((failed as ConnectionTestFailed).found.state).not.toBe('connected');
    expect(existsSync(contextMetaPath(configDir, 'remote'))).toBe(false);

    const added = await addContext({
      configDir,
      name: 'remote',
      host: 'tcp://10.0.0.5',
      tls: {},
      skipTlsVerify: true,
      test: false,
    });
    expect(added).toEqual({
      name: 'remote',
      host: 'tcp://10.0.0.5:2375',
      metaFile: contextMetaPath(configDir, 'remote'),
    });
    expect(listEditableContexts(configDir)).toMatchObject([
      { name: 'remote', host: 'tcp://10.0.0.5:2375', skipTlsVerify: true },
    ]);
  });

  it('removes only the context’s folders, and refuses the current one and an unknown one', () => {
    writeContext(configDir, { name: 'remote', host: 'tcp://a:2376', tlsFiles: ['ca.pem'] });
    writeContext(configDir, { name: 'other', host: 'tcp://b:2376' });
    mkdirSync(join(configDir, 'keep'), { recursive: true });
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ currentContext: 'other' }));
    expect(refusal(() => removeContext(configDir, 'other'))).toMatchObject({ key: 'contexts.inUse' });
    expect(refusal(() => removeContext(configDir, 'gone'))).toMatchObject({ key: 'contexts.notFound' });
    const removed = removeContext(configDir, 'remote');
    expect(removed).toHaveLength(2);
    for (const folder of removed) expect(existsSync(folder)).toBe(false);
    expect(listEditableContexts(configDir).map((c) => c.name)).toEqual(['other']);
    expect(existsSync(join(configDir, 'config.json'))).toBe(true);
    expect(existsSync(join(configDir, 'keep'))).toBe(true);
  });
});
