// The Policies editor's fields and the policy they make: days become the Go
// durations main keeps, empty fields are no rule, gigabytes are decimal, and a
// value main's schema would refuse is sent as typed so the refusal names it.
import { describe, expect, it } from 'vitest';
import {
  emptyForm,
  fieldOfIssue,
  formOf,
  policyOf,
  starterForm,
} from '../../src-renderer/components/policies/policy-form';
import { policySchema } from '../../src-main/policies/policy-schema';

describe('the policy editor form', () => {
  it('makes the starter: weekly, not used for 30 days, the newest 3 tags kept, notify', () => {
    const policy = policyOf(starterForm('weekly'));
    expect(policy).toEqual({
      name: 'weekly',
      enabled: true,
      schedule: 'weekly',
      mode: 'notify',
      rules: { unusedFor: '720h', keepNewest: { count: 3, by: 'created' } },
    });
    expect(policySchema.safeParse(policy).success).toBe(true);
  });

  it('reads a policy back into the same fields', () => {
    const policy = policyOf({
      ...emptyForm(),
      name: 'big',
      olderThanDays: '1.5',
      keep: 'postgres:*, node:20*',
      keepLabels: 'keep,env=prod',
      threshold: 'images-bytes',
      triggerGB: '20',
      targetGB: '15',
      schedule: 'over-threshold',
    });
    expect(policy.rules).toEqual({
      olderThan: '36h',
      keep: ['postgres:*', 'node:20*'],
      keepLabels: ['keep', 'env=prod'],
      threshold: { measure: 'images-bytes', trigger: 20e9, target: 15e9 },
    });
    expect(policySchema.safeParse(policy).success).toBe(true);
    expect(policyOf(formOf(policy))).toEqual(policy);
  });

  it('sends what main must refuse as typed, so the refusal names the field', () => {
    const policy = policyOf({ ...emptyForm(), name: 'x', unusedForDays: '-1', keepNewestCount: 'two' });
    const parsed = policySchema.safeParse(policy);
    expect(parsed.success).toBe(false);
    const fields = (parsed.error?.issues ?? []).map((i) => fieldOfIssue(['policy', ...i.path].join('.')));
    expect(fields).toEqual(expect.arrayContaining(['unusedFor', 'keepNewest']));
  });

  it('names the field of an issue path, or none for the whole policy', () => {
    expect(fieldOfIssue('policy.name')).toBe('name');
    expect(fieldOfIssue('policy.rules.threshold.target')).toBe('threshold');
    expect(fieldOfIssue('policy')).toBeNull();
    expect(fieldOfIssue('(payload)')).toBeNull();
  });
});
