// `barnacle policy ls` in words: each rule said once, in both languages, the last
// run's outcome and the next run's date or "due now".

import { describe, expect, it } from 'vitest';
import { renderPolicies, rulesInWords, runInWords } from '../../src-main/cli/format/policy-text';
import type { PolicyStatus } from '../../src-shared/policy';

const now = Date.UTC(2026, 0, 5, 9, 0, 0);

describe('policy text', () => {
  it('says every rule, singular and plural', () => {
    const rules = {
      unusedFor: '720h',
      keepNewest: { count: 1, by: 'created' as const },
      keep: ['postgres:*'],
      keepLabels: ['keep=yes'],
      threshold: { measure: 'images-bytes' as const, trigger: 20e9, target: 15e9 },
    };
    expect(rulesInWords(rules, 'en')).toBe(
      'not used for 30 days; keep the newest tag per repository; keep postgres:*; keep labelled keep=yes; when images take over 20 GB, down to 15 GB',
    );
    expect(rulesInWords({ keepNewest: { count: 3, by: 'last-used' } }, 'en')).toBe(
      'keep the 3 most recently used tags per repository',
    );
    expect(rulesInWords(rules, 'zh')).not.toMatch(/not used|keep the|when images/);
  });

  it('says a run, with the reason it failed', () => {
    expect(runInWords({ at: 0, outcome: 'notified', bytes: 1.5e9, images: 2 }, 'en')).toBe(
      'would free 1.5 GB (2 images)',
    );
    expect(
      runInWords(
        { at: 0, outcome: 'failed', bytes: 0, images: 0, reason: { key: 'policy.failed.notConnected' } },
        'en',
      ),
    ).toBe('did not run — no engine connected');
  });

  it('lists policies with their next run, and says when there are none', () => {
    const statuses: PolicyStatus[] = [
      {
        policy: { name: 'weekly', enabled: true, schedule: 'weekly', mode: 'notify', rules: { unusedFor: '720h' } },
        nextRun: now,
      },
      {
        policy: { name: 'off', enabled: false, schedule: 'daily', mode: 'apply', rules: { olderThan: '24h' } },
        lastRun: { at: now - 3_600_000, outcome: 'applied', bytes: 1e6, images: 1 },
      },
    ];
    const text = renderPolicies(statuses, now, 'en');
    expect(text).toMatch(/^NAME\s+ENABLED\s+SCHEDULE\s+MODE\s+RULES\s+LAST RUN\s+NEXT RUN\n/);
    expect(text).toMatch(/weekly\s+yes\s+weekly\s+notify only\s+not used for 30 days\s+never\s+due now/);
    expect(text).toMatch(/off\s+no\s+daily\s+apply\s+older than 24 hours\s+.+: freed 1 MB \(1 image\)\s+—/);
    expect(renderPolicies([], now, 'zh')).toMatch(/没有策略/);
  });
});
