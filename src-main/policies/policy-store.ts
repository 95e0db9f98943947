// The policies and each one's last run, in policies.json in the data folder: the
// app's Policies screen and scheduler and the CLI's `barnacle policy` read and
// write the same file. Each policy is checked on read (policy-schema.ts); one that
// does not pass is left out of the list and kept in the file as it was, so an
// older or newer Barnacle's policy is never lost by a save.

import { join } from 'node:path';
import { readSettingsFile, saveSettingsFile } from '../files/settings-file';
import type { Policy, PolicyRun } from '../../src-shared/policy';
import { policySchema } from './policy-schema';
import { PhraseError } from '../../src-shared/phrase-error';
import { phrase } from '../../src-shared/phrase';

export const policiesFileIn = (dataDir: string): string => join(dataDir, 'policies.json');

const FORMAT = 'barnacle-policies';

interface StoredPolicies {
  policies: Policy[];
  /** Entries that did not pass the check, as they were. */
  unreadable: unknown[];
  /** Policy name → its last run. */
  runs: Record<string, PolicyRun>;
}

function parse(raw: unknown): StoredPolicies {
  const file = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  if (file.format !== FORMAT) return { policies: [], unreadable: [], runs: {} };
  const policies: Policy[] = [];
  const unreadable: unknown[] = [];
  for (const entry of Array.isArray(file.policies) ? file.policies : []) {
    const checked = policySchema.safeParse(entry);
    if (checked.success && !policies.some((p) => p.name === checked.data.name)) policies.push(checked.data);
    else unreadable.push(entry);
  }
  const runs: Record<string, PolicyRun> = {};
  if (typeof file.runs === 'object' && file.runs !== null) {
    for (const [name, run] of Object.entries(file.runs as Record<string, unknown>)) {
      if (isRun(run) && policies.some((p) => p.name === name)) runs[name] = run;
    }
  }
  return { policies, unreadable, runs };
}

function isRun(raw: unknown): raw is PolicyRun {
  const r = raw as Partial<PolicyRun> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    Number.isSafeInteger(r.at) &&
    ['nothing', 'notified', 'applied', 'failed'].includes(r.outcome as string) &&
    Number.isSafeInteger(r.bytes) &&
    Number.isSafeInteger(r.images)
  );
}

/** The file, read again on every call: the CLI and the app may both write it. */
export class PolicyStore {
  constructor(private readonly file: string) {}

  read(): StoredPolicies {
    return readSettingsFile(this.file, parse);
  }

  /** Adds or replaces a policy (by `previousName` when it is renamed); its last run follows a rename. */
  save(policy: Policy, previousName?: string): void {
    const stored = this.read();
    const replaced = previousName ?? policy.name;
    if (policy.name !== replaced && stored.policies.some((p) => p.name === policy.name)) {
      throw new PolicyNameTaken(policy.name);
    }
    const at = stored.policies.findIndex((p) => p.name === replaced);
    if (at >= 0) stored.policies[at] = policy;
    else stored.policies.push(policy);
    const run = stored.runs[replaced];
    delete stored.runs[replaced];
    if (run) stored.runs[policy.name] = run;
    this.write(stored);
  }

  /** False when there was no such policy. */
  remove(name: string): boolean {
    const stored = this.read();
    const kept = stored.policies.filter((p) => p.name !== name);
    if (kept.length === stored.policies.length) return false;
    delete stored.runs[name];
    this.write({ ...stored, policies: kept });
    return true;
  }

  recordRun(name: string, run: PolicyRun): void {
    const stored = this.read();
    if (!stored.policies.some((p) => p.name === name)) return;
    stored.runs[name] = run;
    this.write(stored);
  }

  private write(stored: StoredPolicies): void {
    saveSettingsFile(this.file, {
      format: FORMAT,
      version: 1,
      policies: [...stored.policies, ...stored.unreadable],
      runs: stored.runs,
    });
  }
}

/** Saving under a name another policy has: refused as bad input, with words for the person. */
export class PolicyNameTaken extends PhraseError {
  override readonly kind = 'validation';
  constructor(readonly policyName: string) {
    super(phrase('policy.error.nameTaken', { name: policyName }));
  }
}
