// `barnacle df`'s second part: the three levels of used, their sources and
// ages, and, where they disagree, how each product gives space back.

import { takenBytes, type CompactionGuide, type DiskLevels, type VmDiskFile } from '../../../src-shared/disk-levels';
import { formatBytes } from '../../../src-shared/format';
import { phrase } from '../../../src-shared/phrase';
import { intlLocaleOf, translate, type Locale } from '../../../src-shared/messages/translate';

function ageText(at: number, now: number, locale: Locale): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 1) return translate(locale, 'disk.age.now');
  if (seconds < 120) return translate(locale, 'disk.age.seconds', { count: seconds });
  return translate(locale, 'disk.age.minutes', { count: Math.floor(seconds / 60) });
}

const productName = (product: VmDiskFile['product']) => phrase(`disk.product.${product}`);

function guideLines(guide: CompactionGuide, locale: Locale): string[] {
  return [`    - ${translate(locale, guide.code)}`, ...guide.commands.map((c) => `        ${c}`)];
}

export function renderDiskLevels(levels: DiskLevels, now: number, locale: Locale = 'en'): string {
  const bytes = (n: number) => formatBytes(n, intlLocaleOf(locale));
  const t = (key: string, params?: Parameters<typeof translate>[2]) => translate(locale, key, params);
  const lines = ['', t('disk.levels.head')];

  lines.push(
    levels.reported
      ? `  ${t('disk.levels.reported', { size: bytes(levels.reported.bytes), age: ageText(levels.reported.at, now, locale) })}`
      : `  ${t('disk.levels.reportedUnknown')}`,
  );

  const s = levels.storage;
  if (s.state === 'measured') {
    const size = bytes(s.allocatedBytes);
    const age = ageText(s.measuredAt, now, locale);
    lines.push(
      `  ${
        s.via === 'helper-container'
          ? t('disk.levels.storageHelper', { size, root: s.root, image: s.helperImage ?? '', age, ms: s.tookMs })
          : s.partial
            ? t('disk.levels.storagePartial', { size, root: s.root, ms: s.tookMs })
            : t('disk.levels.storage', { size, root: s.root, age, ms: s.tookMs })
      }`,
    );
    if (s.unreadable > 0) lines.push(`    ${t('disk.levels.unreadable', { count: s.unreadable })}`);
    if (s.filesystemFreeBytes !== null && s.filesystemTotalBytes !== null)
      lines.push(
        `    ${t('disk.levels.filesystem', { free: bytes(s.filesystemFreeBytes), total: bytes(s.filesystemTotalBytes) })}`,
      );
    if (s.imagesOutsideRoot) lines.push(`    ${t('disk.levels.imagesOutsideRoot')}`);
  } else {
    const reason = phrase(`disk.reason.${s.reason}`, { image: s.helperImage ?? '', command: s.pullCommand ?? '' });
    lines.push(`  ${t('disk.levels.storageUnknown', { reason })}`);
  }

  if (levels.vm.files.length === 0) lines.push(`  ${t('disk.levels.vmNone')}`);
  else {
    lines.push(`  ${t('disk.levels.vmHead', { age: ageText(levels.vm.at, now, locale) })}`);
    for (const f of levels.vm.files) {
      const params = { product: productName(f.product), apparent: bytes(f.apparentBytes), path: f.path };
      const taken = takenBytes(f);
      const line =
        f.occupiedBytes !== null
          ? t('disk.levels.vmFile', { ...params, occupied: bytes(f.occupiedBytes) })
          : taken !== null
            ? t('disk.levels.vmFileVhdx', params)
            : t('disk.levels.vmFileUnknown', params);
      lines.push(`    ${line}`);
    }
  }

  for (const finding of levels.findings) {
    lines.push('');
    if (finding.code === 'storage-exceeds-reported') {
      lines.push(
        t('disk.finding.storage-exceeds-reported', {
          allocated: bytes(finding.allocatedBytes),
          reported: bytes(finding.reportedBytes),
        }),
      );
      continue;
    }
    lines.push(
      t('disk.finding.vm-file-keeps-freed-space', {
        product: productName(finding.product),
        occupied: bytes(finding.occupiedBytes),
        reported: bytes(finding.reportedBytes),
      }),
    );
    for (const guide of finding.guides) lines.push(...guideLines(guide, locale));
  }
  return `${lines.join('\n')}\n`;
}
