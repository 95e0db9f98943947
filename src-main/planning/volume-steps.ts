// Volume removals: picked by name, or the anonymous volumes nobody mounts. A
// volume any container mounts (running or stopped) is never in a plan: it is
// listed as skipped, naming who holds it. Each step is pinned to the volume's
// creation time, so a volume removed and made again under the same name since
// the preview is not removed (execution/expectations.ts).

import { phrase } from '../../src-shared/phrase';
import type { VolumeSummary } from '../../src-shared/model';
import type { CleanupIntent, RiskFlag, StepReason } from '../../src-shared/plan';
import { prunableVolume } from '../../src-shared/volumes';
import { Phase, type PlanDraft } from './plan-draft';

type VolumeIntent = Extract<CleanupIntent, { type: 'remove-volumes' } | { type: 'prune-volumes' }>;

export interface VolumeBytes {
  bytes: number;
  /** Volumes in the plan whose size the engine did not give. */
  unknown: string[];
}

export function emitVolumeSteps(
  intent: VolumeIntent,
  volumes: readonly VolumeSummary[],
  draft: PlanDraft,
): VolumeBytes {
  const byName = new Map(volumes.map((v) => [v.name, v]));
  const chosen: { volume: VolumeSummary; reason: StepReason }[] = [];
  if (intent.type === 'prune-volumes') {
    for (const v of volumes) if (prunableVolume(v)) chosen.push({ volume: v, reason: 'unused-volume' });
  } else {
    for (const name of new Set(intent.names)) {
      const v = byName.get(name);
      if (!v) {
        draft.skip({
          target: name,
          label: name,
          conflict: 'not-found',
          reason: phrase('skip.noVolume', { volume: name }),
        });
        continue;
      }
      if (v.users.length > 0) {
        draft.skip({
          target: name,
          label: name,
          conflict: 'in-use',
          reason: phrase('skip.volumeInUse', {
            volume: name,
            containers: v.users.map((u) => `"${u.name}"`),
            count: v.users.length,
          }),
        });
        continue;
      }
      chosen.push({ volume: v, reason: 'selected' });
    }
  }
  const out: VolumeBytes = { bytes: 0, unknown: [] };
  for (const { volume, reason } of chosen) {
    // A named volume holds data somebody put there on purpose: the preview marks it.
    const risks: RiskFlag[] = volume.anonymous ? [] : [{ kind: 'removes-volume', volume: volume.name }];
    draft.add(Phase.Volume, {
      action: 'remove-volume',
      target: volume.name,
      label: volume.name,
      reason,
      risks,
      bytes: volume.size ?? 0,
      expect: volume.createdAt ? { volumeCreatedAt: volume.createdAt } : {},
    });
    if (volume.size === null) out.unknown.push(volume.name);
    else out.bytes += volume.size;
  }
  return out;
}
