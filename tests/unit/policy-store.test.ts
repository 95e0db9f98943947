// policies.json: a rename keeps the policy's last run, an entry that does not
// pass the check is kept in the file through saves, and a name another policy
// has is refused.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Policy } from '../../src-shared/policy';
import { PolicyNameTaken, PolicyStore, policiesFileIn } from '../../src-main/policies/policy-store';
import { PolicyService, UnknownPolicy } from '../../src-main/policies/policy-service';

const policy = (name: string, extra: Partial<Policy> = {}): Policy => ({
  name,
  enabled: true,
  schedule: 'daily',
  mode: 'notify',
  rules: { unusedFor: '720h' },
  ...extra,
});
const run = { at: 5, outcome: 'notified' as const, bytes: 10, images: 1 };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'barnacle-policies-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('PolicyStore', () => {
  it('keeps the last run through a rename, and drops it with the policy', () => {
    const store = new PolicyStore(policiesFileIn(dir));
    store.save(policy('old'));
    store.recordRun('old', run);
    store.save(policy('new', { mode: 'apply' }), 'old');
    expect(store.read().policies.map((p) => [p.name, p.mode])).toEqual([['new', 'apply']]);
    expect(store.read().runs).toEqual({ new: run });
    expect(store.remove('new')).toBe(true);
    expect(store.read().runs).toEqual({});
    expect(store.remove('new')).toBe(false);
  });

  it('refuses a rename onto a name another policy has', () => {
    const store = new PolicyStore(policiesFileIn(dir));
    store.save(policy('a'));
    store.save(policy('b'));
    expect(() => store.save(policy('b'), 'a')).toThrow(PolicyNameTaken);
    expect(store.read().policies.map((p) => p.name)).toEqual(['a', 'b']);
  });

  it('keeps an entry it cannot read in the file through saves, and lists the rest', async () => {
    const file = policiesFileIn(dir);
    const strange = { name: 'future', enabled: true, schedule: 'monthly', mode: 'notify', rules: {} };
    await writeFile(file, JSON.stringify({ format: 'barnacle-policies', version: 1, policies: [strange], runs: {} }));
    const store = new PolicyStore(file);
    expect(store.read().policies).toEqual([]);
    store.save(policy('a'));
    const saved = JSON.parse(await readFile(file, 'utf8')) as { policies: unknown[] };
    expect(saved.policies).toEqual([policy('a'), strange]);
  });

  it('records no run for a policy that is not there', () => {
    const store = new PolicyStore(policiesFileIn(dir));
    store.recordRun('ghost', run);
    expect(store.read().runs).toEqual({});
  });
});

describe('PolicyService', () => {
  it('lists each policy with its next run, tells listeners of changes, and names an unknown policy', () => {
    const now = 1_000_000;
    const service = new PolicyService(dir, () => now);
    const heard: number[] = [];
    service.onChange((s) => heard.push(s.length));
    service.save(policy('daily'));
    service.save(policy('off', { enabled: false }));
    service.recordRun('daily', { ...run, at: now });
    const [daily, off] = service.list();
    expect(daily!.nextRun).toBe(now + 24 * 3_600_000);
    expect(off!.nextRun).toBeUndefined();
    expect(heard).toEqual([1, 2, 2]);
    expect(() => service.get('nope')).toThrow(UnknownPolicy);
  });
});
