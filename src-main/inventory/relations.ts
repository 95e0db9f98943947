// Who uses what, computed from the image and container lists alone.
// The images list's `Containers` field is -1 before API 1.51, so usage always
// comes from containers' ImageID.

import { COMPOSE_PROJECT_LABEL, isGeneratedVolumeName } from '../../src-shared/volumes';
import { containerName } from '../../src-shared/display-names';
import type { ContainerRef, ContainerState, ContainerSummary, ImageSummary, MountInfo } from '../../src-shared/model';
import type { RawContainer, RawImage, RawMount } from './engine-answers';
import { normalizeImageId } from '../../src-shared/ids';
import { pullBackOf, type PullBackEngine } from './pull-back';

const UNTAGGED = '<none>:<none>';
const UNDIGESTED = '<none>@<none>';
const containerStates: readonly ContainerState[] = [
  'running',
  'paused',
  'restarting',
  'exited',
  'created',
  'dead',
  'removing',
];

export function toContainerState(raw: string): ContainerState {
  const lower = raw.toLowerCase();
  // Podman says "stopped" and "configured" where Docker says "exited" and "created".
  if (lower === 'stopped') return 'exited';
  if (lower === 'configured' || lower === 'initialized') return 'created';
  return (containerStates as readonly string[]).includes(lower) ? (lower as ContainerState) : 'dead';
}

function toMount(m: RawMount): MountInfo {
  const type = (m.Type ?? 'volume') as MountInfo['type'];
  const name = type === 'volume' ? (m.Name ?? '') : (m.Source ?? '');
  return {
    type,
    name,
    destination: m.Destination ?? '',
    anonymous: type === 'volume' && isGeneratedVolumeName(name),
  };
}

export function toContainerSummary(c: RawContainer): ContainerSummary {
  const labels = c.Labels ?? {};
  return {
    id: c.Id,
    names: (c.Names ?? []).map((n) => n.replace(/^\//, '')),
    imageId: normalizeImageId(c.ImageID),
    imageRef: c.Image,
    state: toContainerState(c.State),
    status: c.Status ?? c.State,
    created: c.Created,
    composeProject: labels[COMPOSE_PROJECT_LABEL] ?? null,
    labels,
    mounts: (c.Mounts ?? []).map(toMount),
    sizeRw: typeof c.SizeRw === 'number' ? c.SizeRw : null,
  };
}

export interface RelationOptions {
  /** Keep intermediate images (untagged parents of other images), like `docker images -a`. */
  includeIntermediate: boolean;
  /** The engine the lists come from: whether an image could be pulled back depends on its store. Null: unknown. */
  engine: PullBackEngine | null;
}

/**
 * Builds image summaries with their relations. `rawImages` must come from
 * `/images/json?all=1` so parent chains through intermediate images are known;
 * intermediates are then hidden unless asked for, and `children` names the
 * nearest visible descendants (what blocks a delete with "dependent child images").
 */
export function buildImageSummaries(
  rawImages: RawImage[],
  containers: ContainerSummary[],
  options: RelationOptions,
): ImageSummary[] {
  const byId = new Map<string, RawImage>();
  for (const raw of rawImages) byId.set(normalizeImageId(raw.Id), raw);

  const directChildren = new Map<string, string[]>();
  for (const [id, raw] of byId) {
    const parent = raw.ParentId ? normalizeImageId(raw.ParentId) : '';
    if (!parent || !byId.has(parent)) continue;
    const list = directChildren.get(parent) ?? [];
    list.push(id);
    directChildren.set(parent, list);
  }

  const tagsOf = (raw: RawImage) => (raw.RepoTags ?? []).filter((t) => t !== UNTAGGED);
  const isIntermediate = (id: string, raw: RawImage) =>
    tagsOf(raw).length === 0 && (directChildren.get(id)?.length ?? 0) > 0;

  const usersByImage = new Map<string, ContainerRef[]>();
  for (const c of containers) {
    const list = usersByImage.get(c.imageId) ?? [];
    list.push({ id: c.id, name: containerName(c), state: c.state });
    usersByImage.set(c.imageId, list);
  }

  const visibleDescendants = (id: string): string[] => {
    const out: string[] = [];
    const stack = [...(directChildren.get(id) ?? [])];
    const seen = new Set<string>();
    while (stack.length) {
      const child = stack.pop()!;
      if (seen.has(child)) continue;
      seen.add(child);
      const raw = byId.get(child)!;
      if (isIntermediate(child, raw)) stack.push(...(directChildren.get(child) ?? []));
      else out.push(child);
    }
    return out.sort();
  };

  /** Nearest visible ancestor, skipping intermediates, for the same reason. */
  const visibleParent = (raw: RawImage): string | null => {
    let parent = raw.ParentId ? normalizeImageId(raw.ParentId) : '';
    const seen = new Set<string>();
    while (parent && byId.has(parent) && !seen.has(parent)) {
      seen.add(parent);
      const p = byId.get(parent)!;
      if (options.includeIntermediate || !isIntermediate(parent, p)) return parent;
      parent = p.ParentId ? normalizeImageId(p.ParentId) : '';
    }
    return parent || null;
  };

  const summaries: ImageSummary[] = [];
  for (const [id, raw] of byId) {
    if (!options.includeIntermediate && isIntermediate(id, raw)) continue;
    const tags = tagsOf(raw);
    const users = usersByImage.get(id) ?? [];
    const digests = (raw.RepoDigests ?? []).filter((d) => d !== UNDIGESTED);
    summaries.push({
      id,
      tags,
      digests,
      pullBack: pullBackOf({ tags, digests }, options.engine),
      created: raw.Created,
      size: raw.Size,
      parent: visibleParent(raw),
      children: options.includeIntermediate ? [...(directChildren.get(id) ?? [])].sort() : visibleDescendants(id),
      // Docker's own test: untagged heads only (an untagged parent is an intermediate).
      dangling: tags.length === 0 && (directChildren.get(id)?.length ?? 0) === 0,
      unused: users.length === 0,
      labels: raw.Labels ?? {},
      containers: users,
    });
  }
  // Newest first, like `docker images`; IDs are lowercase hex, so code-unit order is theirs
  // (localeCompare would load ICU's collator: milliseconds of every CLI start).
  return summaries.sort((a, b) => b.created - a.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
