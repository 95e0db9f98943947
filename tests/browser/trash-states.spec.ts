// The Trash screen in states a live engine does not give on demand: a damaged
// record, an entry past the age limit, a trash over its cap, and a restore
// where a tag names another image now, the engine gave an image a new ID and a
// container's name is taken. The `trash` and `restoreFromTrash` channels are
// answered by the test (app.handlers); everything else is main's, on the
// engine. The real flow (a plan keeps copies, restore loads them) is trash.spec.ts.

import { ok } from '../../src-shared/errors';
import type { RestoreReport, TrashEntry, TrashListing } from '../../src-shared/trash';
import { expect, test } from './support/app-fixture';
import { expectAccessible, goTo, shot } from './support/plan-steps';

test.use({ viewport: { width: 1280, height: 860 } });

const PLAN_A = '3b241101-e2bb-4255-8caf-4136c566a962';
const PLAN_B = '9f0c6a52-77d1-4e0b-a2f3-5d8e1c0b7a41';
const hex = (c: string) => `sha256:${c.repeat(64)}`;
const DAY = 24 * 3600 * 1000;
const GB = 1000 ** 3;

function listing(now: number): TrashListing {
  const engine: TrashEntry['engine'] = {
    host: 'unix:///var/run/docker.sock',
    kind: 'docker',
    version: '26.1.4',
    store: 'classic',
  };
  return {
    entries: [
      {
        id: `${PLAN_A}/s1`,
        planId: PLAN_A,
        savedAt: now - 40 * DAY,
        fileBytes: 2.4 * GB,
        engine,
        images: [
          {
            id: hex('a'),
            tags: ['team/api:1.4', 'team/api:stable'],
            repoDigests: [],
            labels: {},
            created: 0,
            size: 3.1 * GB,
          },
        ],
        containers: [{ id: 'c'.repeat(64), name: 'api-old', imageId: hex('a') }],
        expired: true,
      },
      {
        id: `${PLAN_B}/s1`,
        planId: PLAN_B,
        savedAt: now - 2 * 3600 * 1000,
        fileBytes: 9.1 * GB,
        engine,
        images: [
          { id: hex('b'), tags: ['local/builder:dev'], repoDigests: [], labels: {}, created: 0, size: 8 * GB },
          { id: hex('d'), tags: [], repoDigests: [], labels: {}, created: 0, size: 2 * GB },
        ],
        containers: [],
        expired: false,
      },
    ],
    damaged: [{ id: `${PLAN_A}/s2`, reason: 'record is not JSON' }],
    totalBytes: 11.6 * GB,
    settings: { keep: 'not-pullable', maxBytes: 10 * GB, maxAgeDays: 30 },
  };
}

const report: RestoreReport = {
  entryId: `${PLAN_A}/s1`,
  images: [
    {
      id: hex('a'),
      restoredId: hex('e'),
      tagged: ['team/api:1.4'],
      taken: [{ tag: 'team/api:stable', imageId: hex('f') }],
    },
  ],
  containers: [{ name: 'api-old', nameTakenBy: '1'.repeat(64) }],
};

for (const locale of ['en-US', 'zh-CN'] as const) {
  test.describe(locale, () => {
    test.use({ locale });

    test(`the trash screen: entries, cap, damaged records and a restore report (${locale})`, async ({ app }) => {
      const restored: unknown[] = [];
      app.handlers.trash = async () => ok(listing(Date.now()));
      app.handlers.restoreFromTrash = async (args) => {
        restored.push(args);
        return ok(report);
      };
      await app.open();
      await goTo(app.page, 'trash');
      const entries = app.page.locator('li[data-entry]');
      await expect(entries).toHaveCount(2);
      // Newest first: plan B's entry (two hours old) above plan A's (forty days, expired).
      await expect(entries.nth(0)).toHaveAttribute('data-entry', `${PLAN_B}/s1`);
      await expect(entries.nth(0)).toContainText('local/builder:dev');
      await expect(entries.nth(0)).toContainText('dddddddddddd');
      await expect(entries.nth(1).locator('.pill')).toBeVisible();
      await expect(entries.nth(0).locator('.pill')).toHaveCount(0);
      await expect(entries.nth(1)).toContainText('api-old');
      await expect(app.page.getByRole('meter')).toBeVisible();
      await expect(app.page.getByTestId('trash-damaged')).toContainText('record is not JSON');
      await expectAccessible(app.page, 'main');
      const lang = locale === 'en-US' ? 'en' : 'zh';
      await app.page.emulateMedia({ colorScheme: 'light' });
      await shot(app.page, `trash-states-${lang}-light`);
      await app.page.emulateMedia({ colorScheme: 'dark' });
      await shot(app.page, `trash-states-${lang}-dark`);
      await app.page.emulateMedia({ colorScheme: 'light' });

      // Restore by keyboard: the entry's first button, then Enter.
      const restore = entries.nth(1).getByRole('button').first();
      await restore.focus();
      await app.page.keyboard.press('Enter');
      const shown = entries.nth(1).getByTestId('restore-report');
      await expect(shown).toBeVisible();
      expect(restored).toEqual([{ id: `${PLAN_A}/s1` }]);
      await expect(shown).toContainText('team/api:1.4');
      await expect(shown).toContainText('ffffffffffff');
      await expect(shown).toContainText('eeeeeeeeeeee');
      await expect(shown).toContainText('111111111111');
      await expectAccessible(app.page, 'main');
      await shot(app.page, `trash-restore-report-${lang}`);
    });
  });
}

test('Remove expired… and Empty trash… open an empty-trash plan preview; an entry links to its plan in Activity', async ({
  app,
}) => {
  app.handlers.trash = async () => ok(listing(Date.now()));
  await app.open();
  await goTo(app.page, 'trash');
  const intents: unknown[] = [];
  const preview = app.handlers.previewPlan;
  app.handlers.previewPlan = async (args) => {
    intents.push((args as { intent: unknown }).intent);
    return preview(args);
  };
  for (const name of ['Remove expired…', 'Empty trash…']) {
    await app.page.getByRole('button', { name }).click();
    const dialog = app.page.getByTestId('plan-dialog');
    await expect(dialog.getByRole('heading', { name: 'Empty the trash' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  }
  await app.page
    .locator('li[data-entry]')
    .first()
    .getByRole('button', { name: /^Remove / })
    .click();
  await app.page.getByTestId('plan-dialog').getByRole('button', { name: 'Cancel' }).click();
  expect(intents).toEqual([
    { type: 'empty-trash', expiredOnly: true },
    { type: 'empty-trash' },
    { type: 'empty-trash', entries: [`${PLAN_B}/s1`] },
  ]);

  await app.page.getByRole('link', { name: `plan ${PLAN_A.slice(0, 8)}` }).click();
  await expect(app.page).toHaveURL(/#\/activity$/);
});
