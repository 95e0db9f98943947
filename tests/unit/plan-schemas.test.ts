// What the plan channels accept from the renderer, and what they refuse.

import { describe, expect, it } from 'vitest';
import { schemas } from '../../src-main/ipc/schemas';
import { cleanupIntentSchema } from '../../src-main/planning/intent-schema';

const id = `sha256:${'a'.repeat(64)}`;
const uuid = '3f2b8c1e-9d4a-4b6e-8f1a-2c3d4e5f6a7b';
const accepts = (value: unknown) => cleanupIntentSchema.safeParse(value).success;

describe('cleanupIntentSchema', () => {
  it('accepts every intent the planner takes', () => {
    expect(
      accepts({
        type: 'remove-images',
        refs: ['nginx:1.25', id, 'abcdef123456', 'localhost:5000/team/app:v2'],
        choices: {
          runningContainer: 'stop-and-remove-containers',
          stoppedContainer: 'force-delete',
          multipleReferences: 'all-tags',
          dependentChildren: 'remove-children',
          perImage: { [id]: { stoppedContainer: 'untag-only' } },
        },
      }),
    ).toBe(true);
    expect(
      accepts({
        type: 'prune-images',
        all: true,
        until: '24h',
        labels: ['team=a'],
        notLabels: ['keep'],
        keep: ['postgres:*', 'docker.io/library/redis:?'],
        withStoppedContainers: true,
      }),
    ).toBe(true);
    expect(accepts({ type: 'prune-images', all: false, until: '1717243200' })).toBe(true);
    expect(accepts({ type: 'remove-stopped-containers', ancestor: 'web:1' })).toBe(true);
    expect(accepts({ type: 'start-fresh', volumes: ['pgdata'] })).toBe(true);
  });

  it('refuses unknown types, unknown keys and malformed values', () => {
    expect(accepts({ type: 'format-disk' })).toBe(false);
    expect(accepts({ type: 'remove-images', refs: ['a'], force: true })).toBe(false);
    expect(accepts({ type: 'remove-images', refs: [] })).toBe(false);
    expect(accepts({ type: 'remove-images', refs: ['--all'] })).toBe(false);
    expect(accepts({ type: 'remove-images', refs: ['UPPER:case'] })).toBe(false);
    expect(accepts({ type: 'remove-images', refs: ['a'], choices: { runningContainer: 'force' } })).toBe(false);
    expect(accepts({ type: 'prune-images', all: 'yes' })).toBe(false);
    expect(accepts({ type: 'prune-images', all: true, until: 'yesterday' })).toBe(false);
    expect(accepts({ type: 'prune-images', all: true, keep: ['a b'] })).toBe(false);
    expect(accepts({ type: 'prune-images', all: true, labels: ['=x'] })).toBe(false);
    expect(accepts({ type: 'start-fresh', volumes: ['../etc'] })).toBe(false);
  });

  it('bounds arrays and strings', () => {
    expect(accepts({ type: 'remove-images', refs: Array.from({ length: 1001 }, (_, i) => `r${i}`) })).toBe(false);
    expect(accepts({ type: 'remove-images', refs: [`a${'b'.repeat(600)}`] })).toBe(false);
    expect(accepts({ type: 'prune-images', all: true, keep: Array.from({ length: 101 }, () => 'x') })).toBe(false);
  });

  it('keys per-image choices by full image ID only', () => {
    const withKey = (key: string) =>
      accepts({ type: 'remove-images', refs: ['a'], choices: { perImage: { [key]: { dependentChildren: 'skip' } } } });
    expect(withKey(id)).toBe(true);
    expect(withKey('abcdef123456')).toBe(false);
    expect(accepts(JSON.parse(`{"type":"remove-images","refs":["a"],"choices":{"perImage":{"__proto__":{}}}}`))).toBe(
      false,
    );
  });
});

describe('plan channel payloads', () => {
  it('previewPlan takes an intent', () => {
    expect(schemas.previewPlan.safeParse({ intent: { type: 'start-fresh' } }).success).toBe(true);
    expect(schemas.previewPlan.safeParse({ intent: { type: 'start-fresh' }, steps: [] }).success).toBe(false);
  });

  it('executePlan takes a uuid and a sha256 digest, nothing else (never steps)', () => {
    const digest = `sha256:${'0'.repeat(64)}`;
    expect(schemas.executePlan.safeParse({ planId: uuid, digest }).success).toBe(true);
    expect(schemas.executePlan.safeParse({ planId: 'plan-1', digest }).success).toBe(false);
    expect(schemas.executePlan.safeParse({ planId: uuid, digest: 'sha256:abc' }).success).toBe(false);
    expect(schemas.executePlan.safeParse({ planId: uuid, digest: `SHA256:${'0'.repeat(64)}` }).success).toBe(false);
    expect(schemas.executePlan.safeParse({ planId: uuid, digest, steps: [] }).success).toBe(false);
  });

  it('cancel, resume, history and export', () => {
    expect(schemas.cancelPlan.safeParse({ planId: uuid }).success).toBe(true);
    expect(schemas.resumePlan.safeParse({ planId: `${uuid}x` }).success).toBe(false);
    expect(schemas.history.safeParse({}).success).toBe(true);
    expect(schemas.exportHistory.safeParse({ format: 'csv' }).success).toBe(true);
    expect(schemas.exportHistory.safeParse({ format: 'xlsx' }).success).toBe(false);
    expect(schemas.exportHistory.safeParse({ format: 'csv', path: '/etc/passwd' }).success).toBe(false);
  });
});
