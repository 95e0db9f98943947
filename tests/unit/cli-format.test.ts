// The CLI's ages and tables, as `docker images` prints them. (Sizes are the
// app's formatBytes: tests/unit/format-bytes.test.ts.)

import { describe, expect, it } from 'vitest';
import { table } from '../../src-main/cli/format/table';
import { formatAge } from '../../src-main/cli/format/units';
import { renderContainers, renderImages } from '../../src-main/cli/format/inventory-text';
import { cliLocale } from '../../src-main/cli/locale';
import type { ImageSummary } from '../../src-shared/model';

describe('formatAge', () => {
  const now = 1_700_000_000_000;
  it('counts whole units back from now', () => {
    expect(formatAge(now / 1000, now)).toBe('just now');
    expect(formatAge(now / 1000 - 1, now)).toBe('1 second ago');
    expect(formatAge(now / 1000 - 150, now)).toBe('2 minutes ago');
    expect(formatAge(now / 1000 - 3 * 86400, now)).toBe('3 days ago');
    expect(formatAge(now / 1000 - 400 * 86400, now)).toBe('1 year ago');
  });
});

describe('table', () => {
  it('aligns columns two spaces apart without trailing blanks', () => {
    expect(
      table(
        ['A', 'LONGER'],
        [
          ['xyz', '1'],
          ['q', ''],
        ],
      ),
    ).toBe('A    LONGER\nxyz  1\nq\n');
  });
});

describe('the CLI in Chinese', () => {
  it('takes the locale from LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(cliLocale({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(cliLocale({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(cliLocale({ LC_ALL: '', LC_MESSAGES: 'zh_TW.UTF-8', LANG: 'C' })).toBe('zh');
    expect(cliLocale({})).toBe('en');
  });

  it('prints list headers, ages and sizes in Chinese', () => {
    const now = Date.UTC(2025, 0, 10);
    const image = {
      id: `sha256:${'a'.repeat(64)}`,
      tags: ['web:1'],
      created: now / 1000 - 3 * 86400,
      size: 1_500_000,
      containers: [],
      children: [],
      dangling: false,
      unused: true,
    } as unknown as ImageSummary;
    const text = renderImages([image], now, 'zh');
    expect(text).toMatch(/^镜像 +ID +创建于 +上次使用 +大小 +使用者 +标记 +子镜像\n/);
    expect(text).toContain('3天前');
    expect(text).toContain('未使用');
    // The last use says what it came from: an event, or the image's own date since watching began.
    const used = renderImages([{ ...image, lastUsed: { at: now - 2 * 86400_000, source: 'event' } }], now, 'zh');
    expect(used).toContain('2天前使用');
    const unseen = {
      ...image,
      lastUsed: { at: image.created * 1000, source: 'image-date', watchingSince: now },
    } as const;
    expect(renderImages([unseen], now, 'zh')).toContain('3天前创建，自2025年1月10日起未见使用');
    expect(renderImages([unseen], now, 'en')).toContain('created 3 days ago, no use seen since Jan 10, 2025');
    expect(renderContainers([], now, 'zh')).toBe('没有容器。\n');
  });

  it('lines up columns holding Chinese by terminal cells', () => {
    expect(table(['名称', 'X'], [['ab', '1']])).toBe('名称  X\nab    1\n');
  });
});
