// Images that share no layer with any other image need no layer facts for a plan:
// removing one frees its whole size, keeping one holds nothing another image
// needs. Docker's image list says which they are when asked for `shared-size`
// (API 1.42+): SharedSize is the size of the image's layers that other listed
// images hold too, 0 for none. Both stores count it from the same chain IDs the
// planner uses, over every image the list holds (all=1: intermediates included):
// the classic store sums each shared layer's DiffSize, the containerd store each
// shared snapshot's usage. A shared layer of zero bytes leaves SharedSize at 0,
// which changes nothing: it frees nothing either way.
//
// That matters on the containerd image store, where reading one image's facts
// (inspect and history) costs the engine 15-40 ms: on a host of 1,000 unshared
// images a first plan reads none instead of 2,000 answers.

import type { EngineInfo } from '../../src-shared/model';
import type { RawImage } from './engine-answers';
import { normalizeImageId } from '../../src-shared/ids';
import type { LayerAccounting } from './layer-accounting';
import type { ImageLayers } from './layer-facts';
import { compareApiVersions } from '../engine/connection';

/**
 * Whether the engine's image list answers SharedSize: Docker from API 1.42. Podman's
 * compatible API accepts the parameter but its figure is not the same count.
 */
export function listsSharedSize(engine: Pick<EngineInfo, 'kind' | 'apiVersion'>): boolean {
  return engine.kind === 'docker' && compareApiVersions(engine.apiVersion, '1.42') >= 0;
}

/** A stand-in chain for an image's own layers: no real chain ID has this form. */
const ownChain = (imageId: string) => `unshared:${imageId}`;

/** Facts for every listed image whose SharedSize is 0 (none for -1 or a missing figure). */
export function unsharedImageFacts(
  rawImages: readonly RawImage[],
  accounting: LayerAccounting,
): Map<string, ImageLayers> {
  const facts = new Map<string, ImageLayers>();
  for (const row of rawImages) {
    if (row.SharedSize !== 0 || !(row.Size >= 0)) continue;
    const imageId = normalizeImageId(row.Id);
    const f: ImageLayers = {
      imageId,
      chainIds: [ownChain(imageId)],
      layerSizes: [row.Size],
      exact: accounting.images.exact,
      sizeSource: 'list',
    };
    if (!accounting.images.exact) f.reason = accounting.images.reason;
    facts.set(imageId, f);
  }
  return facts;
}
