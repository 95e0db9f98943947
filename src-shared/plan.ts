// Cleanup plans: what the user asked for (intent), what Barnacle will do
// (steps), the conflicts it found and the fix chosen for each, and the bytes
// it frees. A plan is shown, confirmed by id + digest, and executed exactly.

import type { ConflictKind } from './errors';
import type { ContainerRef, EngineKind, ImageStore, PullBack } from './model';
import type { Phrase } from './phrase';
import type { TrashedImage } from './trash';
import type { KeepNewest, StorageThreshold, ThresholdReading } from './policy';

export type RunningFix = 'keep-image' | 'stop-and-remove-containers';
export type StoppedFix = 'keep-image' | 'remove-containers' | 'untag-only' | 'force-delete';
export type ReferencesFix = 'selected-tag' | 'all-tags' | 'keep-image';
export type ChildrenFix = 'skip' | 'remove-children';
export type FixChoice = RunningFix | StoppedFix | ReferencesFix | ChildrenFix;

/** What to do about each kind of conflict; per-image choices override the defaults. */
export interface FixChoices {
  runningContainer?: RunningFix;
  stoppedContainer?: StoppedFix;
  multipleReferences?: ReferencesFix;
  dependentChildren?: ChildrenFix;
  perImage?: Record<string, Omit<FixChoices, 'perImage'>>;
}

/**
 * Which images a plan keeps a copy of in Barnacle's trash before removing them
 * (src-main/trash): every one (true), none (false), or those that cannot be pulled
 * back ('not-pullable', the Settings default). `trashPerImage` (image ID → keep or
 * not) overrides it for single images. Stopped containers the plan removes go
 * with their image's copy.
 */
export type TrashChoice = boolean | 'not-pullable';

export type CleanupIntent =
  | {
      type: 'remove-images';
      refs: string[];
      choices?: FixChoices;
      trash?: TrashChoice;
      trashPerImage?: Record<string, boolean>;
    }
  | {
      type: 'prune-images';
      /** false: dangling only; true: every unused image. */
      all: boolean;
      /** Older than: a Go duration ("24h") or a timestamp, read on `untilClock`. */
      until?: string;
      /**
       * Which clock "older than" reads. 'engine' (the default): the one the engine's own
       * `docker image prune --filter until` reads, so the two agree. 'build': the image's
       * build date (CREATED in `docker images`). They differ on Docker's containerd image
       * store only, whose prune reads when the image arrived on this engine.
       */
      untilClock?: UntilClock;
      labels?: string[];
      notLabels?: string[];
      /** Name patterns (glob, e.g. "postgres:*") to keep. */
      keep?: string[];
      /** Also remove stopped containers first (so their images become unused). */
      withStoppedContainers?: boolean;
      /** Keep copies in Barnacle's trash first: see TrashChoice. */
      trash?: TrashChoice;
      trashPerImage?: Record<string, boolean>;
      /** Only images not used for longer than this Go duration, by last use (src-shared/last-used.ts). */
      unusedFor?: string;
      /** Keep the newest N tags of each repository. */
      keepNewest?: KeepNewest;
      /** Only while storage is past a threshold, least recently used first, until back at the target. */
      threshold?: StorageThreshold;
      /** The policy this plan was made for (src-shared/policy.ts): named in the preview and the history. */
      policy?: string;
      /** Made by the policy's schedule, not by a person: Activity marks it. */
      automatic?: boolean;
    }
  | {
      type: 'remove-stopped-containers';
      ancestor?: string;
      /** Only these containers (IDs or names); running ones among them are reported, not stopped. */
      ids?: string[];
    }
  | { type: 'start-fresh'; volumes?: string[] }
  /** Volumes picked by name; one a container mounts is never removed (it is listed as skipped). */
  | { type: 'remove-volumes'; names: string[] }
  /** Anonymous volumes no container mounts (src-shared/volumes.ts); named ones only by remove-volumes. */
  | { type: 'prune-volumes' }
  /**
   * Build cache records no build uses and no image shares (removing a shared one frees
   * nothing): all of them, or those last used before `until`, or the least recently used
   * until the cache fits in `keepStorage` bytes, as `docker builder prune` reads them, and/or
   * until the engine's disk has `minFreeSpace` bytes free (the engine's own min-free-space
   * rule, API 1.48+, applied by Barnacle on any engine whose disk it can see).
   */
  | { type: 'prune-build-cache'; until?: string; keepStorage?: number; minFreeSpace?: number }
  /** Barnacle's own trash: these entries ("<plan id>/<step id>"), or those past the age limit, or all. */
  | { type: 'empty-trash'; entries?: string[]; expiredOnly?: boolean };

export type UntilClock = 'engine' | 'build';

/** What an `until` cut-off was compared with: the image's build date, or when it arrived on the engine. */
export type UntilBasis = 'build-date' | 'arrival';

/** An untagged parent image (a classic-builder step) that the engine deletes together with a step's image. */
export interface CascadedParent {
  id: string;
  /** Bytes of its layers freed with it (already counted in the step's bytes). */
  bytes: number;
}

/** Every step a plan can hold: what saved plan files and history lines are checked against. */
export const STEP_ACTIONS = [
  'stop-container',
  'remove-container',
  'remove-volume',
  'remove-build-cache',
  'remove-build-container',
  'untag',
  'remove-image',
  'remove-child-image',
  'keep-copy',
  'remove-trash-entry',
] as const;

export type StepAction = (typeof STEP_ACTIONS)[number];

/**
 * Why the planner made a step, as a code for --json and saved plans: never
 * words. What a person reads is stepReasonPhrase's (src-shared/step-reason.ts),
 * from the catalogue, in their language.
 */
export const STEP_REASONS = [
  'selected',
  'selected-tag',
  'untag-only',
  'other-tag',
  'child',
  'uses-removed-image',
  'stopped-container',
  'prune-container',
  'start-fresh',
  'volume',
  'unused-volume',
  'unused-cache',
  'leftover-build-container',
  'unused',
  'dangling',
  'trash-copy',
  'trash-expired',
  'trash-over-cap',
  'trash-emptied',
] as const;
export type StepReason = (typeof STEP_REASONS)[number];

export type RiskFlag =
  | { kind: 'running-container' }
  | { kind: 'anonymous-volumes'; volumes: string[] }
  | { kind: 'writable-layer'; bytes: number }
  /**
   * The image may be gone for good once removed: certainly not from a registry
   * (state local: "cannot be pulled back"), or the engine records no source
   * (state unknown: "may not be pullable"). Both are warnings.
   */
  | ({ kind: 'not-pullable' } & Exclude<PullBack, { state: 'registry' }>)
  | { kind: 'compose-project'; project: string }
  | { kind: 'leaves-containers-without-image'; containers: string[] }
  | { kind: 'removes-volume'; volume: string };

/** What must still be true when the step runs; otherwise it stops as a new conflict. */
export interface StepExpectation {
  /** remove-image: the tags the image had at planning time. */
  tags?: string[];
  /** untag: the image the tag pointed to. */
  imageId?: string;
  /** remove-image: containers allowed to exist at execution (those removed by earlier steps are gone by then). */
  containerIds?: string[];
  /**
   * remove-volume: when the volume was created, as the engine said at planning. A
   * volume removed and made again under the same name since holds data nobody saw.
   */
  volumeCreatedAt?: string;
  /** remove-build-container: when the container was made (an ID names one container for its life; this pins it). */
  createdAt?: string;
}

export interface PlanStep {
  id: string;
  action: StepAction;
  /** Container ID, image ID, or the reference to untag. */
  target: string;
  /** What a person calls it: container name, repo:tag, short ID. */
  label: string;
  reason: StepReason;
  /** The conflict this step resolves, when it exists because of one. */
  resolves?: ConflictKind;
  /** The fix the user chose that made this step. */
  choice?: FixChoice;
  risks: RiskFlag[];
  /** Steps that must finish first. */
  after: string[];
  /** Bytes this step frees by itself (image layers attributed to the step that frees them). */
  bytes: number;
  /** Docker force-delete (only ever from the user's explicit 'force-delete' choice). */
  force?: boolean;
  /** keep-copy: what goes into one trash archive, saved and checked before any other step starts. */
  copy?: TrashCopy;
  /** Named volumes removed with a container (start fresh, asked by name). */
  volumes?: string[];
  /**
   * remove-image: untagged parent images the engine deletes with this one (each
   * store by its own rule), so the plan names everything that goes.
   */
  alsoRemoves?: CascadedParent[];
  expect: StepExpectation;
}

/**
 * A keep-copy step's archive: images that share layers go into one (stored once),
 * with the stopped containers the plan removes that were made from them.
 */
export interface TrashCopy {
  /** The archive (<data dir>/trash/<plan id>/<step id>.tar.gz). */
  file: string;
  /** Each image with every tag it had when planned (its untag steps run after the copy), its digests, labels, dates. */
  images: TrashedImage[];
  /** Each container's settings are kept, and its changes committed to `commitAs`, which is saved and untagged again. */
  containers: { id: string; name: string; commitAs: string }[];
  /** What the archive may take, at most: the images' layers, uncompressed (the real size is known after). */
  estimateBytes: number;
}

export interface FixOption {
  choice: FixChoice;
  /** Catalogue phrases (src-shared/messages): main sends facts, never words. */
  label: Phrase;
  consequence: Phrase;
  /** Equivalent docker commands for this option. */
  commands: string[];
}

/**
 * The conflicts a plan predicts and offers fixes for. The renderer's guided
 * flows take these five when an engine answers them live too.
 */
export const predictedConflicts = [
  'running-container',
  'stopped-container',
  'multiple-references',
  'reference-in-use',
  'dependent-children',
] as const satisfies readonly ConflictKind[];
export type PredictedConflict = (typeof predictedConflicts)[number];

export interface ConflictDecision {
  id: string;
  imageId: string;
  imageLabel: string;
  conflict: PredictedConflict;
  /** What would happen without a fix, and why, as a catalogue phrase. */
  explanation: Phrase;
  /** The message the engine would answer, as docker prints it. */
  engineMessage: string;
  containers: ContainerRef[];
  references: string[];
  children: { id: string; label: string; bytes: number }[];
  options: FixOption[];
  chosen: FixChoice;
}

export interface SkippedItem {
  target: string;
  label: string;
  conflict:
    ConflictKind | 'kept-by-choice' | 'kept-by-pattern' | 'kept-by-rule' | 'in-use' | 'shared' | 'build-container';
  /** Why, as a catalogue phrase. */
  reason: Phrase;
}

export interface Plan {
  id: string;
  /** sha256 over everything the execution depends on; confirming needs id and digest. */
  digest: string;
  createdAt: number;
  engine: { host: string; kind: EngineKind; version: string; store?: ImageStore };
  intent: CleanupIntent;
  /** Prune with `until`: what the cut-off was compared with on this engine. */
  untilBasis?: UntilBasis;
  /** Prune with a storage threshold: the measure when planned, and where the plan leaves it. */
  threshold?: ThresholdReading;
  /** Build cache plans with `minFreeSpace`: bytes free on the engine's disk (its data root's filesystem) when planned. */
  diskFree?: number;
  steps: PlanStep[];
  decisions: ConflictDecision[];
  bytesFreed: number;
  /** False when some layer sizes were not known: bytesFreed is then "about". */
  exact: boolean;
  /** Why bytesFreed is "about", as catalogue phrases. */
  inexactReasons: Phrase[];
  /** The docker CLI commands doing the same, in order. */
  commands: string[];
  skipped: SkippedItem[];
  /** Set on a plan made by resumePlan: the interrupted plan whose unfinished steps it re-plans. */
  resumedFrom?: string;
}

export type StepOutcome =
  | { state: 'pending' }
  | { state: 'running' }
  /** keptBytes: a keep-copy step's archive, as written (the plan showed an estimate). */
  | { state: 'done'; note?: string; keptBytes?: number }
  | { state: 'already-gone' }
  /** `message` in English (logs, --json); `says`, when main has one, the catalogue phrase people see. */
  /** copy-failed: the trash could not keep a step's copy, so nothing after it ran (src-main/trash). */
  | { state: 'conflict'; message: string; says?: Phrase; kind: ConflictKind | 'plan-stale' | 'copy-failed' }
  | { state: 'failed'; message: string; says?: Phrase; kind: string }
  /** Why it did not start, as a catalogue phrase. */
  | { state: 'not-run'; reason: Phrase };

export interface PlanProgress {
  planId: string;
  stepId: string;
  outcome: StepOutcome;
  done: number;
  total: number;
}

export interface ExecutionReport {
  planId: string;
  digest: string;
  startedAt: number;
  finishedAt: number;
  outcomes: Record<string, StepOutcome>;
  /** Bytes freed as measured (engine's disk usage before/after, or the plan's figure for finished steps). */
  bytesFreed: number;
  /**
   * Where bytesFreed comes from: 'disk-usage' = the engine's /system/df before and
   * after (layers + removed containers' writable layers); 'plan' = the plan's
   * figures for the steps that finished (Podman's compat API reports no layer
   * total, or df failed).
   */
  bytesSource: 'disk-usage' | 'plan';
  /** Why the plan's figure was used instead of the engine's, when it was. */
  bytesNote?: string;
  /** Every step done or already gone. */
  finished: boolean;
  cancelled: boolean;
  /** Set when the engine stopped answering mid-plan: what it said; the unfinished steps are not-run. */
  engineLost?: string;
}

/** One executed plan, as appended to the history file. */
export interface HistoryEntry {
  planId: string;
  digest: string;
  engine: Plan['engine'];
  intent: CleanupIntent;
  startedAt: number;
  finishedAt: number;
  bytesFreed: number;
  bytesSource?: ExecutionReport['bytesSource'];
  finished: boolean;
  cancelled: boolean;
  engineLost?: string;
  resumedFrom?: string;
  removedImages: { id: string; tags: string[]; bytes: number }[];
  removedContainers: { id: string; name: string }[];
  /** Absent in entries written before volumes could be removed on their own. */
  removedVolumes?: string[];
  untagged: string[];
  steps: { id: string; action: StepAction; target: string; label: string; outcome: StepOutcome['state'] }[];
}
