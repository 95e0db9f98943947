// Layer chain IDs, the key under which engines store and share layers.
// Same rule as moby's layer.CreateChainID: the first chain ID is the first diff
// ID; each next one is sha256 of "<previous chain ID> <diff ID>", both spelled
// with their "sha256:" prefix.

import { createHash } from 'node:crypto';

/** The diff ID of an empty tar (1024 zero bytes): a layer that changes nothing. */
export const EMPTY_LAYER_DIFF_ID = 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef';

const HEX64 = /^[0-9a-f]{64}$/;

/** "sha256:<hex>" for a bare or prefixed digest; other algorithms left as they are. */
export function withDigestPrefix(digest: string): string {
  const lower = digest.toLowerCase();
  return HEX64.test(lower) ? `sha256:${lower}` : lower;
}

/** Chain IDs for a RootFS.Layers list of diff IDs, lowest layer first. */
export function chainIdsOf(diffIds: readonly string[]): string[] {
  const out: string[] = [];
  let previous = '';
  for (const raw of diffIds) {
    const diffId = withDigestPrefix(raw);
    previous = previous ? `sha256:${createHash('sha256').update(`${previous} ${diffId}`).digest('hex')}` : diffId;
    out.push(previous);
  }
  return out;
}
