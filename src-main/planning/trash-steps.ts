// The trash's part of a plan. Which images get a copy (the intent's choice, the
// person's per-image switches), grouped so images that share layers go into one
// archive (stored once), with the stopped containers the plan removes that were
// made from them; keep-copy steps that run one after another before anything
// else, so a copy that fails stops the plan with nothing removed; and the trash's
// own housekeeping (entries past the age limit, the oldest ones over the size
// cap) as remove-trash-entry steps that run last, once the new copies are safe.

import { join } from 'node:path';
import { phrase } from '../../src-shared/phrase';
import { PhraseError } from '../../src-shared/phrase-error';
import type { ContainerSummary, ImageSummary } from '../../src-shared/model';
import type { CleanupIntent, PlanStep, SkippedItem, TrashCopy } from '../../src-shared/plan';
import { TRASH_ENTRY_ID, type TrashedImage, type TrashEntry, type TrashListing } from '../../src-shared/trash';
import { isActiveState } from '../../src-shared/container-state';
import { imageName } from '../../src-shared/display-names';

import type { ImageLayers } from '../inventory/layer-facts';

export interface TrashPlanning {
  intent: CleanupIntent;
  images: readonly ImageSummary[];
  containers: readonly ContainerSummary[];
  layers: ReadonlyMap<string, ImageLayers>;
  /** <data dir>/trash; without it no plan may ask for copies. */
  trashDir: string | undefined;
  /** What the trash holds now, and its limits: for the cap, the age limit and empty-trash. */
  trash: TrashListing | undefined;
  planId: string;
}

type ImageStepAction = 'remove-image' | 'remove-child-image';
const removesImage = (s: PlanStep): s is PlanStep & { action: ImageStepAction } =>
  s.action === 'remove-image' || s.action === 'remove-child-image';

/** Whether the intent keeps a copy of this image. */
export function keepsCopyOf(intent: CleanupIntent, image: ImageSummary): boolean {
  if (intent.type !== 'remove-images' && intent.type !== 'prune-images') return false;
  const own = intent.trashPerImage?.[image.id];
  if (own !== undefined) return own;
  if (intent.trash === 'not-pullable') return image.pullBack.state !== 'registry';
  return intent.trash === true;
}

/** Groups of image IDs that share a layer (union-find over layer chains). */
function groupBySharedLayers(ids: string[], layers: ReadonlyMap<string, ImageLayers>): string[][] {
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const owner = new Map<string, string>();
  for (const id of ids) {
    for (const chain of layers.get(id)?.chainIds ?? []) {
      const other = owner.get(chain);
      if (other === undefined) owner.set(chain, id);
      else parent.set(find(id), find(other));
    }
  }
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const root = find(id);
    groups.set(root, [...(groups.get(root) ?? []), id]);
  }
  return [...groups.values()];
}

/** Bytes the group's layers take uncompressed, each once: what its archive takes at most. */
function estimateOf(ids: string[], layers: ReadonlyMap<string, ImageLayers>, images: Map<string, ImageSummary>) {
  const seen = new Map<string, number>();
  let unsized = 0;
  for (const id of ids) {
    const l = layers.get(id);
    if (!l) unsized += images.get(id)?.size ?? 0;
    else l.chainIds.forEach((c, i) => seen.set(c, l.layerSizes[i] ?? 0));
  }
  return [...seen.values()].reduce((a, b) => a + b, unsized);
}

/**
 * Adds the trash's steps to an ordered plan and renumbers every step s1…sN, copies
 * first. Returns the steps and anything the plan should list as left out.
 */
export function withTrashSteps(steps: PlanStep[], p: TrashPlanning): { steps: PlanStep[]; skipped: SkippedItem[] } {
  const skipped: SkippedItem[] = [];
  const byId = new Map(p.images.map((i) => [i.id, i]));
  const kept = steps.filter(removesImage).filter((s) => {
    const image = byId.get(s.target);
    return !!image && keepsCopyOf(p.intent, image);
  });
  const copies: PlanStep[] = [];
  const housekeeping: PlanStep[] = [];
  if (kept.length > 0 && !p.trashDir) throw new PhraseError(phrase('plan.noTrash'));
  if (kept.length > 0 && p.trashDir) {
    const keptIds = kept.map((s) => s.target);
    const removedContainers = new Set(steps.filter((s) => s.action === 'remove-container').map((s) => s.target));
    for (const group of groupBySharedLayers(keptIds, p.layers)) {
      const inGroup = new Set(group);
      // Stopped ones only: a running container the plan stops is not what "a removed stopped container" keeps.
      const containers = p.containers.filter(
        (c) => removedContainers.has(c.id) && inGroup.has(c.imageId) && !isActiveState(c.state),
      );
      const stepId = `k${copies.length + 1}`;
      const copy: TrashCopy = {
        file: join(p.trashDir, p.planId, `${stepId}.tar.gz`),
        images: group.map((id) => trashedImage(id, byId.get(id))),
        containers: containers.map((c, i) => ({
          id: c.id,
          name: c.names[0]?.replace(/^\//, '') ?? c.id.slice(0, 12),
          commitAs: `barnacle-trash/${p.planId.slice(0, 8)}:${stepId}-${i + 1}`,
        })),
        estimateBytes: estimateOf(group, p.layers, byId),
      };
      copies.push({
        id: stepId,
        action: 'keep-copy',
        target: copy.file,
        label: group.map((id) => (byId.get(id) ? imageName(byId.get(id)!) : id.slice(7, 19))).join(', '),
        reason: 'trash-copy',
        risks: [],
        // One at a time: a failed copy leaves the later ones (and so the whole plan) not run.
        after: copies.length ? [copies.at(-1)!.id] : [],
        bytes: 0,
        copy,
        expect: {},
      });
    }
  }
  if (p.trash && p.trashDir) {
    const estimate = copies.reduce((sum, c) => sum + (c.copy?.estimateBytes ?? 0), 0);
    for (const { entry, reason } of entriesToDrop(p.intent, p.trash, estimate, copies.length > 0, skipped)) {
      housekeeping.push({
        id: `h${housekeeping.length + 1}`,
        action: 'remove-trash-entry',
        target: join(p.trashDir, entry.planId, `${entry.id.split('/')[1]}.tar.gz`),
        label: entryLabel(entry),
        reason,
        risks: [],
        after: copies.length ? [copies.at(-1)!.id] : [],
        bytes: entry.fileBytes,
        expect: { createdAt: String(entry.savedAt) },
      });
    }
  }
  if (copies.length === 0 && housekeeping.length === 0) return { steps, skipped };

  // Everything else waits for the last copy: its roots do, and the rest wait on them.
  const lastCopy = copies.at(-1)?.id;
  const rest = steps.map((s) => (lastCopy && s.after.length === 0 ? { ...s, after: [lastCopy] } : s));
  // Housekeeping last, after the cleanup itself: an old copy goes only once the new ones are safe.
  const lastOfRest = rest.map((s) => s.id);
  const tidy = housekeeping.map((h) => ({ ...h, after: [...h.after, ...lastOfRest] }));
  return { steps: renumber([...copies, ...rest, ...tidy]), skipped };
}

function trashedImage(id: string, image: ImageSummary | undefined): TrashedImage {
  return {
    id,
    tags: image?.tags ?? [],
    repoDigests: image?.digests ?? [],
    labels: image?.labels ?? {},
    created: image?.created ?? 0,
    size: image?.size ?? 0,
  };
}

function entryLabel(entry: TrashEntry): string {
  const names = entry.images.map((i) => i.tags[0] ?? i.id.slice(7, 19));
  return [...names, ...entry.containers.map((c) => c.name)].join(', ') || entry.id;
}

/**
 * Which entries go: for empty-trash, the ones asked for (or the expired, or all);
 * otherwise, with new copies, the expired and then the oldest until the estimate fits the cap.
 */
function entriesToDrop(
  intent: CleanupIntent,
  trash: TrashListing,
  estimate: number,
  addsCopies: boolean,
  skipped: SkippedItem[],
): { entry: TrashEntry; reason: PlanStep['reason'] }[] {
  if (intent.type === 'empty-trash') {
    // A record that cannot be read goes with the rest when the trash is emptied, or when named.
    const damaged = trash.damaged.filter((d) => TRASH_ENTRY_ID.test(d.id)).map(damagedEntry);
    if (intent.entries) {
      const known = new Map([...trash.entries, ...damaged].map((e) => [e.id, e]));
      const out: { entry: TrashEntry; reason: PlanStep['reason'] }[] = [];
      for (const id of intent.entries) {
        const entry = known.get(id);
        if (entry) out.push({ entry, reason: 'trash-emptied' });
        else
          skipped.push({ target: id, label: id, conflict: 'not-found', reason: phrase('skip.noTrashEntry', { id }) });
      }
      return out;
    }
    return [...trash.entries, ...(intent.expiredOnly ? [] : damaged)]
      .filter((e) => !intent.expiredOnly || e.expired)
      .map((entry) => ({ entry, reason: entry.expired ? 'trash-expired' : 'trash-emptied' }));
  }
  if (!addsCopies) return [];
  const out: { entry: TrashEntry; reason: PlanStep['reason'] }[] = trash.entries
    .filter((e) => e.expired)
    .map((entry) => ({ entry, reason: 'trash-expired' }));
  const cap = trash.settings.maxBytes;
  if (cap > 0) {
    let total = trash.totalBytes + estimate - out.reduce((sum, o) => sum + o.entry.fileBytes, 0);
    const oldestFirst = trash.entries.filter((e) => !e.expired).sort((a, b) => a.savedAt - b.savedAt);
    for (const entry of oldestFirst) {
      if (total <= cap) break;
      out.push({ entry, reason: 'trash-over-cap' });
      total -= entry.fileBytes;
    }
  }
  return out;
}

/**
 * A record that cannot be read, as an entry to remove: pinned to "unreadable" (savedAtOf's
 * -1), so a record mended in the meantime is a changed entry and stays.
 */
function damagedEntry(d: TrashListing['damaged'][number]): TrashEntry {
  return {
    id: d.id,
    planId: d.id.split('/')[0]!,
    savedAt: -1,
    fileBytes: 0,
    engine: { host: '', kind: 'docker', version: '', store: 'classic' },
    images: [],
    containers: [],
    expired: false,
  };
}

/** s1…sN in the given order, with every `after` renamed to match. */
function renumber(steps: PlanStep[]): PlanStep[] {
  const renamed = new Map(steps.map((s, i) => [s.id, `s${i + 1}`]));
  return steps.map((s) => {
    const id = renamed.get(s.id)!;
    const out: PlanStep = { ...s, id, after: s.after.map((a) => renamed.get(a)!) };
    if (s.copy) {
      // The archive is named for its final step id: "<plan>/<step>" is the entry's id.
      const file = s.copy.file.replace(/[^/\\]+\.tar\.gz$/, `${id}.tar.gz`);
      const commitAs = (c: TrashCopy['containers'][number], i: number) => ({
        ...c,
        commitAs: c.commitAs.replace(/:[^:]+$/, `:${id}-${i + 1}`),
      });
      out.copy = { ...s.copy, file, containers: s.copy.containers.map(commitAs) };
      out.target = file;
    }
    return out;
  });
}
