import { describe, expect, it } from 'vitest';
import { say } from '../../src-shared/messages/translate';
import type { Phrase } from '../../src-shared/phrase';

// The reasons as the English UI says them (a key missing from the catalogue reads as itself).
const english = (reasons: Phrase[]) => reasons.map((r) => say('en', r)).join('; ');
import {
  bytesFreed,
  uniqueSize,
  uniqueSizes,
  type BytesFreedInput,
  type ContainerLayer,
  type LayeredImage,
} from '../../src-main/inventory/layer-space';

// Hand-built layer graphs. Chain IDs are plain names here: the planner only
// compares them. `img('app', [['base', 100], ['app', 10]])` is an image whose
// lowest layer is "base" (100 bytes) and whose top layer is "app" (10 bytes).
function img(id: string, layers: [string, number][], extra: Partial<LayeredImage> = {}): LayeredImage {
  return { id, chainIds: layers.map(([c]) => c), layerSizes: layers.map(([, s]) => s), ...extra };
}

function freed(
  images: LayeredImage[],
  removed: string[],
  containers: ContainerLayer[] = [],
  removedContainers: string[] = [],
) {
  const input: BytesFreedInput = {
    images,
    removedImageIds: new Set(removed),
    containers,
    removedContainerIds: new Set(removedContainers),
  };
  return bytesFreed(input);
}

const base = img('base', [
  ['L1', 1000],
  ['L2', 200],
]);
const web = img('web', [
  ['L1', 1000],
  ['L2', 200],
  ['web1', 30],
  ['web2', 7],
]);
const api = img('api', [
  ['L1', 1000],
  ['L2', 200],
  ['api1', 50],
]);

describe('bytesFreed', () => {
  it('frees nothing when nothing is removed', () => {
    const r = freed([base, web, api], []);
    expect(r).toMatchObject({ bytes: 0, exact: true, reasons: [] });
    expect(r.perImageUnique.size).toBe(0);
  });

  it('frees only the top layers of one of two siblings on a shared base', () => {
    const r = freed([web, api], ['web']);
    expect(r.bytes).toBe(37);
    expect(r.perImageUnique.get('web')).toBe(37);
    expect(r.exact).toBe(true);
  });

  it('frees the shared base only when every image holding it goes', () => {
    const images = [web, api];
    expect(freed(images, ['api']).bytes).toBe(50);
    const both = freed(images, ['web', 'api']);
    expect(both.bytes).toBe(1000 + 200 + 37 + 50);
    // The base layers belong to neither image alone.
    expect(both.perImageUnique.get('web')).toBe(37);
    expect(both.perImageUnique.get('api')).toBe(50);
  });

  it('keeps the base while the base image itself stays', () => {
    expect(freed([base, web, api], ['web', 'api']).bytes).toBe(87);
    expect(freed([base, web, api], ['web', 'api', 'base']).bytes).toBe(1287);
  });

  it('counts a partial selection: removing the base image alone frees nothing its children hold', () => {
    const r = freed([base, web, api], ['base']);
    expect(r.bytes).toBe(0);
    expect(r.perImageUnique.get('base')).toBe(0);
  });

  it('follows a child chain A → B → C', () => {
    const a = img('A', [['a', 500]]);
    const b = img('B', [
      ['a', 500],
      ['b', 40],
    ]);
    const c = img('C', [
      ['a', 500],
      ['b', 40],
      ['c', 3],
    ]);
    expect(freed([a, b, c], ['C']).bytes).toBe(3);
    expect(freed([a, b, c], ['B', 'C']).bytes).toBe(43);
    expect(freed([a, b, c], ['B']).bytes).toBe(0);
    expect(freed([a, b, c], ['A', 'B', 'C']).bytes).toBe(543);
  });

  it('frees nothing for an image whose every layer another image also has', () => {
    const twin1 = img('twin1', [
      ['L1', 1000],
      ['same', 64],
    ]);
    const twin2 = img('twin2', [
      ['L1', 1000],
      ['same', 64],
    ]);
    expect(freed([twin1, twin2], ['twin1']).bytes).toBe(0);
    expect(freed([twin1, twin2], ['twin1', 'twin2']).bytes).toBe(1064);
  });

  it('counts empty layers as zero bytes but still as layers that pin their chain', () => {
    // "empty" is a zero-size layer (RUN rm, COPY of an empty dir) in the middle of a chain.
    const lower = img('lower', [
      ['L1', 1000],
      ['empty', 0],
    ]);
    const upper = img('upper', [
      ['L1', 1000],
      ['empty', 0],
      ['top', 9],
    ]);
    expect(freed([lower, upper], ['upper']).bytes).toBe(9);
    expect(freed([lower, upper], ['lower']).bytes).toBe(0);
    expect(freed([lower, upper], ['lower', 'upper']).bytes).toBe(1009);
  });

  it('lets a remaining container pin its image even when the image is selected', () => {
    const containers = [{ id: 'c1', imageId: 'web', sizeRw: 4096 }];
    const r = freed([web, api], ['web'], containers);
    expect(r.bytes).toBe(0);
    expect(r.perImageUnique.get('web')).toBe(0);
    // The pinned image keeps the shared base alive for the other removal too.
    expect(freed([web, api], ['web', 'api'], containers).bytes).toBe(50);
  });

  it("adds removed containers' writable layers, and frees their image's layers with them", () => {
    const containers = [
      { id: 'c1', imageId: 'web', sizeRw: 4096 },
      { id: 'c2', imageId: 'api', sizeRw: 100 },
    ];
    const r = freed([web, api], ['web'], containers, ['c1']);
    expect(r.bytes).toBe(37 + 4096);
    expect(r.exact).toBe(true);
    // Removing a container alone frees only its writable layer.
    expect(freed([web, api], [], containers, ['c2']).bytes).toBe(100);
  });

  it('is not exact when a removed container has no known writable size', () => {
    const r = freed([web], [], [{ id: 'c1', imageId: 'web', sizeRw: null }], ['c1']);
    expect(r.bytes).toBe(0);
    expect(r.exact).toBe(false);
    expect(english(r.reasons)).toMatch(/writable-layer size unknown/);
  });

  it('is not exact when a removed container frees more than its writable layer', () => {
    const containers = [{ id: 'c1', imageId: 'web', sizeRw: 10, exact: false, reason: { key: 'vfs full copy' } }];
    const r = freed([web], [], containers, ['c1']);
    expect(r).toMatchObject({ bytes: 10, exact: false });
    expect(english(r.reasons)).toBe('container c1: vfs full copy');
    // A container that stays does not make the answer inexact.
    expect(freed([web, api], ['api'], containers).exact).toBe(true);
  });

  it('is not exact when a freed layer only has an estimated size', () => {
    const guessed = img(
      'guessed',
      [
        ['L1', 1000],
        ['g', 77],
      ],
      { exact: false, reason: { key: 'history mismatch' } },
    );
    const r = freed([web, guessed], ['guessed']);
    expect(r.bytes).toBe(77);
    expect(r.exact).toBe(false);
    expect(english(r.reasons)).toBe('image guessed: history mismatch');
  });

  it('takes a shared layer size from an exact holder, and stays exact, when an estimate disagrees', () => {
    const guessed = img(
      'guessed',
      [
        ['L1', 900],
        ['g', 77],
      ],
      { exact: false, reason: { key: 'estimated' } },
    );
    const r = freed([web, guessed], ['web', 'guessed']);
    expect(r.bytes).toBe(1000 + 200 + 37 + 77);
    expect(r.exact).toBe(false); // "g" is only known from the estimate
    const r2 = freed([base, guessed], ['base', 'guessed']);
    expect(r2.bytes).toBe(1000 + 200 + 77);
  });

  it('ignores an inexact image that stays: its sizes are never counted', () => {
    const guessed = img(
      'guessed',
      [
        ['L1', 900],
        ['g', 77],
      ],
      { exact: false, reason: { key: 'estimated' } },
    );
    const r = freed([web, api, guessed], ['web']);
    expect(r).toMatchObject({ bytes: 37, exact: true });
  });

  it('is not exact when a removed image or a remaining container image has no layer facts', () => {
    const r = freed([web], ['ghost']);
    expect(r.exact).toBe(false);
    expect(english(r.reasons)).toMatch(/ghost/);
    const r2 = freed([web, api], ['web'], [{ id: 'c9', imageId: 'unknown', sizeRw: 0 }]);
    expect(r2.bytes).toBe(37);
    expect(r2.exact).toBe(false);
  });
});

describe('uniqueSize', () => {
  it('is what removing the image alone frees', () => {
    const images = [base, web, api];
    expect(uniqueSize('web', images)).toBe(37);
    expect(uniqueSize('api', images)).toBe(50);
    expect(uniqueSize('base', images)).toBe(0);
    expect(uniqueSize('nope', images)).toBe(0);
    expect(uniqueSize('web', [web])).toBe(1237);
  });

  it('matches bytesFreed for every image on its own', () => {
    const a = img('A', [['a', 500]]);
    const b = img('B', [
      ['a', 500],
      ['b', 40],
    ]);
    const c = img('C', [
      ['a', 500],
      ['b', 40],
      ['c', 3],
    ]);
    const d = img('D', [
      ['x', 70],
      ['y', 0],
      ['z', 5],
    ]);
    const images = [a, b, c, d, web, api];
    const all = uniqueSizes(images);
    for (const image of images) expect(all.get(image.id)).toBe(freed(images, [image.id]).bytes);
  });
});
