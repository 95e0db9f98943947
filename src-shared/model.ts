// The data that crosses from main to the renderer (and out of the CLI as JSON).
// Plain serialisable objects only: structured clone carries them over IPC.

export type EngineKind = 'docker' | 'podman';
export type ImageStore = 'classic' | 'containerd';

/** Where an endpoint came from, in the docker CLI's order of precedence. */
export type EndpointSource =
  | 'flag-host'
  | 'flag-context'
  | 'env-docker-host'
  | 'env-docker-context'
  | 'config-current-context'
  | 'default'
  | 'discovered'
  | 'user';

export interface Endpoint {
  /** unix:///path, npipe:////./pipe/name, tcp://host:port, ssh://user@host */
  host: string;
  /** Human name: context name or the product that usually owns this socket. */
  label: string;
  source: EndpointSource;
  contextName?: string;
  tls?: { caPath?: string; certPath?: string; keyPath?: string; verify: boolean };
}

export interface EngineInfo {
  kind: EngineKind;
  /** Product version, e.g. "20.10.24" or "4.3.1". */
  version: string;
  /** Server's API version. */
  apiVersion: string;
  /** The API version we pinned for requests (min of ours and the server's). */
  pinnedApiVersion: string;
  imageStore: ImageStore;
  os: string;
  arch: string;
  name: string;
}

export type EngineHealth =
  | { state: 'connected'; endpoint: Endpoint; engine: EngineInfo }
  | { state: 'connecting'; endpoint: Endpoint }
  | {
      state: 'not-running' | 'socket-not-found' | 'permission-denied' | 'api-too-old' | 'unreachable';
      endpoint: Endpoint;
      message: string;
      /** When the next reconnect attempt happens (ms since epoch), if one is scheduled. */
      retryAt?: number;
    };

export type ContainerState = 'running' | 'paused' | 'restarting' | 'exited' | 'created' | 'dead' | 'removing';

export interface ContainerRef {
  id: string;
  name: string;
  state: ContainerState;
}

export interface ImageSummary {
  /** Full ID, "sha256:<64 hex>". */
  id: string;
  /** Repository:tag references, as the engine reports them. Empty when dangling. */
  tags: string[];
  /** Registry digests ("repo@sha256:…"); empty means the image cannot be pulled back. */
  digests: string[];
  /** Unix seconds. */
  created: number;
  /** Bytes, including layers shared with other images. */
  size: number;
  parent: string | null;
  children: string[];
  dangling: boolean;
  /** No container at all uses it, running or stopped: what `image prune -a` removes. */
  unused: boolean;
  labels: Record<string, string>;
  containers: ContainerRef[];
  /**
   * Bytes that removing this image alone frees (its layers no other image holds),
   * from layer chains; absent until the layer facts have been read.
   */
  uniqueSize?: number;
}

/** One image's layers, lowest first, for the detail panel: what each weighs and who else holds it. */
export interface ImageLayerView {
  imageId: string;
  layers: {
    chainId: string;
    /** Bytes this layer stores. */
    size: number;
    /** How many other images hold this very layer: it is freed only when they go too. */
    sharedWith: number;
  }[];
  /** False when the sizes are estimates (see reason). */
  exact: boolean;
  reason?: string;
}

export interface MountInfo {
  type: 'volume' | 'bind' | 'tmpfs' | 'npipe' | 'cluster' | 'image';
  /** Volume name (for volumes), source path (for binds). */
  name: string;
  destination: string;
  /** A volume whose name is a 64-hex ID: made by the engine for a VOLUME line, not by the user. */
  anonymous: boolean;
}

export interface ContainerSummary {
  id: string;
  names: string[];
  /** The container's image ID, even when that image has become dangling. */
  imageId: string;
  /** What the user asked for when creating it (tag, ID or digest). */
  imageRef: string;
  state: ContainerState;
  status: string;
  created: number;
  composeProject: string | null;
  labels: Record<string, string>;
  mounts: MountInfo[];
  /** Writable layer size in bytes, when the engine was asked for sizes. */
  sizeRw: number | null;
}

export interface DiskUsageEntry {
  total: number;
  reclaimable: number;
  count: number;
  active: number;
  /**
   * True when `reclaimable` was computed from layer chains (what removing every
   * unused item really frees), false when it is the engine's per-item estimate.
   */
  reclaimableExact?: boolean;
}

export interface DiskUsage {
  images: DiskUsageEntry;
  containers: DiskUsageEntry;
  volumes: DiskUsageEntry;
  buildCache: DiskUsageEntry;
  /** When the engine answered (ms since epoch). */
  fetchedAt: number;
  /** How long the engine took (ms). */
  tookMs: number;
}

export interface InventorySnapshot {
  images: ImageSummary[];
  containers: ContainerSummary[];
  /** Last disk usage figures; null until the first background fetch finishes. */
  diskUsage: DiskUsage | null;
  /** When the lists were read (ms since epoch). */
  takenAt: number;
}
