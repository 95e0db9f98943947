// An engine's whole state with the IDs taken out, so two worlds built the same
// way (builds give new IDs every time) can be compared: every image of
// `GET /images/json?all=1` (intermediates included) as its tags, own labels and
// the chain of parents down to the base; every container as name, state and
// its image's chain; named volumes by name, anonymous ones counted.

import type Dockerode from 'dockerode';
import { normalizeImageId, shortId } from '../../../src-shared/ids';
import type { Plan } from '../../../src-shared/plan';
import { shellSplit } from './docker-cli';

export interface WorldShape {
  /** One line per image, sorted; identical images (say two dangling builds) repeat. */
  images: string[];
  /** "name state → image chain", sorted. */
  containers: string[];
  /** Named volumes, then "<anonymous> × n". */
  volumes: string[];
}

export interface Observation {
  shape: WorldShape;
  /** Full image ID → its own name (tags, or <none> with its labels): how steps and commands are read. */
  imageNames: Map<string, string>;
  /** Full image ID → its line in `shape.images`. */
  imageChains: Map<string, string>;
  containerNames: Map<string, string>;
}

interface RawImage {
  Id: string;
  ParentId?: string;
  RepoTags?: string[] | null;
  Labels?: Record<string, string> | null;
}

interface RawContainer {
  Id: string;
  Names?: string[];
  State: string;
  ImageID: string;
}

const UNTAGGED = '<none>:<none>';

/**
 * `labelPrefix`: the labels that tell fixture images apart (the engines add
 * their own, e.g. Podman's io.buildah.version, which say nothing here).
 */
export async function observeShape(docker: Dockerode, labelPrefix = 'cmp.'): Promise<Observation> {
  const [images, containers, volumes] = await Promise.all([
    docker.listImages({ all: true }) as unknown as Promise<RawImage[]>,
    docker.listContainers({ all: true }) as unknown as Promise<RawContainer[]>,
    docker.listVolumes(),
  ]);
  const byId = new Map((images ?? []).map((i) => [normalizeImageId(i.Id), i]));
  const imageNames = new Map<string, string>();
  for (const [id, raw] of byId) {
    const tags = (raw.RepoTags ?? []).filter((t) => t !== UNTAGGED).sort();
    const labels = Object.entries(raw.Labels ?? {})
      .filter(([k]) => k.startsWith(labelPrefix))
      .map(([k, v]) => `${k}=${v}`)
      .sort();
    imageNames.set(id, `${tags.length ? tags.join(',') : '<none>'}${labels.length ? ` {${labels.join(' ')}}` : ''}`);
  }
  const imageChains = new Map<string, string>();
  const chain = (id: string, seen: Set<string> = new Set()): string => {
    const known = imageChains.get(id);
    if (known) return known;
    const raw = byId.get(id);
    if (!raw || seen.has(id)) return '<missing>';
    seen.add(id);
    const parent = raw.ParentId ? normalizeImageId(raw.ParentId) : '';
    const line = `${imageNames.get(id)}${parent ? ` ← ${chain(parent, seen)}` : ''}`;
    imageChains.set(id, line);
    return line;
  };
  for (const id of byId.keys()) chain(id);
  const containerNames = new Map<string, string>();
  const containerLines = (containers ?? []).map((c) => {
    const name = (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
    containerNames.set(c.Id, name);
    const image = normalizeImageId(c.ImageID);
    return `${name} ${c.State} → ${byId.has(image) ? chain(image) : '<missing>'}`;
  });
  const vols = (volumes.Volumes ?? []).map((v) => v.Name);
  const anonymous = vols.filter((v) => /^[0-9a-f]{64}$/.test(v)).length;
  return {
    shape: {
      images: [...imageChains.values()].sort(),
      containers: containerLines.sort(),
      volumes: [
        ...vols.filter((v) => !/^[0-9a-f]{64}$/.test(v)).sort(),
        ...(anonymous ? [`<anonymous> × ${anonymous}`] : []),
      ],
    },
    imageNames,
    imageChains,
    containerNames,
  };
}

/** Short and full image IDs in a text, replaced by `[name]` of the image they name. */
export function nameIds(text: string, seen: Observation): string {
  let out = text;
  for (const [id, name] of seen.imageNames) {
    const hex = id.replace(/^sha256:/, '');
    out = out.replaceAll(id, `[${name}]`).replaceAll(hex, `[${name}]`).replaceAll(shortId(id), `[${name}]`);
  }
  return out;
}

/** A plan's steps without IDs: action, force, and what the target is in the world it was planned on. */
export function stepShapes(plan: Plan, seen: Observation): string[] {
  return plan.steps.map((s) => {
    const target = seen.imageChains.get(s.target) ?? seen.containerNames.get(s.target) ?? s.target;
    return `${s.action}${s.force ? ' (force)' : ''} ${target}`;
  });
}

const VERBS = new Set(['docker', 'stop', 'rm', 'rmi', 'volume']);

/**
 * The plan's commands without IDs: the verb, then its words sorted (which of
 * several images comes first follows their IDs), image IDs shown as `[name]`.
 */
export function commandShapes(plan: Plan, seen: Observation): string[] {
  return plan.commands.map((line) => {
    const words = shellSplit(line);
    const head = words.findIndex((w) => !VERBS.has(w) && !w.startsWith('-'));
    const verb = head < 0 ? words : words.slice(0, head);
    const rest = head < 0 ? [] : words.slice(head).map((w) => nameIds(w, seen));
    return [...verb, ...rest.sort()].join(' ');
  });
}
