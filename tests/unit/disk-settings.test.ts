// The disk settings: off and busybox:latest by default, read field by field
// (a damaged field falls back alone), the image held to the image-reference
// grammar both when read from the file and when the renderer sends it.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_DISK_SETTINGS, diskSettingsOf } from '../../src-shared/disk-settings';
import { DiskSettingsStore, readDiskSettings } from '../../src-main/disk/disk-settings-store';
import { schemas } from '../../src-main/ipc/schemas';

const dir = mkdtempSync(join(tmpdir(), 'barnacle-disk-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('disk settings', () => {
  it('default: no helper container, busybox:latest', () => {
    expect(DEFAULT_DISK_SETTINGS).toEqual({ measureWithHelper: false, helperImage: 'busybox:latest' });
    expect(readDiskSettings(join(dir, 'absent.json'))).toEqual(DEFAULT_DISK_SETTINGS);
  });

  it('each field on its own: a bad one is its default, the other kept', () => {
    expect(diskSettingsOf({ measureWithHelper: true, helperImage: 'not an image; rm -rf /' })).toEqual({
      measureWithHelper: true,
      helperImage: 'busybox:latest',
    });
    expect(
      diskSettingsOf({ measureWithHelper: 'yes', helperImage: 'registry.example:5000/tools/busybox:1.36' }),
    ).toEqual({ measureWithHelper: false, helperImage: 'registry.example:5000/tools/busybox:1.36' });
    expect(diskSettingsOf(null)).toEqual(DEFAULT_DISK_SETTINGS);
    expect(diskSettingsOf(['x'])).toEqual(DEFAULT_DISK_SETTINGS);
    const damaged = join(dir, 'damaged.json');
    writeFileSync(damaged, '{ not json');
    expect(readDiskSettings(damaged)).toEqual(DEFAULT_DISK_SETTINGS);
  });

  it('the store saves what it is given and reads it back', () => {
    const file = join(dir, 'sub', 'disk-settings.json');
    const store = new DiskSettingsStore(file);
    expect(store.update({ measureWithHelper: true })).toEqual({
      measureWithHelper: true,
      helperImage: 'busybox:latest',
    });
    expect(store.update({ helperImage: 'alpine:3.20' })).toEqual({
      measureWithHelper: true,
      helperImage: 'alpine:3.20',
    });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ measureWithHelper: true, helperImage: 'alpine:3.20' });
    expect(new DiskSettingsStore(file).get()).toEqual({ measureWithHelper: true, helperImage: 'alpine:3.20' });
  });

  it('over IPC the image must be an image reference, and nothing else may come along', () => {
    const set = schemas.setDiskSettings;
    expect(set.safeParse({ measureWithHelper: true }).success).toBe(true);
    expect(set.safeParse({ helperImage: 'busybox:1.36' }).success).toBe(true);
    expect(set.safeParse({ helperImage: 'busybox; rm -rf /' }).success).toBe(false);
    expect(set.safeParse({ helperImage: '' }).success).toBe(false);
    expect(set.safeParse({ helperImage: 'x'.repeat(600) }).success).toBe(false);
    expect(set.safeParse({ measureWithHelper: 'true' }).success).toBe(false);
    expect(set.safeParse({ measureWithHelper: true, binds: ['/:/host'] }).success).toBe(false);
  });
});
