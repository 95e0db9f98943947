// Renders the desktop notifications a policy's runs send (policyNotice's real
// words) as native-looking toasts, light and dark, English and Chinese, in
// Debian's Chromium, and saves docs/policy-notices.png for the README. The shell
// shows the same title, body and action through Electron's Notification.
//
//   npx tsx scripts/policy-notice-screenshot.ts

import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { policyNotice } from '../src-main/policies/policy-notice';
import type { PolicyRun } from '../src-shared/policy';
import { automaticRefusal } from '../src-main/policies/automatic-guard';
import type { Locale } from '../src-shared/messages/translate';

const root = join(import.meta.dirname, '..');

const runs: { name: string; run: PolicyRun }[] = [
  { name: 'weekly', run: { at: 0, outcome: 'notified', bytes: 4_200_000_000, images: 12, planId: 'p1' } },
  { name: 'nightly', run: { at: 0, outcome: 'applied', bytes: 1_240_000_000, images: 5, planId: 'p2' } },
  {
    name: 'disk guard',
    // What the automatic guard says of a plan it refuses (automatic-guard.ts).
    run: {
      at: 0,
      outcome: 'failed',
      bytes: 0,
      images: 0,
      planId: 'p3',
      reason: automaticRefusal([{ kind: 'running-container', step: 'app:2' }]),
    },
  },
];

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function toasts(locale: Locale): string {
  return runs
    .map(({ name, run }) => {
      const notice = policyNotice({ name }, run, locale);
      if (!notice) throw new Error(`no notice for ${run.outcome}`);
      const action = notice.action ? `<button>${escape(notice.action.label)}</button>` : '';
      return `<div class="toast"><div class="icon"></div><div class="text"><b>${escape(notice.title)}</b><p>${escape(notice.body)}</p></div>${action}</div>`;
    })
    .join('');
}

function pageHtml(): string {
  const column = (locale: Locale, scheme: 'light' | 'dark') =>
    `<section class="${scheme}"><h2>${locale === 'en' ? 'English' : '中文'} · ${scheme}</h2>${toasts(locale)}</section>`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; padding: 20px; background: #e9edf2; display: grid; grid-template-columns: repeat(2, 430px); gap: 20px;
           font: 13px system-ui, "Liberation Sans", "Noto Sans CJK SC", sans-serif; }
    section { padding: 14px; border-radius: 10px; display: flex; flex-direction: column; gap: 10px; }
    section.light { background: #dfe5ec; color: #1d1d1f; } section.dark { background: #1b1f27; color: #e8eaed; }
    h2 { margin: 0 0 2px; font-size: 12px; font-weight: 600; opacity: .7; }
    .toast { display: flex; gap: 10px; align-items: flex-start; padding: 12px; border-radius: 10px;
             box-shadow: 0 6px 18px rgba(0,0,0,.18); }
    .light .toast { background: #fbfbfd; } .dark .toast { background: #2b303a; }
    .icon { width: 28px; height: 28px; border-radius: 7px; background: #1f6feb; flex: none; }
    .text { flex: 1; } .text p { margin: 3px 0 0; line-height: 1.4; }
    button { font: inherit; padding: 4px 10px; border-radius: 6px; border: 1px solid rgba(127,127,127,.4);
             background: transparent; color: inherit; white-space: nowrap; }
  </style></head><body>${column('en', 'light')}${column('zh', 'light')}${column('en', 'dark')}${column('zh', 'dark')}</body></html>`;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width: 940, height: 600 }, deviceScaleFactor: 2 });
  await page.setContent(pageHtml());
  const out = join(root, 'docs/policy-notices.png');
  await page.locator('body').screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
