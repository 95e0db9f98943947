// The tray's words in English and Chinese. Main builds the menu itself (the
// window, with its i18n state, may be closed), from the shared catalogue's
// tray.* messages; sizes go through the shared formatBytes.

import { formatBytes } from '../../src-shared/format';
import type { EngineHealth } from '../../src-shared/model';
import type { Phrase } from '../../src-shared/phrase';
import type { PolicyRunOutcome } from '../../src-shared/policy';
import { translate, type MessageParams } from '../../src-shared/messages/translate';

export type TrayLocale = 'en' | 'zh';

/** The parts of the disk the tray may point at besides dangling images (the engine's disk usage). */
export type ReclaimablePart = 'volumes' | 'containers' | 'build-cache';

export interface TrayLabels {
  engineRunning(engine: string, version: string): string;
  connecting(endpoint: string): string;
  engineDown(endpoint: string, state: Exclude<EngineHealth['state'], 'connected' | 'connecting'>): string;
  readingImages: string;
  dangling(count: number, size: string): string;
  danglingInUse(count: number): string;
  quickPrune(size: string, exact: boolean): string;
  quickPruneNoEngine: string;
  nothingToPrune: string;
  pruning(done: number, total: number): string;
  lastResult(size: string, exact: boolean): string;
  pruneOld: string;
  reviewPart(part: ReclaimablePart, size: string): string;
  open: string;
  keepInTray: string;
  startAtLogin: string;
  quit: string;
  tooltipDangling(count: number, size: string): string;
  tooltipNothing: string;
  freed(size: string, exact: boolean): string;
  freedPartly(size: string, exact: boolean, failed: number): string;
  /** Added to the result when the cleanup kept copies: "2 kept in the trash (240 MB)". */
  keptInTrash(result: string, images: number, size: string): string;
  /** The notification's action that opens the trash at the plan's copies. */
  undo: string;
  quickPruneFailed(message: string): string;
  quickPruneRefused(reasons: Phrase): string;
  planFailed(message: string): string;
  settingsUnreadable(file: string, keptAs: string): string;
  /** "Policy “weekly”: next in 3 h · last freed 1.2 GB": the next policy to run and its last result. */
  policyLine(name: string, untilNextMs: number, last: { outcome: PolicyRunOutcome; size: string } | null): string;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** A wait in the coarsest unit that still says something: minutes under an hour, hours under two days. */
function waitIn(ms: number, t: (key: string, params?: MessageParams) => string): string {
  if (ms < HOUR_MS) return t('in.minutes', { count: Math.max(1, Math.ceil(ms / MINUTE_MS)) });
  if (ms < 48 * HOUR_MS) return t('in.hours', { count: Math.round(ms / HOUR_MS) });
  return t('in.days', { count: Math.round(ms / (24 * HOUR_MS)) });
}

/** The tray's words from the shared catalogue (src-shared/messages/tray.ts). */
function labelsIn(locale: TrayLocale): TrayLabels {
  const t = (key: string, params?: MessageParams) => translate(locale, `tray.${key}`, params);
  const about = (key: string, exact: boolean) => (exact ? key : `${key}About`);
  return {
    engineRunning: (engine, version) => t('engineRunning', { engine, version }),
    connecting: (endpoint) => t('connecting', { endpoint }),
    engineDown: (endpoint, state) => t('engineDown', { endpoint, state: t(`down.${state}`) }),
    readingImages: t('readingImages'),
    dangling: (count, size) => t('dangling', { count, size }),
    danglingInUse: (count) => t('danglingInUse', { count }),
    quickPrune: (size, exact) => t(about('quickPrune', exact), { size }),
    quickPruneNoEngine: t('quickPruneNoEngine'),
    nothingToPrune: t('nothingToPrune'),
    pruning: (done, total) => t('pruning', { done, total }),
    lastResult: (size, exact) => t(about('lastResult', exact), { size }),
    pruneOld: t('pruneOld'),
    reviewPart: (part, size) => t(`review.${part}`, { size }),
    open: t('open'),
    keepInTray: t('keepInTray'),
    startAtLogin: t('startAtLogin'),
    quit: t('quit'),
    tooltipDangling: (count, size) => t('tooltipDangling', { count, size }),
    tooltipNothing: t('tooltipNothing'),
    freed: (size, exact) => t(about('freed', exact), { size }),
    freedPartly: (size, exact, failed) => t(about('freedPartly', exact), { size, count: failed }),
    keptInTrash: (result, images, size) => t('keptInTrash', { result, count: images, size }),
    undo: t('undo'),
    quickPruneFailed: (message) => t('quickPruneFailed', { message }),
    quickPruneRefused: (reasons) => t('quickPruneRefused', { reason: reasons }),
    planFailed: (message) => t('planFailed', { message }),
    settingsUnreadable: (file, keptAs) => t('settingsUnreadable', { file, keptAs }),
    policyLine: (name, untilNextMs, last) =>
      t('policy', {
        name,
        // Under a minute: the scheduler is about to run it (or is running it).
        next: untilNextMs < MINUTE_MS ? t('policy.nextNow') : t('policy.next', { in: waitIn(untilNextMs, t) }),
        last: last ? t(`policy.last.${last.outcome}`, { size: last.size }) : t('policy.last.none'),
      }),
  };
}

const labels: Record<TrayLocale, TrayLabels> = { en: labelsIn('en'), zh: labelsIn('zh') };

export function trayLabels(locale: TrayLocale): TrayLabels {
  return labels[locale];
}

/** Sizes in the locale's number format ("1.5 GB"; Chinese uses the same units). */
export function traySize(bytes: number, locale: TrayLocale): string {
  return formatBytes(bytes, locale === 'zh' ? 'zh-CN' : 'en');
}

/** The system's language list (app.getPreferredSystemLanguages()) → the tray's locale. */
export function trayLocaleFor(languages: readonly string[]): TrayLocale {
  const first = languages[0]?.toLowerCase() ?? 'en';
  return first.startsWith('zh') ? 'zh' : 'en';
}
