// The tray's policy line: the enabled policy that runs next, when, and what its
// last run did; it opens the Policies screen. None when no policy is enabled.

import { describe, expect, it, vi } from 'vitest';
import type { EngineHealth } from '../../src-shared/model';
import type { Policy, PolicyStatus } from '../../src-shared/policy';
import { nextPolicy, trayMenuModel, type TrayState } from '../../src-main/tray/tray-menu';
import { menuTemplate } from '../../src-main/tray/menu-template';
import { TrayController } from '../../src-main/tray/tray-controller';
import { dockerClassic, NOW_MS } from './support/inventory-builder';

const endpoint = { host: 'unix:///var/run/docker.sock', label: 'default', source: 'default' as const };
const connected: EngineHealth = { state: 'connected', endpoint, engine: dockerClassic };
const HOUR = 3_600_000;

const policy = (name: string, enabled = true): Policy => ({
  name,
  enabled,
  schedule: 'weekly',
  mode: 'notify',
  rules: { unusedFor: '720h' },
});

const weekly: PolicyStatus = {
  policy: policy('weekly'),
  lastRun: { at: NOW_MS - 2 * HOUR, outcome: 'applied', bytes: 1_200_000_000, images: 4 },
  nextRun: NOW_MS + 3 * HOUR,
};
const daily: PolicyStatus = { policy: policy('daily'), nextRun: NOW_MS + 26 * HOUR };
const off: PolicyStatus = { policy: policy('off', false) };

function state(statuses: PolicyStatus[], locale: 'en' | 'zh' = 'en'): TrayState {
  return {
    health: connected,
    inventory: { images: [], containers: [], diskUsage: null, takenAt: NOW_MS },
    danglingPlan: { images: 0, bytesFreed: 0, exact: true },
    pruning: null,
    lastResult: null,
    locale,
    policies: { statuses, now: NOW_MS },
  };
}
const line = (s: TrayState) => trayMenuModel(s).items.find((i) => i.id === 'policies');

describe('the tray’s policy line', () => {
  it('names the policy that runs next, when, and what its last run freed', () => {
    expect(line(state([daily, off, weekly]))).toEqual({
      kind: 'action',
      id: 'policies',
      label: 'Policy “weekly”: next in 3 h · last freed 1.2 GB',
      enabled: true,
    });
  });

  it('a policy never run: due now, not run yet; days past two days', () => {
    expect(line(state([{ policy: policy('first'), nextRun: NOW_MS }]))?.label).toBe(
      'Policy “first”: runs now · not run yet',
    );
    expect(line(state([{ policy: policy('later'), nextRun: NOW_MS + 3 * 24 * HOUR }]))?.label).toBe(
      'Policy “later”: next in 3 days · not run yet',
    );
    const notified: PolicyStatus = {
      ...daily,
      nextRun: NOW_MS + 10 * 60_000,
      lastRun: { at: NOW_MS, outcome: 'notified', bytes: 5_000_000, images: 1 },
    };
    expect(line(state([notified]))?.label).toBe('Policy “daily”: next in 10 min · last would free 5 MB');
  });

  it('none while no policy is enabled, nor without policies', () => {
    expect(line(state([off]))).toBeUndefined();
    expect(nextPolicy([off])).toBeNull();
    const { policies: _none, ...without } = state([weekly]);
    expect(line(without)).toBeUndefined();
  });

  it('in Chinese', () => {
    expect(line(state([weekly], 'zh'))?.label).toBe('策略“weekly”：3 小时后运行 · 上次释放了 1.2 GB');
  });

  it('clicks through to the Policies screen, and follows the policies’ changes', async () => {
    let statuses: PolicyStatus[] = [];
    let changed: ((s: PolicyStatus[]) => void) | null = null;
    const screens: string[] = [];
    const onModel = vi.fn();
    const controller = new TrayController({
      session: { health: connected, onHealth: () => () => undefined },
      inventory: {
        snapshot: state([]).inventory,
        onChange: () => () => undefined,
        refresh: async () => state([]).inventory!,
      },
      previewPlan: async () => {
        throw new Error('not planned here');
      },
      executePlan: async () => {
        throw new Error('not run here');
      },
      notify: () => undefined,
      showPlanInWindow: () => undefined,
      showScreenInWindow: (screen) => screens.push(screen),
      onModel,
      locale: () => 'en',
      policies: {
        list: () => statuses,
        onChange: (listener) => {
          changed = listener;
          return () => (changed = null);
        },
      },
      now: () => NOW_MS,
      debounceMs: 0,
    });
    controller.start();
    expect(controller.model.items.some((i) => i.id === 'policies')).toBe(false);
    statuses = [weekly];
    changed!(statuses);
    const item = controller.model.items.find((i) => i.id === 'policies');
    expect(item?.label).toBe('Policy “weekly”: next in 3 h · last freed 1.2 GB');
    const native = menuTemplate(controller.model, (id) => {
      if (id === 'policies') controller.reviewPolicies();
    });
    native.find((i) => i.id === 'policies')!.click!();
    expect(screens).toEqual(['policies']);
    controller.stop();
    expect(changed).toBeNull();
  });
});
