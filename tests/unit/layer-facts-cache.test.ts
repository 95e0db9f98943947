// The layer facts file: a cache, so anything wrong with it is ignored and
// rebuilt, never an error; engines are kept apart; the file stays bounded.

import { mkdtemp, readFile, rm, symlink, writeFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageLayers } from '../../src-main/inventory/layer-facts';
import { LayerFactsCache, layerFactsPath } from '../../src-main/inventory/layer-facts-cache';

const hex = (n: number, c = 'a') => 'sha256:' + n.toString(16).padStart(8, '0') + c.repeat(56);
const facts = (n: number, extra: Partial<ImageLayers> = {}): ImageLayers => ({
  imageId: hex(n),
  chainIds: [hex(n, 'b'), hex(n, 'c')],
  layerSizes: [10, n],
  exact: true,
  sizeSource: 'history',
  ...extra,
});

describe('LayerFactsCache on disk', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'barnacle-facts-'));
    path = layerFactsPath(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('remembers facts per engine across opens, with the reason, and writes 0600', async () => {
    const a = await LayerFactsCache.open(path, 'engine-a');
    a.set(facts(1));
    a.set(facts(2, { exact: false, reason: { key: 'space.imageEstimate' } }));
    await a.save();
    const b = await LayerFactsCache.open(path, 'engine-b');
    b.set(facts(3));
    await b.save();

    const again = await LayerFactsCache.open(path, 'engine-a');
    expect(again.get(hex(1))).toEqual(facts(1));
    expect(again.get(hex(2))).toEqual(facts(2, { exact: false, reason: { key: 'space.imageEstimate' } }));
    expect(again.get(hex(3))).toBeUndefined();
    expect((await LayerFactsCache.open(path, 'engine-b')).get(hex(3))).toEqual(facts(3));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('keeps estimates out: they depend on which other images were known', async () => {
    const c = await LayerFactsCache.open(path, 'e');
    c.set(facts(1, { sizeSource: 'estimated' }));
    await c.save();
    expect((await LayerFactsCache.open(path, 'e')).size).toBe(0);
  });

  it.each([
    ['not JSON', '{"format":"barnacle-layer-facts","version":2,"engines":{"e":'],
    ['another format', JSON.stringify({ format: 'other', version: 1, engines: {} })],
    ['a newer version', JSON.stringify({ format: 'barnacle-layer-facts', version: 3, engines: {} })],
    // Version 1 kept English reasons; they are read afresh rather than shown in any language.
    ['version 1', JSON.stringify({ format: 'barnacle-layer-facts', version: 1, engines: {} })],
    ['engines as a list', JSON.stringify({ format: 'barnacle-layer-facts', version: 2, engines: [] })],
    ['empty', ''],
  ])('opens empty from a file that is %s, and replaces it on save', async (_what, text) => {
    await writeFile(path, text);
    const c = await LayerFactsCache.open(path, 'e');
    expect(c.size).toBe(0);
    c.set(facts(1));
    await c.save();
    expect((await LayerFactsCache.open(path, 'e')).get(hex(1))).toEqual(facts(1));
  });

  it('drops entries that are not facts as written, keeping the rest', async () => {
    const good = [[hex(1, 'b')], [5], true];
    const file = {
      format: 'barnacle-layer-facts',
      version: 2,
      engines: {
        e: {
          seenAt: 1,
          images: {
            [hex(1)]: good,
            [hex(2)]: [[hex(2, 'b')], [-1], true],
            [hex(3)]: [[hex(3, 'b')], [1, 2], true],
            [hex(4)]: [['not-a-digest'], [1], true],
            'not-an-id': good,
            [hex(5)]: [[hex(5, 'b')], [1], 'yes'],
            [hex(6)]: [[hex(6, 'b')], [1], false, 'an English reason'],
          },
        },
      },
    };
    await writeFile(path, JSON.stringify(file));
    const c = await LayerFactsCache.open(path, 'e');
    expect(c.size).toBe(1);
    expect(c.get(hex(1))?.layerSizes).toEqual([5]);
  });

  it('saves nothing when nothing changed, and forgets images the engine no longer has', async () => {
    const c = await LayerFactsCache.open(path, 'e');
    await c.save();
    await expect(readFile(path)).rejects.toThrow();
    c.set(facts(1));
    c.set(facts(2));
    c.retainOnly([hex(2)]);
    await c.save();
    const again = await LayerFactsCache.open(path, 'e');
    expect([...again.values()].map((f) => f.imageId)).toEqual([hex(2)]);
  });

  it('replaces a symlink at the path instead of writing through it', async () => {
    const elsewhere = join(dir, 'elsewhere.txt');
    await writeFile(elsewhere, 'keep me');
    await symlink(elsewhere, path);
    const c = await LayerFactsCache.open(path, 'e');
    c.set(facts(1));
    await c.save();
    expect(await readFile(elsewhere, 'utf8')).toBe('keep me');
    expect((await LayerFactsCache.open(path, 'e')).get(hex(1))).toEqual(facts(1));
  });

  it('keeps the engines seen most recently within the bound of 20,000 images', async () => {
    const old = await LayerFactsCache.open(path, 'old');
    for (let i = 0; i < 15_000; i++) old.set(facts(i));
    await old.save();
    const recent = await LayerFactsCache.open(path, 'recent');
    for (let i = 0; i < 6_000; i++) recent.set(facts(i));
    await recent.save();
    expect((await LayerFactsCache.open(path, 'recent')).size).toBe(6_000);
    expect((await LayerFactsCache.open(path, 'old')).size).toBe(0);
  });

  it('stays in memory when the folder cannot be written, without an error', async () => {
    await writeFile(join(dir, 'file'), 'x');
    const c = await LayerFactsCache.open(join(dir, 'file', 'layer-facts.json'), 'e');
    c.set(facts(1));
    await expect(c.save()).resolves.toBeUndefined();
    expect(c.get(hex(1))).toEqual(facts(1));
  });
});
