// One plan step against the live engine: re-check what the plan expected, then
// make exactly the call the step names, with force only where the step says
// so, and turn the engine's answer into the step's outcome.

import { conflictSaying, failureSaying } from './outcome-words';
import type { Phrase } from '../../src-shared/phrase';
import type { BarnacleError } from '../../src-shared/errors';
import { phrase } from '../../src-shared/phrase';
import type Docker from 'dockerode';
import type { EngineInfo } from '../../src-shared/model';
import type { PlanStep } from '../../src-shared/plan';
import { classifyFailure, type FailedOperation } from '../conflicts/classify';
import type { ContainerResolver } from '../conflicts/resolver';
import { readEngineFailure } from '../engine/engine-error';
import * as ops from '../operations/engine-operations';
import { unmetExpectation } from './expectations';
import type { FinalOutcome } from './schedule';
import { imageNamed, volumeNamed } from '../engine/handles';
import { readBuildCache } from '../inventory/read-build-cache';
import { readBuildContainers } from '../inventory/read-build-containers';
import { archiveOf, keepCopy, removeTrashEntry, savedAtOf } from '../trash/trash-store';
import { join, relative, sep } from 'node:path';
import { PhraseError } from '../../src-shared/phrase-error';

export interface StepContext {
  docker: Docker;
  engine: EngineInfo;
  /** Names containers in the engine's refusals. */
  resolve: ContainerResolver;
  /** The trash folder (<data dir>/trash): the only place trash steps may write or delete; without it they are refused. */
  trashDir?: string;
  planId: string;
  host: string;
}

/** A step ended because the engine stopped answering; the executor starts nothing after it. */
export interface EngineLostOutcome {
  outcome: FinalOutcome;
  /** What the connection said (an error code, or its message): the engine's words, kept as they are. */
  engineLost: string;
}

const operationOf: Record<PlanStep['action'], FailedOperation> = {
  'stop-container': 'stop-container',
  'remove-container': 'remove-container',
  // No volume wording in the classifier: its "remove the container" phrasing would mislead, see volumeFailure.
  'remove-volume': 'remove-container',
  'remove-build-cache': 'prune-build-cache',
  'remove-build-container': 'remove-container',
  untag: 'untag',
  'remove-image': 'remove-image',
  'remove-child-image': 'remove-image',
  'keep-copy': 'list',
  'remove-trash-entry': 'list',
};

/** The error's phrase; an error made without one (none from classifyFailure) is shown in its own words. */
const saysOf = (error: BarnacleError): Phrase => error.says ?? phrase('outcome.said', { said: error.message });

/** Requests that never reached the engine: the step certainly did not happen. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOENT']);

/** The step's own outcome when it is not plain "done" (a record the engine kept), else nothing. */
async function perform(ctx: StepContext, step: PlanStep): Promise<FinalOutcome | void> {
  const { docker } = ctx;
  switch (step.action) {
    case 'remove-build-cache': {
      if (!ops.isCacheRecordId(step.target)) {
        throw new RefusedStep(phrase('outcome.notCacheRecord', { id: step.target }));
      }
      const { deleted } = await ops.removeBuildCacheRecord(docker, step.target);
      if (deleted) return;
      // Kept: gone already, or a build took it up (or an image came to share it) since the preview.
      const { records } = await readBuildCache(docker, ctx.engine);
      return records.some((r) => r.id === step.target)
        ? conflictSaying('plan-stale', phrase('stale.cacheKept', { record: step.label }))
        : { state: 'already-gone' };
    }
    case 'remove-build-container':
      return removeBuildContainer(ctx, step);
    case 'stop-container':
      return ops.stopContainer(docker, step.target);
    case 'remove-container':
      return ops.removeContainer(docker, step.target, { force: false, volumes: step.volumes ?? [] });
    case 'remove-volume':
      await volumeNamed(docker, step.target).remove();
      return;
    case 'untag':
      if (!step.force) {
        await ops.untagImage(docker, step.target);
        return;
      }
      // A forced tag removal only leaves the image in place on the containerd store.
      if (ctx.engine.kind !== 'docker' || ctx.engine.imageStore !== 'containerd') {
        throw new RefusedStep(
          phrase('outcome.forcedUntagRefused', { engine: ctx.engine.kind, store: ctx.engine.imageStore }),
        );
      }
      await imageNamed(docker, step.target).remove({ force: true, noprune: true });
      return;
    case 'remove-image':
    case 'remove-child-image':
      await ops.removeImage(docker, ctx.engine.kind, step.target, { force: step.force ?? false });
      return;
    case 'keep-copy':
      return keepCopyStep(ctx, step);
    case 'remove-trash-entry':
      return removeTrashEntryStep(ctx, step);
  }
}

/**
 * Writes and checks the step's archive; every other step of the plan waits for it, so a
 * copy that fails leaves everything in place. Only ever at this plan's own name in the trash.
 */
async function keepCopyStep(ctx: StepContext, step: PlanStep): Promise<FinalOutcome> {
  const copy = step.copy;
  if (!copy || !ctx.trashDir || copy.file !== join(ctx.trashDir, ctx.planId, `${step.id}.tar.gz`)) {
    throw new RefusedStep(phrase('outcome.notTrashFile', { file: copy?.file ?? step.target }));
  }
  const entry = await keepCopy({ docker: ctx.docker, engine: ctx.engine, host: ctx.host }, copy).catch(
    (err: unknown) => {
      throw new CopyFailed(
        phrase('outcome.copyFailed', { image: step.label, said: err instanceof Error ? err.message : String(err) }),
      );
    },
  );
  return { state: 'done', keptBytes: entry.fileBytes };
}

/** Deletes an entry of the trash the plan listed, if it is still the one it saw. */
async function removeTrashEntryStep(ctx: StepContext, step: PlanStep): Promise<FinalOutcome> {
  const rel = ctx.trashDir ? relative(ctx.trashDir, step.target).split(sep).join('/') : '';
  const id = rel.replace(/\.tar\.gz$/, '');
  let file: string | null;
  try {
    file = ctx.trashDir ? archiveOf(ctx.trashDir, id) : null;
  } catch {
    file = null;
  }
  if (!ctx.trashDir || file !== step.target) {
    throw new RefusedStep(phrase('outcome.notTrashFile', { file: step.target }));
  }
  const savedAt = await savedAtOf(ctx.trashDir, id);
  if (savedAt === null) return { state: 'already-gone' };
  if (String(savedAt) !== step.expect.createdAt) {
    return conflictSaying('plan-stale', phrase('outcome.trashEntryChanged', { entry: step.label }));
  }
  return (await removeTrashEntry(ctx.trashDir, id)) ? { state: 'done' } : { state: 'already-gone' };
}

/** A step Barnacle will not send to this engine; its phrase is the outcome people read. */
class RefusedStep extends PhraseError {}

/** The trash could not keep its copy: the image was not removed. */
class CopyFailed extends PhraseError {}

/** Runs one step; the outcome is never a thrown error. */
export async function runStep(ctx: StepContext, step: PlanStep): Promise<FinalOutcome | EngineLostOutcome> {
  // Whether the changing call went out: a failure before it (the read-only checks) means nothing happened.
  let sent = false;
  try {
    const unmet = await unmetExpectation(ctx.docker, step);
    if (unmet) return unmet;
    sent = true;
    return (await perform(ctx, step)) ?? { state: 'done' };
  } catch (err) {
    return outcomeOfFailure(ctx, step, err, sent);
  }
}

function outcomeOfFailure(
  ctx: StepContext,
  step: PlanStep,
  err: unknown,
  sent: boolean,
): FinalOutcome | EngineLostOutcome {
  if (err instanceof RefusedStep) return failureSaying('validation', err.says);
  // A conflict, as the engine's refusals are: the plan met something it did not expect, and nothing was removed.
  if (err instanceof CopyFailed) return conflictSaying('copy-failed', err.says);
  if (err instanceof ops.LastTagError) {
    return conflictSaying('plan-stale', phrase('stale.lastTag', { tag: step.label }));
  }
  const failure = readEngineFailure(err);
  const error = classifyFailure(failure, {
    operation: operationOf[step.action],
    target: step.target,
    engine: ctx.engine.kind,
    resolve: ctx.resolve,
  });
  if (error.kind === 'engine-unreachable') {
    const lost = failure.code ?? failure.message;
    const outcome: FinalOutcome =
      !sent || (failure.code && NEVER_SENT.has(failure.code))
        ? { state: 'not-run', reason: phrase('outcome.engineLost', { said: lost }) }
        : failureSaying('engine-unreachable', phrase('outcome.mayHaveHappened', { what: saysOf(error) }));
    return { outcome, engineLost: lost };
  }
  if (failure.statusCode === 404 || error.kind === 'not-found') return { state: 'already-gone' };
  if (step.action === 'remove-volume') {
    return failureSaying(error.kind, phrase('outcome.volumeFailed', { volume: step.target, said: failure.message }));
  }
  switch (error.kind) {
    case 'running-container':
    case 'stopped-container':
    case 'multiple-references':
    case 'reference-in-use':
    case 'dependent-children':
    case 'container-running':
    case 'prune-already-running':
      return conflictSaying(error.kind, saysOf(error));
    default:
      return failureSaying(error.kind, saysOf(error));
  }
}

/**
 * A Podman build's leftover container, removed only if it is still the one the plan
 * saw: listed as a build container, made at the planned time. Force is what Podman
 * needs to unmount it; it never reaches a container the engine runs, because a
 * build container is not one (the compat API does not even list it).
 */
async function removeBuildContainer(ctx: StepContext, step: PlanStep): Promise<FinalOutcome | void> {
  if (!/^[0-9a-f]{64}$/.test(step.target)) {
    throw new RefusedStep(phrase('outcome.notBuildContainer', { id: step.target }));
  }
  const now = (await readBuildContainers(ctx.docker, ctx.engine)).find((c) => c.id === step.target);
  if (!now) return { state: 'already-gone' };
  if (now.createdAt !== step.expect.createdAt) {
    return conflictSaying('plan-stale', phrase('stale.buildContainer', { container: step.label }));
  }
  await ops.removeBuildContainer(ctx.docker, step.target);
}
