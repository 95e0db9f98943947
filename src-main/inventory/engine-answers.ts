// The parts of the engine's list answers we read. Docker and Podman's compat API
// answer the same shapes, with small differences noted where they matter.

export interface RawImage {
  Id: string;
  ParentId?: string;
  /** Null or ["<none>:<none>"] when untagged (Docker); Podman may answer []. */
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created: number;
  Size: number;
  /**
   * Bytes of this image's layers that other listed images hold too; only with
   * `shared-size=1` on Docker's API 1.42+ (-1 or absent otherwise).
   */
  SharedSize?: number;
  /** -1 before API 1.51 and never trustworthy: relations come from the container list. */
  Containers?: number;
  Labels?: Record<string, string> | null;
}

export interface RawMount {
  Type?: string;
  Name?: string;
  Source?: string;
  Destination?: string;
}

export interface RawContainer {
  Id: string;
  Names?: string[] | null;
  Image: string;
  ImageID: string;
  State: string;
  Status?: string;
  Created: number;
  Labels?: Record<string, string> | null;
  Mounts?: RawMount[] | null;
  SizeRw?: number;
}
