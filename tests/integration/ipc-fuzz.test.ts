// Every channel of the IPC contract, hundreds of malformed payloads each, sent to
// createHandlers(core) with a real BarnacleCore connected to the harness's live
// Docker engine. Each must come back as a validation error naming the field, and
// the engine must not have been asked anything. That is checked three ways, none
// of them a mock: a counting relay between Barnacle and the engine (no byte
// sent), the engine's own event log for the fuzz window (no event), and its
// image, container and volume lists before and after (unchanged). A last test
// sends one valid request the same way and sees all three detectors notice it.
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type Channel, type HandlerTable } from '../../src-shared/contract';
import { BarnacleCore } from '../../src-main/core/barnacle-core';
import { createHandlers } from '../../src-main/ipc/handlers';
import { buildImage, resetEngine, runContainer, tagImage } from '../engines/harness';
import { liveEngines } from '../engines/use-engines';
import { startCountingProxy, type CountingProxy } from '../fuzz/counting-proxy';
import { malformedPayloads, refusalNames } from '../fuzz/malformed-payloads';

const engine = liveEngines().find((e) => e.kind === 'docker');

/** What the engine holds, minus fields that change with time alone (Status "Up 3 seconds"). */
async function engineState(docker: Dockerode) {
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  const images = (await docker.listImages({ all: true }))
    .map((i) => ({ id: i.Id, tags: [...(i.RepoTags ?? [])].sort(), created: i.Created, size: i.Size }))
    .sort(byId);
  const containers = (await docker.listContainers({ all: true }))
    .map((c) => ({ id: c.Id, names: [...c.Names].sort(), imageId: c.ImageID, state: c.State }))
    .sort(byId);
  const volumes = ((await docker.listVolumes()).Volumes ?? []).map((v) => v.Name).sort();
  return { images, containers, volumes };
}

interface EngineEvent {
  Type: string;
  Action: string;
  Actor?: { ID?: string };
}

/** The engine's event log between two instants (the stream ends at `until`). */
async function engineEvents(docker: Dockerode, sinceMs: number, untilMs: number): Promise<EngineEvent[]> {
  // Fractional seconds: the engine reads "1700000000.123" as 123 ms past the second.
  const stream = await docker.getEvents({ since: sinceMs / 1000, until: untilMs / 1000 });
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EngineEvent);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One line per payload that was not refused as the case says; empty when all were. */
async function fuzzChannel(handlers: HandlerTable, channel: Channel): Promise<string[]> {
  const handler = (handlers as Partial<HandlerTable>)[channel] as ((args: unknown) => Promise<unknown>) | undefined;
  if (!handler) return [`${channel}: createHandlers has no handler`];
  const wrong: string[] = [];
  for (const c of malformedPayloads(channel)) {
    let answer: unknown;
    try {
      answer = await handler(c.payload);
    } catch (err) {
      wrong.push(`${channel} ${c.why}: threw ${String(err)}`);
      continue;
    }
    const result = answer as { ok?: boolean; error?: { kind?: string; issues?: { path: string }[] } };
    const paths = (result.error?.issues ?? []).map((i) => i.path);
    if (result.ok !== false || result.error?.kind !== 'validation') {
      wrong.push(`${channel} ${c.why}: answered ${JSON.stringify(answer).slice(0, 200)}`);
    } else if (!refusalNames(paths, c.paths)) {
      wrong.push(`${channel} ${c.why}: refused at ${paths.join(', ') || 'no path'}, expected ${c.paths.join(' or ')}`);
    }
  }
  return wrong;
}

describe.skipIf(!engine)(`IPC fuzzing on live Docker${engine ? '' : ' (no Docker engine started)'}`, () => {
  let docker: Dockerode;
  let proxy: CountingProxy;
  let core: BarnacleCore;
  let handlers: HandlerTable;

  beforeAll(async () => {
    if (!engine) return;
    docker = engine.docker;
    await resetEngine(docker);
    // Targets a payload that slipped through could damage: two tags, a running
    // and a stopped container, a named volume.
    const image = await buildImage(docker, { tag: 'fuzz/target:1', files: { '/fuzz': 'x' } });
    await tagImage(docker, image, 'fuzz/target', '2');
    await runContainer(docker, image, { name: 'fuzz-running', running: true });
    await runContainer(docker, image, { name: 'fuzz-stopped', running: false });
    await docker.createVolume({ Name: 'fuzz-volume' });

    proxy = await startCountingProxy(engine.host.slice('unix://'.length));
    core = new BarnacleCore({ host: proxy.host, label: 'fuzz relay', source: 'user' }, { live: false });
    const health = await core.start();
    expect(health.state).toBe('connected');
    handlers = createHandlers(core);
    await proxy.settle(); // the connect-time inventory and disk-usage reads
  });

  afterAll(async () => {
    core?.close();
    await proxy?.close();
  });

  it('refuses every malformed payload on every channel, and the engine hears nothing', async () => {
    const before = await engineState(docker);
    const bytesBefore = proxy.bytesSent;
    const requestsBefore = proxy.requests.length;
    const since = Date.now();

    const wrong: string[] = [];
    let sent = 0;
    for (const channel of channels) {
      wrong.push(...(await fuzzChannel(handlers, channel)));
      sent += malformedPayloads(channel).length;
    }
    await sleep(200); // let anything a handler might have started in the background reach the wire
    const until = Date.now() + 1;

    // Soft: a refusal gone wrong and an engine that heard something are reported together.
    expect.soft(sent).toBeGreaterThanOrEqual(300 * channels.length);
    expect.soft(wrong).toEqual([]);
    expect.soft(proxy.requests.slice(requestsBefore)).toEqual([]);
    expect.soft(proxy.bytesSent).toBe(bytesBefore);
    expect.soft(await engineEvents(docker, since, until)).toEqual([]);
    expect.soft(await engineState(docker)).toEqual(before);
  });

  it('the relay, the event log and the snapshot do notice one valid request', async () => {
    const before = await engineState(docker);
    const bytesBefore = proxy.bytesSent;
    const since = Date.now();

    const answer = await handlers.stopContainer({ id: 'fuzz-running' });
    expect(answer).toEqual({ ok: true, value: { id: 'fuzz-running' } });
    const until = Date.now() + 1;

    expect(proxy.bytesSent).toBeGreaterThan(bytesBefore);
    expect(proxy.requests).toContainEqual(expect.stringMatching(/^POST \/v[\d.]+\/containers\/fuzz-running\/stop/));
    const events = await engineEvents(docker, since, until);
    expect(events).toContainEqual(expect.objectContaining({ Type: 'container', Action: 'stop' }));
    const after = await engineState(docker);
    expect(after).not.toEqual(before);
    expect(after.containers.find((c) => c.names.includes('/fuzz-running'))?.state).toBe('exited');
  });
});
