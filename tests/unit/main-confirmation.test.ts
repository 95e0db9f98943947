// Which plans main confirms in its own dialog, and the words it shows (issue 13).

import { describe, expect, it } from 'vitest';
import { confirmationText, destructiveSummary } from '../../src-main/core/main-confirmation';
import type { Plan, PlanStep } from '../../src-shared/plan';
import { planStep } from './support/plan-steps';

const step = planStep;
const plan = (steps: PlanStep[], intent: Plan['intent'] = { type: 'remove-images', refs: ['x'] }) =>
  ({ engine: { host: 'unix:///run/docker.sock', kind: 'docker', version: '26' }, intent, steps }) as unknown as Plan;

describe('destructiveSummary', () => {
  it('asks nothing for removing unused images and stopped containers', () => {
    expect(destructiveSummary(plan([step('remove-image', 'a:1'), step('remove-container', 'job')]))).toBeNull();
  });

  it('asks for stops, volumes, forced removals and start fresh', () => {
    expect(
      destructiveSummary(
        plan(
          [
            step('stop-container', 'web'),
            step('remove-volume', 'db-data'),
            step('remove-image', 'b:1', { force: true }),
          ],
          { type: 'start-fresh', volumes: ['db-data'] },
        ),
      ),
    ).toEqual({
      engine: 'unix:///run/docker.sock',
      startFresh: true,
      stops: ['web'],
      volumes: ['db-data'],
      forced: ['b:1'],
    });
  });
});

describe('confirmationText', () => {
  const summary = { engine: 'unix:///run/docker.sock', startFresh: false, stops: ['web'], volumes: ['db'], forced: [] };
  it('says what will happen, in English and Chinese, with "Cancel" as the safe button', () => {
    const en = confirmationText(summary, 'en');
    expect(en.message).toBe('Run this plan on unix:///run/docker.sock?');
    expect(en.detail).toBe('Stops running containers: web\nRemoves volumes and their data: db');
    expect(en.cancel).toBe('Cancel');
    const zh = confirmationText(summary, 'zh');
    expect(zh.detail).toBe('停止正在运行的容器：web\n删除卷及其数据：db');
    expect(zh.confirm).toBe('执行');
  });
});
