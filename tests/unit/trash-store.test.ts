// The trash's listing on a folder written by hand: entries newest first, expired
// by the age limit, its size on disk, and damaged records reported beside the
// rest, never fatal; a remove-trash-entry deletes exactly one archive and record.

import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { archiveOf, listTrash, removeTrashEntry, savedAtOf } from '../../src-main/trash/trash-store';
import { DEFAULT_TRASH_SETTINGS } from '../../src-shared/trash';

const A = '0b8c7f3e-2d1a-4c5b-9e6f-7a8b9c0d1e2f';
const B = '1c9d8e4f-3e2b-4d6c-8f7a-8b9c0d1e2f3a';
const DAY = 24 * 3600 * 1000;
const NOW = Date.UTC(2026, 11, 2);
let dir: string;

const record = (savedAt: number) => ({
  version: 2,
  savedAt,
  fileBytes: 10,
  engine: { host: 'unix:///x.sock', kind: 'docker', version: '26.1', store: 'containerd' },
  images: [{ id: `sha256:${'a'.repeat(64)}`, tags: ['app:1'], repoDigests: [], labels: {}, created: 1, size: 100 }],
  containers: [],
});

function put(plan: string, step: string, body: unknown): void {
  mkdirSync(join(dir, plan), { recursive: true });
  writeFileSync(join(dir, plan, `${step}.tar.gz`), '0123456789');
  writeFileSync(join(dir, plan, `${step}.tar.gz.json`), typeof body === 'string' ? body : JSON.stringify(body));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bn-trash-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('lists entries newest first, marks the expired, counts every byte, and reports damaged records apart', async () => {
  put(A, 's1', record(NOW - 40 * DAY));
  put(B, 's1', record(NOW - DAY));
  put(B, 's2', '{"version": 2, "savedAt": "yesterday"');
  put(B, 's3', { ...record(NOW), images: [{ id: 'not-an-id', tags: [] }] });
  const listing = await listTrash(dir, DEFAULT_TRASH_SETTINGS, NOW);
  expect(listing.entries.map((e) => [e.id, e.expired])).toEqual([
    [`${B}/s1`, false],
    [`${A}/s1`, true],
  ]);
  expect(listing.damaged.map((d) => d.id).sort()).toEqual([`${B}/s2`, `${B}/s3`]);
  expect(listing.damaged.find((d) => d.id === `${B}/s3`)!.reason).toBe('not a trash record');
  // Four archives of 10 bytes and their records.
  expect(listing.totalBytes).toBeGreaterThan(40);
  expect(listing.settings).toEqual(DEFAULT_TRASH_SETTINGS);
  // An age limit of 0 days means none.
  expect((await listTrash(dir, { ...DEFAULT_TRASH_SETTINGS, maxAgeDays: 0 }, NOW)).entries.some((e) => e.expired)).toBe(
    false,
  );
});

it('an empty or missing trash lists nothing', async () => {
  expect(await listTrash(join(dir, 'nope'), DEFAULT_TRASH_SETTINGS, NOW)).toEqual({
    entries: [],
    damaged: [],
    totalBytes: 0,
    settings: DEFAULT_TRASH_SETTINGS,
  });
});

it('removes exactly one entry, and knows when it is gone; entry names outside the pattern are refused', async () => {
  put(A, 's1', record(NOW));
  put(A, 's2', record(NOW - 1));
  expect(await savedAtOf(dir, `${A}/s1`)).toBe(NOW);
  expect(await removeTrashEntry(dir, `${A}/s1`)).toBe(true);
  expect(readdirSync(join(dir, A)).sort()).toEqual(['s2.tar.gz', 's2.tar.gz.json']);
  expect(await savedAtOf(dir, `${A}/s1`)).toBeNull();
  expect(await removeTrashEntry(dir, `${A}/s1`)).toBe(false);
  expect(() => archiveOf(dir, `../${A}/s1`)).toThrow(/not a trash entry/);
  expect(() => archiveOf(dir, `${A}/../../etc`)).toThrow(/not a trash entry/);
});
