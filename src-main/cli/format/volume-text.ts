// The table for `barnacle volumes`, for people, in the terminal's locale. Scripts use --json.

import { formatBytes } from '../../../src-shared/format';
import type { VolumeList } from '../../../src-shared/model';
import { shortId } from '../../../src-shared/ids';
import { isGeneratedVolumeName } from '../../../src-shared/volumes';
import { intlLocaleOf, translate, type Locale } from '../../../src-shared/messages/translate';
import { table } from './table';

export function renderVolumes(list: VolumeList, locale: Locale = 'en'): string {
  if (list.volumes.length === 0) return `${translate(locale, 'cli.noVolumes')}\n`;
  const t = (key: string) => translate(locale, key);
  const rows = list.volumes.map((v) => [
    // A generated name reads better short; --json has it whole.
    isGeneratedVolumeName(v.name) ? shortId(v.name) : v.name,
    t(v.anonymous ? 'cli.volume.anonymous' : 'cli.volume.named'),
    v.size === null ? '-' : formatBytes(v.size, intlLocaleOf(locale)),
    v.users.length ? v.users.map((u) => `${u.name} (${u.state})`).join(', ') : '-',
    v.composeProject ?? '',
  ]);
  const headers = ['name', 'kind', 'size', 'mountedBy', 'project'].map((n) => translate(locale, `cli.column.${n}`));
  return table(headers, rows);
}
