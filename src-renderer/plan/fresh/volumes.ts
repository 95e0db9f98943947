// Named volumes Barnacle can offer to remove with "start fresh". There is no
// channel listing volumes, so this is what containers mount: a volume no
// container mounts is not listed (and stays).

import { containerName } from '../../../src-shared/display-names';
import type { ContainerSummary } from '../../../src-shared/model';

export interface VolumeUse {
  name: string;
  containers: string[];
}

export function mountedNamedVolumes(containers: ContainerSummary[]): VolumeUse[] {
  const byName = new Map<string, string[]>();
  for (const c of containers) {
    for (const m of c.mounts) {
      if (m.type !== 'volume' || m.anonymous) continue;
      const users = byName.get(m.name) ?? [];
      users.push(containerName(c));
      byName.set(m.name, users);
    }
  }
  return [...byName.entries()]
    .map(([name, users]) => ({ name, containers: users }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
