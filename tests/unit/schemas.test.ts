// The IPC payload schemas without an engine: real payloads pass, near misses
// fail naming the field, and the whole seeded fuzz corpus (the one
// tests/integration/ipc-fuzz.test.ts sends to a live engine) is refused.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { channels, type Channel } from '../../src-shared/contract';
import { validationError } from '../../src-main/ipc/handlers';
import { schemas } from '../../src-main/ipc/schemas';
import { channelShapes, malformedPayloads, refusalNames } from '../fuzz/malformed-payloads';

const HEX64 = '0123456789abcdef'.repeat(4);

function schemaOf(channel: Channel): z.ZodType {
  const schema = (schemas as Partial<Record<Channel, z.ZodType>>)[channel];
  if (!schema) throw new Error(`src-main/ipc/schemas.ts has no schema for ${channel}`);
  return schema;
}

/** The issue paths the IPC answer would carry ('(payload)' for the top level). */
function refusal(channel: Channel, payload: unknown): string[] | null {
  const parsed = schemaOf(channel).safeParse(payload);
  return parsed.success ? null : (validationError(parsed.error).issues ?? []).map((i) => i.path);
}

describe('valid payloads pass', () => {
  it.each(channels)('%s: the fuzz table’s valid base payload', (channel) => {
    expect(refusal(channel, channelShapes[channel].valid)).toBeNull();
  });

  it.each<[Channel, unknown]>([
    ['listImages', {}],
    ['listImages', { all: false }],
    ['diskUsage', {}],
    ['listContainers', {}],
    ['listContainers', Object.assign(Object.create(null) as object, {})],
    ['removeImage', { ref: `sha256:${HEX64}` }],
    ['removeImage', { ref: HEX64.slice(0, 12) }],
    ['removeImage', { ref: 'busybox' }],
    ['removeImage', { ref: 'localhost:5000/team/app:1.0-rc.1' }],
    ['removeImage', { ref: `docker.io/library/busybox@sha256:${HEX64}` }],
    ['removeImage', { ref: 'sha256:abc123def456' }], // an ID prefix is fine where IDs are
    ['untagImage', { ref: 'docker.io/library/busybox:latest' }],
    ['untagImage', { ref: 'registry.example.com:443/a/b/c:v1.2.3' }],
    ['stopContainer', { id: HEX64 }],
    ['startContainer', { id: 'my_app.1-web' }],
    ['removeContainer', { id: 'web', volumes: [] }],
    ['removeContainer', { id: 'web', force: true, volumes: ['pgdata', 'cache.v2'] }],
    ['pruneImages', { all: true }],
    ['pruneImages', { all: true, until: '1h30m' }],
    ['pruneImages', { all: true, until: '1700000000' }],
    ['pruneImages', { all: true, until: '2024-01-02T03:04:05Z' }],
    ['pruneImages', { all: false, labels: ['com.example.team=web app; with spaces'], notLabels: ['keep'] }],
    ['pruneContainers', {}],
    ['selectEngine', { host: 'unix:///run/user/1000/docker.sock' }],
    ['selectEngine', { host: 'unix:///home/me/.colima/default/docker sock' }],
    ['selectEngine', { host: 'npipe:////./pipe/docker_engine' }],
    ['selectEngine', { host: 'tcp://192.168.1.5:2376' }],
    ['selectEngine', { host: 'tcp://[::1]:2375' }],
    ['selectEngine', { host: 'ssh://me@build-box.example' }],
    ['selectEngine', { host: 'ssh://me@build-box.example:2222' }],
  ])('%s %j', (channel, payload) => {
    expect(refusal(channel, payload)).toBeNull();
  });
});

describe('near misses fail, naming the field', () => {
  it.each<[Channel, unknown, string]>([
    ['untagImage', { ref: HEX64 }, 'ref'],
    ['untagImage', { ref: `sha256:${HEX64}` }, 'ref'],
    ['untagImage', { ref: 'sha256:abc123def456' }, 'ref'], // the engine would read an ID prefix
    ['untagImage', { ref: 'sha256:abc' }, 'ref'],
    ['untagImage', { ref: 'busybox' }, 'ref'],
    ['untagImage', { ref: `busybox@sha256:${HEX64}` }, 'ref'],
    ['removeContainer', { id: 'web', volumes: ['../x'] }, 'volumes.0'],
    ['removeContainer', { id: 'web', volumes: ['ok', '.hidden'] }, 'volumes.1'],
    ['removeContainer', { id: 'web', v: true }, '(payload)'],
    ['removeContainer', { id: '../web' }, 'id'],
    ['pruneImages', { all: true, until: '24h; rm' }, 'until'],
    ['pruneImages', { all: true, until: '-24h' }, 'until'],
    ['pruneImages', { all: true, until: '' }, 'until'],
    ['pruneImages', { all: 'true' }, 'all'],
    ['pruneImages', { until: '24h' }, 'all'],
    ['pruneImages', { all: true, labels: ['a\u0000b'] }, 'labels.0'],
    ['pruneImages', { all: true, notLabels: ['=x'] }, 'notLabels.0'],
    ['removeImage', { ref: '; rm -rf /' }, 'ref'],
    ['removeImage', { ref: '/images/x/json' }, 'ref'],
    ['removeImage', { ref: 'busybox?force=1' }, 'ref'],
    ['removeImage', { ref: 'busybox', force: 'true' }, 'force'],
    ['selectEngine', { host: 'unix://relative.sock' }, 'host'],
    ['selectEngine', { host: 'tcp://' }, 'host'],
    ['selectEngine', { host: 'npipe://docker_engine' }, 'host'],
    ['selectEngine', { host: 'ssh://-oProxyCommand=reboot' }, 'host'],
    ['selectEngine', { host: 'http://localhost:2375' }, 'host'],
    ['listImages', { all: 1 }, 'all'],
    ['listImages', JSON.parse('{"__proto__":{"all":true}}'), '(payload)'],
    ['listImages', JSON.parse('{"constructor":{"prototype":{"all":true}}}'), '(payload)'],
    ['listImages', Object.create({ all: true }), '(payload)'], // inherited keys
    ['listContainers', new Date(0), '(payload)'],
    ['listContainers', new Map(), '(payload)'],
    ['listContainers', [], '(payload)'],
    ['listContainers', null, '(payload)'],
    ['listContainers', undefined, '(payload)'],
  ])('%s %j → %s', (channel, payload, path) => {
    expect(refusal(channel, payload)).toContain(path);
  });

  it('stops at the length check, so no pattern ever runs on a megabyte', () => {
    const huge = 'a'.repeat(1024 * 1024);
    const parsed = schemaOf('removeImage').safeParse({ ref: huge });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.code)).toEqual(['too_big']);
  });
});

describe('the seeded fuzz corpus', () => {
  it('is the same on every run', () => {
    const show = (channel: Channel) => malformedPayloads(channel).map((c) => c.why);
    expect(show('removeContainer')).toEqual(show('removeContainer'));
    expect(malformedPayloads('removeContainer', 300, 1).map((c) => c.why)).not.toEqual(show('removeContainer'));
  });

  it.each(channels)('%s: hundreds of payloads, every one refused where the case says', (channel) => {
    const cases = malformedPayloads(channel);
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const wrong = cases.flatMap((c) => {
      const paths = refusal(channel, c.payload);
      if (paths === null) return [`ACCEPTED: ${c.why}`];
      return refusalNames(paths, c.paths)
        ? []
        : [`${c.why}: refused at ${paths.join(', ')}, expected ${c.paths.join(' or ')}`];
    });
    expect(wrong).toEqual([]);
  });
});
