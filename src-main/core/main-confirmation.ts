// Plans that stop running containers, remove volumes, force a removal or start
// fresh are confirmed by main itself, in a native dialog the page cannot draw or
// click, before they run: a compromised renderer can preview and ask to execute,
// but not say yes alone. What needs asking is decided here from the plan main
// keeps (never from what the renderer sends); the shell shows the words.

import { translate, type MessageParams } from '../../src-shared/messages/translate';
import type { Plan } from '../../src-shared/plan';

export interface DestructiveSummary {
  engine: string;
  startFresh: boolean;
  /** Running containers the plan stops (their names). */
  stops: string[];
  /** Volumes the plan removes. */
  volumes: string[];
  /** Steps that force a removal (labels). */
  forced: string[];
}

/** Asks the person, outside the page; resolves true only for an explicit yes. */
export type ConfirmInMain = (summary: DestructiveSummary) => Promise<boolean>;

/** What of the plan needs the person's yes in main, or null for a plan that needs none. */
export function destructiveSummary(plan: Plan): DestructiveSummary | null {
  const summary: DestructiveSummary = {
    engine: plan.engine.host,
    startFresh: plan.intent.type === 'start-fresh',
    stops: plan.steps.filter((s) => s.action === 'stop-container').map((s) => s.label),
    volumes: plan.steps.filter((s) => s.action === 'remove-volume').map((s) => s.target),
    forced: plan.steps.filter((s) => s.force).map((s) => s.label),
  };
  const asks = summary.startFresh || summary.stops.length || summary.volumes.length || summary.forced.length;
  return asks ? summary : null;
}

export interface ConfirmationText {
  title: string;
  message: string;
  detail: string;
  confirm: string;
  cancel: string;
}

const list = (items: string[]) => (items.length > 6 ? `${items.slice(0, 6).join(', ')}, …` : items.join(', '));

/** The languages main speaks in its own dialogs (the tray's too). */
export type MainLocale = 'en' | 'zh';

export function confirmationText(s: DestructiveSummary, locale: MainLocale): ConfirmationText {
  const t = (key: string, params?: MessageParams) => translate(locale, `confirm.${key}`, params);
  const lines = [
    s.startFresh ? t('startFresh') : '',
    s.stops.length ? t('stops', { names: list(s.stops) }) : '',
    s.volumes.length ? t('volumes', { names: list(s.volumes) }) : '',
    s.forced.length ? t('forced', { names: list(s.forced) }) : '',
  ].filter(Boolean);
  return {
    title: 'Barnacle',
    message: t('question', { engine: s.engine }),
    detail: lines.join('\n'),
    confirm: t('run'),
    cancel: t('cancel'),
  };
}
