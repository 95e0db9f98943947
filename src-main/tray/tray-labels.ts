// The tray's words in English and Chinese. Main builds the menu itself (the
// renderer's i18n lives in the window, which may be closed), so the tray keeps
// its own small table; sizes go through the shared formatBytes.

import { formatBytes } from '../../src-shared/format';
import type { EngineHealth, EngineKind } from '../../src-shared/model';

export type TrayLocale = 'en' | 'zh';

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
  open: string;
  keepInTray: string;
  startAtLogin: string;
  quit: string;
  tooltipDangling(count: number, size: string): string;
  tooltipNothing: string;
  freed(size: string, exact: boolean): string;
  freedPartly(size: string, exact: boolean, failed: number): string;
  quickPruneFailed(message: string): string;
  quickPruneRefused(reason: string): string;
  planFailed(message: string): string;
}

const engineNames: Record<EngineKind, string> = { docker: 'Docker', podman: 'Podman' };

export function engineName(kind: EngineKind): string {
  return engineNames[kind];
}

const en: TrayLabels = {
  engineRunning: (engine, version) => `${engine} ${version} · running`,
  connecting: (endpoint) => `Connecting to ${endpoint}…`,
  engineDown: (endpoint, state) =>
    `${endpoint}: ${
      {
        'not-running': 'engine not running',
        'socket-not-found': 'no engine found',
        'permission-denied': 'permission denied',
        'api-too-old': 'engine too old',
        unreachable: 'unreachable',
      }[state]
    }`,
  readingImages: 'Reading images…',
  dangling: (count, size) => `Dangling: ${count} ${count === 1 ? 'image' : 'images'}, ${size}`,
  danglingInUse: (count) => `Kept: ${count} in use by containers`,
  quickPrune: (size, exact) => `Quick prune dangling (frees ${exact ? '' : 'about '}${size})`,
  quickPruneNoEngine: 'Quick prune dangling',
  nothingToPrune: 'Nothing to prune',
  pruning: (done, total) => `Pruning… ${done}/${total}`,
  lastResult: (size, exact) => `Last prune freed ${exact ? '' : 'about '}${size}`,
  pruneOld: 'Prune unused older than 24 h…',
  open: 'Open Barnacle',
  keepInTray: 'Keep running in the tray',
  startAtLogin: 'Start at login',
  quit: 'Quit Barnacle',
  tooltipDangling: (count, size) => `${count} dangling ${count === 1 ? 'image' : 'images'}, ${size}`,
  tooltipNothing: 'nothing to prune',
  freed: (size, exact) => `Freed ${exact ? '' : 'about '}${size}`,
  freedPartly: (size, exact, failed) =>
    `Freed ${exact ? '' : 'about '}${size}; ${failed} ${failed === 1 ? 'image' : 'images'} could not be removed`,
  quickPruneFailed: (message) => `Quick prune failed: ${message}`,
  quickPruneRefused: (reason) => `Quick prune refused: ${reason}`,
  planFailed: (message) => `Could not plan the prune: ${message}`,
};

const zh: TrayLabels = {
  engineRunning: (engine, version) => `${engine} ${version} · 运行中`,
  connecting: (endpoint) => `正在连接 ${endpoint}…`,
  engineDown: (endpoint, state) =>
    `${endpoint}：${
      {
        'not-running': '引擎未运行',
        'socket-not-found': '未找到引擎',
        'permission-denied': '权限不足',
        'api-too-old': '引擎版本过旧',
        unreachable: '无法连接',
      }[state]
    }`,
  readingImages: '正在读取镜像…',
  dangling: (count, size) => `悬空镜像：${count} 个，${size}`,
  danglingInUse: (count) => `保留：${count} 个被容器使用`,
  quickPrune: (size, exact) => `快速清理悬空镜像（${exact ? '' : '约'}释放 ${size}）`,
  quickPruneNoEngine: '快速清理悬空镜像',
  nothingToPrune: '没有可清理的镜像',
  pruning: (done, total) => `正在清理… ${done}/${total}`,
  lastResult: (size, exact) => `上次清理释放了${exact ? '' : '约'} ${size}`,
  pruneOld: '清理 24 小时前未使用的镜像…',
  open: '打开 Barnacle',
  keepInTray: '关闭窗口后保留在托盘',
  startAtLogin: '登录时启动',
  quit: '退出 Barnacle',
  tooltipDangling: (count, size) => `${count} 个悬空镜像，${size}`,
  tooltipNothing: '没有可清理的镜像',
  freed: (size, exact) => `已释放${exact ? '' : '约'} ${size}`,
  freedPartly: (size, exact, failed) => `已释放${exact ? '' : '约'} ${size}；${failed} 个镜像未能删除`,
  quickPruneFailed: (message) => `快速清理失败：${message}`,
  quickPruneRefused: (reason) => `已拒绝快速清理：${reason}`,
  planFailed: (message) => `无法生成清理计划：${message}`,
};

export function trayLabels(locale: TrayLocale): TrayLabels {
  return locale === 'zh' ? zh : en;
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
