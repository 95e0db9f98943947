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
    ['inventory', {}],
    ['inventory', Object.assign(Object.create(null) as object, {})],
    ['diskUsage', {}],
    ['diskUsage', { refresh: false }],
    ['imageLayers', { id: `sha256:${HEX64}` }],
    ['imageLayers', { id: HEX64.slice(0, 12) }],
    ['imageLayers', { id: 'busybox' }],
    ['imageLayers', { id: 'localhost:5000/team/app:1.0-rc.1' }],
    ['imageLayers', { id: `docker.io/library/busybox@sha256:${HEX64}` }],
    ['imageLayers', { id: 'sha256:abc123def456' }], // an ID prefix is fine where IDs are
    ['stopContainer', { id: HEX64 }],
    ['startContainer', { id: 'my_app.1-web' }],
    ['previewPlan', { intent: { type: 'start-fresh', volumes: [] } }],
    ['previewPlan', { intent: { type: 'start-fresh', volumes: ['pgdata', 'cache.v2'] } }],
    ['previewPlan', { intent: { type: 'prune-images', all: true } }],
    ['previewPlan', { intent: { type: 'prune-images', all: true, until: '1h30m' } }],
    ['previewPlan', { intent: { type: 'prune-images', all: true, until: '1700000000' } }],
    ['previewPlan', { intent: { type: 'prune-images', all: true, until: '2024-01-02T03:04:05Z' } }],
    [
      'previewPlan',
      {
        intent: {
          type: 'prune-images',
          all: false,
          labels: ['com.example.team=web app; with spaces'],
          notLabels: ['keep'],
          keep: ['postgres:*', 'ghcr.io/org/app:v?.*'],
        },
      },
    ],
    ['previewPlan', { intent: { type: 'remove-stopped-containers' } }],
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
    ['previewPlan', { intent: { type: 'start-fresh', volumes: ['../x'] } }, 'intent.volumes.0'],
    ['previewPlan', { intent: { type: 'start-fresh', volumes: ['ok', '.hidden'] } }, 'intent.volumes.1'],
    ['stopContainer', { id: 'web', v: true }, '(payload)'],
    ['stopContainer', { id: '../web' }, 'id'],
    ['previewPlan', { intent: { type: 'prune-images', all: true, until: '24h; rm' } }, 'intent.until'],
    ['previewPlan', { intent: { type: 'prune-images', all: true, until: '-24h' } }, 'intent.until'],
    ['previewPlan', { intent: { type: 'prune-images', all: true, until: '' } }, 'intent.until'],
    ['previewPlan', { intent: { type: 'prune-images', all: 'true' } }, 'intent.all'],
    ['previewPlan', { intent: { type: 'prune-images', until: '24h' } }, 'intent.all'],
    ['previewPlan', { intent: { type: 'prune-images', all: true, labels: ['a\u0000b'] } }, 'intent.labels.0'],
    ['previewPlan', { intent: { type: 'prune-images', all: true, notLabels: ['=x'] } }, 'intent.notLabels.0'],
    ['previewPlan', { intent: { type: 'prune-images', all: true, keep: ['a b'] } }, 'intent.keep.0'],
    ['imageLayers', { id: '; rm -rf /' }, 'id'],
    ['imageLayers', { id: '/images/x/json' }, 'id'],
    ['imageLayers', { id: 'busybox?force=1' }, 'id'],
    ['imageLayers', { id: 'busybox', force: true }, '(payload)'],
    ['selectEngine', { host: 'unix://relative.sock' }, 'host'],
    ['selectEngine', { host: 'tcp://' }, 'host'],
    ['selectEngine', { host: 'npipe://docker_engine' }, 'host'],
    ['selectEngine', { host: 'ssh://-oProxyCommand=reboot' }, 'host'],
    ['selectEngine', { host: 'http://localhost:2375' }, 'host'],
    ['diskUsage', { refresh: 1 }, 'refresh'],
    ['diskUsage', JSON.parse('{"__proto__":{"refresh":true}}'), '(payload)'],
    ['diskUsage', JSON.parse('{"constructor":{"prototype":{"refresh":true}}}'), '(payload)'],
    ['diskUsage', Object.create({ refresh: true }), '(payload)'], // inherited keys
    ['inventory', new Date(0), '(payload)'],
    ['inventory', new Map(), '(payload)'],
    ['inventory', [], '(payload)'],
    ['inventory', null, '(payload)'],
    ['inventory', undefined, '(payload)'],
  ])('%s %j → %s', (channel, payload, path) => {
    expect(refusal(channel, payload)).toContain(path);
  });

  it('stops at the length check, so no pattern ever runs on a megabyte', () => {
    const huge = 'a'.repeat(1024 * 1024);
    const parsed = schemaOf('imageLayers').safeParse({ id: huge });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.code)).toEqual(['too_big']);
  });
});

describe('the seeded fuzz corpus', () => {
  it('is the same on every run', () => {
    const show = (channel: Channel) => malformedPayloads(channel).map((c) => c.why);
    expect(show('stopContainer')).toEqual(show('stopContainer'));
    expect(malformedPayloads('stopContainer', 300, 1).map((c) => c.why)).not.toEqual(show('stopContainer'));
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
