// The policies as main keeps them: the list comes from main's `policiesChanged`
// event (saved, removed, or a run recorded by the scheduler), and from the
// answers to this window's own saves. Nothing here runs a policy: "Preview"
// opens its prune intent in the plan flow like any other plan.

import type { BarnacleError } from '../../src-shared/errors';
import { policyIntent, type Policy, type PolicyStatus } from '../../src-shared/policy';
import { api } from '../lib/api';
import { planFlow } from './plan.svelte';

class PoliciesView {
  statuses = $state.raw<PolicyStatus[] | null>(null);
  loading = $state(false);
  error = $state.raw<BarnacleError | null>(null);
  /** The policy whose enabled switch is being saved (one at a time). */
  toggling = $state<string | null>(null);
  private started = false;

  /** Follows main's event; the first read fills the list before any change arrives. */
  start(): void {
    if (this.started) return;
    this.started = true;
    api().on('policiesChanged', (statuses) => {
      this.statuses = statuses;
    });
    void this.load();
  }

  async load(): Promise<void> {
    this.loading = true;
    const result = await api().policies({});
    this.loading = false;
    if (result.ok) {
      this.statuses = result.value;
      this.error = null;
    } else {
      this.error = result.error;
    }
  }

  /** Main checks the policy (its schema) and saves it; the answer is the new list, or why not. */
  async save(policy: Policy, previousName?: string): Promise<BarnacleError | null> {
    const result = await api().savePolicy(previousName !== undefined ? { policy, previousName } : { policy });
    if (!result.ok) return result.error;
    this.statuses = result.value;
    return null;
  }

  async remove(name: string): Promise<void> {
    const result = await api().removePolicy({ name });
    if (result.ok) {
      this.statuses = result.value;
      this.error = null;
    } else {
      this.error = result.error;
    }
  }

  async setEnabled(policy: Policy, enabled: boolean): Promise<void> {
    this.toggling = policy.name;
    const error = await this.save({ ...policy, enabled }, policy.name);
    this.toggling = null;
    this.error = error;
  }

  /** "Run now as a plan": the policy's own prune intent, previewed; Run in the dialog executes it like any plan. */
  preview(policy: Policy): void {
    planFlow.open(policyIntent(policy));
  }
}

export const policiesView = new PoliciesView();
