// Matches `GET /images/{id}/history` rows to an image's layers, to learn each
// layer's size. The engine knows which rows added a layer (the config's
// `empty_layer`), but the history API does not say: moby's ImageHistory gives
// every empty_layer row Size 0 and every other row the layer's DiffSize, which
// is 0 too for a layer that holds only directories, whiteouts or empty files
// (a COPY of an empty dir, a RUN that only deletes). So a Size-0 row may or may
// not be a layer. Docker never stores a layer whose diff is the empty tar (a
// `RUN true` is marked empty_layer instead), Podman does and reports it as 1024
// bytes of tar: sizes alone never settle it on Docker.
//
// The mapping therefore solves a small constraint problem: rows with Size > 0
// are layers, Size-0 rows whose instruction cannot change files are not, the
// rest may be; the number of layers is fixed (RootFS.Layers), and for local
// builds a row's image ID gives the exact layer count up to that row. When more
// than one placement of the sized layers fits, the answer is ambiguous and the
// caller can settle it by inspecting the rows this module names.

import { phrase, type Phrase } from '../../src-shared/phrase';

export interface HistoryRow {
  /** Image ID of that step, or "<missing>" (pulled images, squashed steps). */
  id: string;
  size: number;
  createdBy: string;
}

export type RowKind = 'layer' | 'metadata' | 'maybe';

export type HistoryMapping =
  | { kind: 'exact'; layerSizes: number[] }
  | {
      kind: 'ambiguous';
      /** One placement that fits: zero-size layers put as late as they can go (see pickPlacement). */
      layerSizes: number[];
      reason: Phrase;
      /** Rows (oldest first) whose layer count, if known, would narrow the answer. */
      rowsToResolve: number[];
    }
  | { kind: 'mismatch'; reason: Phrase };

// Instructions that only change the image config, in the classic builder and
// Buildah spelling ("/bin/sh -c #(nop)  ENV X=1") and BuildKit's ("ENV X=1").
// WORKDIR is not here: it creates the directory, hence a layer, when missing.
const METADATA_INSTRUCTION =
  /^(ENV|LABEL|CMD|ENTRYPOINT|EXPOSE|VOLUME|USER|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL|ARG|MAINTAINER)(\s|$)/;

export function rowKind(row: HistoryRow): RowKind {
  if (row.size > 0) return 'layer';
  const nop = /#\(nop\)\s*(.*)$/s.exec(row.createdBy);
  const instruction = (nop ? (nop[1] ?? '') : row.createdBy).trim();
  return METADATA_INSTRUCTION.test(instruction) ? 'metadata' : 'maybe';
}

interface Bounds {
  lo: number[];
  hi: number[];
}

const stepRange = (kind: RowKind): [number, number] =>
  kind === 'layer' ? [1, 1] : kind === 'metadata' ? [0, 0] : [0, 1];

/**
 * For each row, the range of "layers added up to and including this row" that
 * some valid placement reaches. Steps are 0 or 1, so each reachable set is an
 * interval and a forward then backward pass gives it exactly. Null: no fit.
 */
function feasibleBounds(layerCount: number, kinds: RowKind[], knownCounts: ReadonlyMap<number, number>): Bounds | null {
  const rows = kinds.length;
  const lo: number[] = new Array<number>(rows);
  const hi: number[] = new Array<number>(rows);
  let low = 0;
  let high = 0;
  for (let i = 0; i < rows; i++) {
    const [min, max] = stepRange(kinds[i]!);
    low += min;
    high += max;
    const known = knownCounts.get(i);
    if (known !== undefined) {
      low = Math.max(low, known);
      high = Math.min(high, known);
    }
    if (i === rows - 1) {
      low = Math.max(low, layerCount);
      high = Math.min(high, layerCount);
    }
    if (low > high) return null;
    lo[i] = low;
    hi[i] = high;
  }
  for (let i = rows - 2; i >= 0; i--) {
    const [min, max] = stepRange(kinds[i + 1]!);
    lo[i] = Math.max(lo[i]!, lo[i + 1]! - max);
    hi[i] = Math.min(hi[i]!, hi[i + 1]! - min);
    if (lo[i]! > hi[i]!) return null;
  }
  return { lo, hi };
}

/**
 * One valid placement. Undecided rows count as "no layer" whenever that still
 * fits, which pushes zero-size layers up and sized layers down the chain: lower
 * layers are the ones other images may share, so a wrong guess under-states
 * what a removal frees rather than promising space that stays taken.
 */
function pickPlacement(rows: HistoryRow[], kinds: RowKind[], bounds: Bounds, layerCount: number): number[] {
  const sizes = new Array<number>(layerCount).fill(0);
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    const [min, max] = stepRange(kinds[i]!);
    let step = min;
    while (step < max && count + step < bounds.lo[i]!) step++;
    count += step;
    if (step === 1) sizes[count - 1] = rows[i]!.size;
  }
  return sizes;
}

/**
 * @param layerCount   length of the image's RootFS.Layers
 * @param rowsOldestFirst history rows, base first (the API answers newest first)
 * @param knownCounts  row index → layers up to and including that row, when known
 */
export function mapHistoryToLayers(
  layerCount: number,
  rowsOldestFirst: HistoryRow[],
  knownCounts: ReadonlyMap<number, number> = new Map(),
): HistoryMapping {
  if (layerCount === 0 && rowsOldestFirst.every((r) => r.size === 0)) return { kind: 'exact', layerSizes: [] };
  const kinds = rowsOldestFirst.map(rowKind);
  const sized = kinds.filter((k) => k === 'layer').length;
  const bounds = rowsOldestFirst.length > 0 ? feasibleBounds(layerCount, kinds, knownCounts) : null;
  if (!bounds) {
    return {
      kind: 'mismatch',
      reason: phrase(sized > layerCount ? 'space.historyMismatch' : 'space.historyMismatchSquashed', {
        steps: rowsOldestFirst.length,
        sized,
        layers: layerCount,
      }),
    };
  }
  const sizedRows = kinds.flatMap((k, i) => (k === 'layer' ? [i] : []));
  const unsettled = sizedRows.filter((i) => bounds.lo[i] !== bounds.hi[i]);
  const layerSizes = pickPlacement(rowsOldestFirst, kinds, bounds, layerCount);
  if (unsettled.length === 0) return { kind: 'exact', layerSizes };
  return {
    kind: 'ambiguous',
    layerSizes,
    reason: phrase('space.historyAmbiguous', { count: unsettled.length }),
    rowsToResolve: kinds.flatMap((k, i) => (k === 'maybe' && bounds.lo[i] !== bounds.hi[i] ? [i] : [])),
  };
}
