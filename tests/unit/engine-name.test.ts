// The product name per engine kind (src-shared/engine-name.ts), written six
// times before: tray, conflict messages, fix flows, history, engine title.
import { expect, it } from 'vitest';
import { engineName } from '../../src-shared/engine-name';
import { engineTitle } from '../../src-renderer/lib/engine-label';
import { describeFailure } from '../../src-main/conflicts/messages';
import { say } from '../../src-shared/messages/translate';

it('names each engine kind by its product, alike in main and the renderer', () => {
  expect(engineName('docker')).toBe('Docker');
  expect(engineName('podman')).toBe('Podman');
  const said = describeFailure({
    kind: 'engine-unreachable',
    operation: 'connect',
    engine: 'podman',
    containers: [],
    engineMessage: '',
  });
  expect(say('en', said)).toMatch(/^Podman did not answer/);
  const endpoint = { host: 'unix:///run/podman.sock', label: 'Podman', source: 'default' } as const;
  const engine = {
    kind: 'podman',
    version: '5.4.2',
    apiVersion: '1.41',
    pinnedApiVersion: '1.41',
    imageStore: 'classic',
    os: 'linux',
    arch: 'amd64',
    name: 'host',
  } as const;
  expect(engineTitle({ state: 'connected', endpoint, engine })).toBe('Podman 5.4.2');
});
