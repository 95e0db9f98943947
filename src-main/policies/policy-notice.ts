// What a policy's run says in a notification, built without Electron so the
// shell only shows it: the title, the body in the system's language, and the
// action a click takes. Like the tray's quick prune, a notification never
// changes anything itself: its action only opens a screen (the plan to review,
// or Activity at the run), where the person decides.

import type { Policy, PolicyRun } from '../../src-shared/policy';
import { formatBytes } from '../../src-shared/format';
import { say, translate, intlLocaleOf, type Locale } from '../../src-shared/messages/translate';

/** Where the notification's action leads: the previewed plan, or Activity at the plan that ran. */
export type PolicyNoticeAction =
  { label: string; open: 'plan'; planId: string } | { label: string; open: 'activity'; planId: string };

export interface PolicyNotice {
  title: string;
  body: string;
  action?: PolicyNoticeAction;
}

/**
 * The notification for one run, or null when there is nothing worth saying: a
 * run that found nothing to remove stays quiet, and so does a notify-only run
 * that would free what the previous one already said (a threshold checked every
 * quarter hour would otherwise repeat itself four times an hour).
 */
export function policyNotice(
  policy: Pick<Policy, 'name'>,
  run: PolicyRun,
  locale: Locale,
  previous?: PolicyRun,
): PolicyNotice | null {
  const t = (key: string, params = {}) => translate(locale, key, params);
  const title = t('app.name');
  const name = policy.name;
  const size = formatBytes(run.bytes, intlLocaleOf(locale));
  const planId = run.planId;
  const saidAlready =
    previous?.outcome === 'notified' && previous.bytes === run.bytes && previous.images === run.images;
  switch (run.outcome) {
    case 'nothing':
      return null;
    case 'notified':
      if (saidAlready) return null;
      return {
        title,
        body: t('policy.notify.wouldFree', { name, size, count: run.images }),
        ...(planId ? { action: { label: t('policy.notify.review'), open: 'plan' as const, planId } } : {}),
      };
    case 'applied':
      return {
        title,
        body: run.reason
          ? t('policy.notify.freedPartly', { name, size, reason: run.reason })
          : t('policy.notify.freed', { name, size, count: run.images }),
        ...(planId ? { action: { label: t('policy.notify.showActivity'), open: 'activity' as const, planId } } : {}),
      };
    case 'failed':
      return {
        title,
        body: t('policy.notify.failed', { name, reason: run.reason ? say(locale, run.reason) : '' }),
        ...(planId ? { action: { label: t('policy.notify.review'), open: 'plan' as const, planId } } : {}),
      };
  }
}
