// The data that crosses from main to the renderer (and out of the CLI as JSON).
// Plain serialisable objects only: structured clone carries them over IPC.

import type { LastUse } from './last-used';
import type { Phrase } from './phrase';

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

/**
 * An ssh:// engine whose host key Barnacle refused (src-main/engine/ssh): what
 * the host offered, what known_hosts says, and the commands that check and
 * trust the key from a terminal. A changed or revoked key is never trusted here.
 */
export interface HostKeyProblem {
  verdict: 'unknown' | 'changed' | 'revoked';
  /** Where Barnacle connected, after ~/.ssh/config (HostName, Port, User). */
  host: string;
  port: number;
  user: string;
  /** The name looked up in known_hosts: "host", "[host]:port" or the HostKeyAlias. */
  knownHostsName: string;
  /** What the host offered: "ssh-ed25519" and "SHA256:…", as ssh prints them. */
  keyType: string;
  fingerprint: string;
  /** Changed or revoked: the known_hosts line holding the other (or the revoked) key. */
  knownHostsLine?: { file: string; line: number };
  /** What to do in a terminal, first choice first: each way out with its commands. */
  fixes: HostKeyFix[];
}

export interface HostKeyFix {
  /** trust: `ssh` once and answer yes; scan: append ssh-keyscan's line; forget: drop the old key first; check: compare on the host. */
  value: 'trust' | 'scan' | 'forget' | 'check';
  commands: string[];
}

export type EngineHealth =
  | {
      state: 'connected';
      endpoint: Endpoint;
      engine: EngineInfo;
      /** Set while the engine refuses its event stream: the lists are then read on a slow timer. */
      liveUpdates?: 'polling';
    }
  | { state: 'connecting'; endpoint: Endpoint }
  | {
      state: 'not-running' | 'socket-not-found' | 'permission-denied' | 'api-too-old' | 'unreachable';
      endpoint: Endpoint;
      /** In English (logs, --json); `says`, when main has one, is what people read, in their language. */
      message: string;
      says?: Phrase;
      /** When the next reconnect attempt happens (ms since epoch), if one is scheduled. */
      retryAt?: number;
    }
  | {
      state: 'host-key-unknown' | 'host-key-changed' | 'host-key-revoked';
      endpoint: Endpoint;
      /** In English (logs, --json); people read `says`, in their language. */
      message: string;
      says?: Phrase;
      hostKey: HostKeyProblem;
      retryAt?: number;
    };

export type ContainerState = 'running' | 'paused' | 'restarting' | 'exited' | 'created' | 'dead' | 'removing';

export interface ContainerRef {
  id: string;
  name: string;
  state: ContainerState;
}

/**
 * Could an image be pulled back from a registry after it is removed? Decided from
 * what the engine records about where the image came from, never from the mere
 * presence of a repo digest (see src-main/inventory/pull-back.ts):
 * - registry: the engine recorded a pull or a push;
 * - local: made on this engine (built, loaded, imported, committed), by the store's own record;
 * - unknown: the engine records no source, so nobody can tell; treat as a warning.
 */
export type PullBack =
  | {
      state: 'registry';
      /** Docker's classic store: a repo digest, which only a pull or a push records. */
      evidence: 'repo-digest';
    }
  | {
      state: 'local';
      /**
       * no-repo-digest: Docker's classic store lists none, so no pull or push ever happened here.
       * localhost-name: Podman names it only under localhost/, where it puts what it built or loaded.
       */
      evidence: 'no-repo-digest' | 'localhost-name';
    }
  | {
      state: 'unknown';
      /**
       * containerd-store-no-source: Docker's containerd image store gives every tagged image a
       * repo digest, built, loaded or pulled, and shows no source through its API.
       * podman-no-source: Podman records a digest for every named image, built, loaded or
       * pulled, and no source registry.
       * engine-unknown: the list was read without knowing the engine.
       */
      evidence: 'containerd-store-no-source' | 'podman-no-source' | 'engine-unknown';
    };
export type PullBackState = PullBack['state'];
export type PullBackEvidence = PullBack['evidence'];

export interface ImageSummary {
  /** Full ID, "sha256:<64 hex>". */
  id: string;
  /** Repository:tag references, as the engine reports them. Empty when dangling. */
  tags: string[];
  /**
   * Repo digests ("repo@sha256:…") as the engine lists them. Not proof of a registry:
   * Docker's containerd store and Podman record one for built and loaded images too.
   * Whether the image could be pulled back is `pullBack`.
   */
  digests: string[];
  /** Whether the image could be pulled back from a registry once removed, and what says so. */
  pullBack: PullBack;
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
   * Podman: names of the containers its builds left on this image (BuildContainer). The
   * engine refuses to remove the image while they exist; `unused` does not count them,
   * as the compat list (what `image prune -a` reads) does not show them.
   */
  buildContainers?: string[];
  /**
   * Bytes that removing this image alone frees (its layers no other image holds),
   * from layer chains; absent until the layer facts have been read.
   */
  uniqueSize?: number;
  /**
   * When it was last used and what says so (src-shared/last-used.ts); absent where
   * nothing keeps a record (a snapshot read without the data folder).
   */
  lastUsed?: LastUse;
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
  reason?: Phrase;
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

/** A container that mounts a volume: what holds the volume back from any plan. */
export interface VolumeUser {
  id: string;
  name: string;
  state: ContainerState;
}

/** How Barnacle knows a volume is anonymous (src-shared/volumes.ts). */
export type AnonymousBy = 'engine-label' | 'engine-field' | 'generated-name' | 'named';

export interface VolumeSummary {
  name: string;
  driver: string;
  /** Made by the engine for a VOLUME line or `-v /path`, not by a person: what prune takes by default. */
  anonymous: boolean;
  /** What said so: Docker 23+'s label, Podman's own field, or (engines that keep no mark) a 64-hex name. */
  anonymousBy: AnonymousBy;
  /** RFC 3339, as the engine said; null when it gave none. */
  createdAt: string | null;
  labels: Record<string, string>;
  composeProject: string | null;
  /** Bytes on disk from the engine's disk usage; null when not measured (or the engine says -1). */
  size: number | null;
  /** Containers of any state that mount it. */
  users: VolumeUser[];
}

export interface VolumeList {
  volumes: VolumeSummary[];
  /** When the list was read (ms since epoch). */
  takenAt: number;
  /** When sizes were measured (ms since epoch); null when the engine was not asked or failed. */
  sizesAt: number | null;
}

/** One BuildKit cache record, as the engine's disk usage lists it. */
export interface BuildCacheRecord {
  id: string;
  parents: string[];
  /** regular, source.local, exec.cachemount, frontend, internal, … */
  type: string;
  description: string;
  /** A build is using it now: no prune takes it. */
  inUse: boolean;
  /** Its data is also held by something else (an image's layer): removing it frees nothing. */
  shared: boolean;
  size: number;
  createdAt: string | null;
  /** null when never used after its creation. */
  lastUsedAt: string | null;
  usageCount: number;
}

/**
 * A container a Podman build left behind (buildah's "working container"): a
 * failed build with --rm=false, or one killed mid-way. Only Podman's own list
 * with `external=true` shows it (`podman ps --external`); it holds its image
 * (the engine refuses to remove that image) and its writable layer, whose size
 * Podman does not report.
 */
export interface BuildContainer {
  id: string;
  name: string;
  /** The image the build was on when it stopped, as the engine names it. */
  image: string;
  imageId: string;
  createdAt: string;
}

export interface BuildCacheList {
  /** False where the engine keeps no build cache records it lists (Podman). */
  supported: boolean;
  records: BuildCacheRecord[];
  /** Podman: containers its builds left (none on Docker, whose builds keep records instead). */
  buildContainers: BuildContainer[];
  takenAt: number;
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
