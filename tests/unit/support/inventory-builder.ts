// Hand-built inventories for planner and executor-logic tests, made through the
// real relations code (the same raw answers the engine gives), so children,
// dangling and in-use are computed exactly as in the app.

import { createHash } from 'node:crypto';
import type { EngineInfo, ImageSummary, ContainerSummary } from '../../../src-shared/model';
import type { CleanupIntent } from '../../../src-shared/plan';
import type { ImageLayers } from '../../../src-main/inventory/layer-facts';
import type { PullBackEngine } from '../../../src-main/inventory/pull-back';
import { buildImageSummaries, toContainerSummary } from '../../../src-main/inventory/relations';
import type { PlanningInput } from '../../../src-main/planning/planner';

/** A stable full image ID for a name: "sha256:<64 hex>". */
export const imageId = (name: string) => `sha256:${createHash('sha256').update(`image:${name}`).digest('hex')}`;
export const containerId = (name: string) => createHash('sha256').update(`container:${name}`).digest('hex');
export const short = (name: string) => imageId(name).slice(7, 19);

export interface ImageSpec {
  name: string;
  tags?: string[];
  parent?: string;
  /** Unix seconds. */
  created?: number;
  labels?: Record<string, string>;
  /** Own layers on top of the parent's: [chain name, bytes]. */
  layers?: [string, number][];
  digests?: string[];
}

export interface ContainerSpec {
  name: string;
  image: string;
  state?: 'running' | 'exited' | 'paused' | 'created';
  sizeRw?: number | null;
  volumes?: string[];
  compose?: string;
}

export interface Inventory {
  images: ImageSummary[];
  containers: ContainerSummary[];
  layers: Map<string, ImageLayers>;
}

export const NOW_MS = Date.UTC(2025, 5, 1, 12, 0, 0);
const DAY = 24 * 3600;

/** `engine`: whose store decides each image's pull-back (Docker's classic store unless given). */
export function inventory(
  imageSpecs: ImageSpec[],
  containerSpecs: ContainerSpec[] = [],
  engine: PullBackEngine | null = dockerClassic,
): Inventory {
  const specs = new Map(imageSpecs.map((s) => [s.name, s]));
  const chainOf = (name: string): [string, number][] => {
    const spec = specs.get(name)!;
    return [...(spec.parent ? chainOf(spec.parent) : []), ...(spec.layers ?? [[`L-${name}`, 1000]])];
  };
  const containers = containerSpecs.map((c) =>
    toContainerSummary({
      Id: containerId(c.name),
      Names: [`/${c.name}`],
      Image: c.image,
      ImageID: imageId(c.image),
      State: c.state ?? 'exited',
      Created: NOW_MS / 1000 - DAY,
      Labels: c.compose ? { 'com.docker.compose.project': c.compose } : {},
      Mounts: (c.volumes ?? []).map((v) => ({ Type: 'volume', Name: v, Destination: `/data/${v.slice(0, 4)}` })),
      ...(c.sizeRw === null ? {} : { SizeRw: c.sizeRw ?? 0 }),
    }),
  );
  const images = buildImageSummaries(
    imageSpecs.map((s) => ({
      Id: imageId(s.name),
      ParentId: s.parent ? imageId(s.parent) : '',
      RepoTags: s.tags?.length ? s.tags : ['<none>:<none>'],
      RepoDigests: s.digests ?? [],
      Created: s.created ?? NOW_MS / 1000 - 10 * DAY,
      Size: chainOf(s.name).reduce((sum, [, b]) => sum + b, 0),
      Labels: s.labels ?? {},
    })),
    containers,
    { includeIntermediate: false, engine },
  );
  const layers = new Map<string, ImageLayers>(
    imageSpecs.map((s) => {
      const chain = chainOf(s.name);
      return [
        imageId(s.name),
        {
          imageId: imageId(s.name),
          chainIds: chain.map(([c]) => c),
          layerSizes: chain.map(([, b]) => b),
          exact: true,
          sizeSource: 'history' as const,
        },
      ];
    }),
  );
  return { images, containers, layers };
}

export const dockerClassic: EngineInfo = {
  kind: 'docker',
  version: '20.10.24',
  apiVersion: '1.41',
  pinnedApiVersion: '1.41',
  imageStore: 'classic',
  os: 'linux',
  arch: 'amd64',
  name: 'test',
};
export const dockerContainerd: EngineInfo = {
  ...dockerClassic,
  version: '29.0.0',
  apiVersion: '1.52',
  imageStore: 'containerd',
};
export const podman: EngineInfo = { ...dockerClassic, kind: 'podman', version: '4.3.1', apiVersion: '1.41' };

export function planningInput(
  inv: Inventory,
  intent: CleanupIntent,
  engine: EngineInfo = dockerClassic,
): PlanningInput {
  return { intent, ...inv, engine, host: 'unix:///test/docker.sock', now: NOW_MS };
}

/** Planning input with no images or containers: for plans of volumes or build cache, which read neither. */
export function bareInput(intent: CleanupIntent, extra: Partial<PlanningInput> = {}): PlanningInput {
  return {
    intent,
    images: [],
    containers: [],
    layers: new Map(),
    engine: dockerClassic,
    host: 'unix:///test/docker.sock',
    now: NOW_MS,
    ...extra,
  };
}
