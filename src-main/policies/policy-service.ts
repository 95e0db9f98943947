// The policies as the app follows them: listed with each one's last run and next
// run, saved and removed through the store, and every change told to listeners
// (the window's Policies screen and the tray). The scheduler (policy-scheduler.ts)
// runs them; this file only keeps them.

import { nextRunAt, type Policy, type PolicyRun, type PolicyStatus } from '../../src-shared/policy';
import { PhraseError } from '../../src-shared/phrase-error';
import { phrase } from '../../src-shared/phrase';
import { PolicyStore, policiesFileIn } from './policy-store';

type Listener = (statuses: PolicyStatus[]) => void;

export class PolicyService {
  readonly store: PolicyStore;
  private readonly listeners = new Set<Listener>();

  constructor(
    dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.store = new PolicyStore(policiesFileIn(dataDir));
  }

  list(): PolicyStatus[] {
    const { policies, runs } = this.store.read();
    const now = this.now();
    return policies.map((policy) => {
      const lastRun = runs[policy.name];
      const next = nextRunAt(policy, lastRun?.at, now);
      return { policy, ...(lastRun ? { lastRun } : {}), ...(next !== undefined ? { nextRun: next } : {}) };
    });
  }

  get(name: string): Policy {
    const policy = this.store.read().policies.find((p) => p.name === name);
    if (!policy) throw new UnknownPolicy(name);
    return policy;
  }

  save(policy: Policy, previousName?: string): PolicyStatus[] {
    this.store.save(policy, previousName);
    return this.changed();
  }

  remove(name: string): PolicyStatus[] {
    if (!this.store.remove(name)) throw new UnknownPolicy(name);
    return this.changed();
  }

  recordRun(name: string, run: PolicyRun): PolicyStatus[] {
    this.store.recordRun(name, run);
    return this.changed();
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): PolicyStatus[] {
    const statuses = this.list();
    for (const listener of this.listeners) listener(statuses);
    return statuses;
  }
}

export class UnknownPolicy extends PhraseError {
  override readonly kind = 'validation';
  constructor(name: string) {
    super(phrase('policy.error.unknown', { name }));
  }
}
