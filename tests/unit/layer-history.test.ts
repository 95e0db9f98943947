import { describe, expect, it } from 'vitest';
import { say } from '../../src-shared/messages/translate';
import { chainIdsOf, EMPTY_LAYER_DIFF_ID } from '../../src-main/inventory/chain-id';
import { layerAccountingOf } from '../../src-main/inventory/layer-accounting';
import { mapHistoryToLayers, rowKind, type HistoryRow } from '../../src-main/inventory/layer-history';

const row = (createdBy: string, size = 0, id = '<missing>'): HistoryRow => ({ id, size, createdBy });

describe('chainIdsOf', () => {
  // Diff IDs of an image built on Docker 20.10, and the layer directories its
  // overlay2 layerdb created for them (image/overlay2/layerdb/sha256/<chain ID>).
  const diffIds = [
    'sha256:08576b99e0cc904a5b15e257f76c6f063afd5c71422bb49391f613058aa95ed5',
    'sha256:ca5a165bec35a7a7ba0f4af3abfa6b17e517ed51481f305b9501999ed3eb843e',
    'sha256:263f1cdde2981fd82da355404060d5fbccaf0d8386595b3a4976e690954c3971',
    'sha256:8968732a97fcc1ca35e6cfe38f65af7f47e8de72062c959983a585d32a374e12',
  ];
  const layerdb = [
    'sha256:08576b99e0cc904a5b15e257f76c6f063afd5c71422bb49391f613058aa95ed5',
    'sha256:e9b2ad76c0bef7ee4697dfa55e117f1e091cd79df5c83556b3e936fbb175bcb2',
    'sha256:1363618284890ebd659e8585db6441ed54c949bd48574711b5399bfe8e101156',
    'sha256:f4835920025e9b14282339909e30a343ae5316eb2ad56d7075b2b0cce9154704',
  ];

  it("matches moby's layerdb chain IDs", () => {
    expect(chainIdsOf(diffIds)).toEqual(layerdb);
  });

  it('reads bare-hex diff IDs the same way', () => {
    expect(chainIdsOf(diffIds.map((d) => d.replace('sha256:', '')))).toEqual(layerdb);
  });

  it('gives a different chain for the same top layer on another base', () => {
    const [first, second] = chainIdsOf([EMPTY_LAYER_DIFF_ID, diffIds[1]!]);
    expect(first).toBe(EMPTY_LAYER_DIFF_ID);
    expect(second).not.toBe(layerdb[1]);
    expect(chainIdsOf([])).toEqual([]);
  });
});

describe('rowKind', () => {
  it('tells metadata steps from steps that may add a layer', () => {
    expect(rowKind(row('/bin/sh -c #(nop)  ENV X=1'))).toBe('metadata');
    expect(rowKind(row('/bin/sh -c #(nop) CMD ["sh"]'))).toBe('metadata');
    expect(rowKind(row('LABEL a=b'))).toBe('metadata'); // BuildKit spelling
    expect(rowKind(row('ARG VERSION=1'))).toBe('metadata');
    expect(rowKind(row('/bin/sh -c #(nop) WORKDIR /app'))).toBe('maybe');
    expect(rowKind(row('/bin/sh -c #(nop) COPY dir:abc in /emptydir '))).toBe('maybe');
    expect(rowKind(row('/bin/sh -c true'))).toBe('maybe');
    expect(rowKind(row('RUN /bin/sh -c rm -rf /x # buildkit'))).toBe('maybe');
    expect(rowKind(row('/bin/sh -c USER=me make'))).toBe('maybe');
    expect(rowKind(row('/bin/sh -c #(nop)  ENV X=1', 12))).toBe('layer');
  });
});

describe('mapHistoryToLayers', () => {
  it('maps sized rows to layers and skips metadata', () => {
    const rows = [
      row('COPY busybox', 1982256),
      row('RUN install', 3216),
      row('#(nop) ENV PATH=/bin'),
      row('#(nop) CMD ["sh"]'),
    ];
    expect(mapHistoryToLayers(2, rows)).toEqual({ kind: 'exact', layerSizes: [1982256, 3216] });
  });

  it('places a zero-size layer when only one placement fits', () => {
    const rows = [row('COPY a', 10), row('#(nop) LABEL x=y'), row('RUN rm /a'), row('RUN b', 5)];
    expect(mapHistoryToLayers(3, rows)).toEqual({ kind: 'exact', layerSizes: [10, 0, 5] });
  });

  it('is exact when undecided rows sit between the same sized layers', () => {
    // Either RUN may be the empty layer: the sizes land in the same places.
    const rows = [row('COPY a', 10), row('RUN true'), row('RUN rm /a'), row('RUN b', 5)];
    expect(mapHistoryToLayers(3, rows)).toEqual({ kind: 'exact', layerSizes: [10, 0, 5] });
  });

  // Docker 20.10, seen live: `RUN true` became an empty_layer step while
  // `COPY emptydir` and `RUN rm /blob` became zero-size layers.
  const dockerKid: HistoryRow[] = [
    row('/bin/sh -c #(nop) COPY file:73e2 in /bin/busybox ', 1982256, 'sha256:f3ba'),
    row('/bin/busybox --install -s /bin', 3216, 'sha256:98b4'),
    row('/bin/sh -c #(nop)  ENV PATH=/bin', 0, 'sha256:f6c1'),
    row('/bin/sh -c #(nop)  CMD ["sh"]', 0, 'sha256:d342'),
    row('/bin/sh -c #(nop)  LABEL a=b', 0, 'sha256:d664'),
    row('/bin/sh -c true', 0, 'sha256:7d9b'),
    row('/bin/sh -c #(nop) COPY dir:8a78 in /emptydir ', 0, 'sha256:d098'),
    row('/bin/sh -c #(nop) COPY file:6b6d in /blob ', 307200, 'sha256:ce56'),
    row('/bin/sh -c rm /blob', 0, 'sha256:51ee'),
    row('/bin/sh -c head -c 100000 /dev/zero > /z', 100000, 'sha256:645a'),
    row('/bin/sh -c #(nop)  ENV X=1', 0, 'sha256:460d'),
  ];

  it('names the rows whose layer count would settle an ambiguous history', () => {
    const first = mapHistoryToLayers(6, dockerKid);
    expect(first.kind).toBe('ambiguous');
    if (first.kind !== 'ambiguous') return;
    // `RUN rm /blob` must be a layer whichever it is: only the two steps below the blob are open.
    expect(first.rowsToResolve).toEqual([5, 6]);
    // The guess keeps zero-size layers late, so the 300 KB lands on the lower layer.
    expect(first.layerSizes).toEqual([1982256, 3216, 0, 307200, 0, 100000]);
  });

  it("settles it with the step images' layer counts", () => {
    // Inspecting the `RUN true` step image gives 2 layers: it added none.
    const settled = mapHistoryToLayers(6, dockerKid, new Map([[5, 2]]));
    expect(settled).toEqual({ kind: 'exact', layerSizes: [1982256, 3216, 0, 307200, 0, 100000] });
    const other = mapHistoryToLayers(
      6,
      dockerKid,
      new Map([
        [5, 3],
        [6, 4],
      ]),
    );
    expect(other).toEqual({ kind: 'exact', layerSizes: [1982256, 3216, 0, 0, 307200, 100000] });
  });

  it('maps Podman histories, where every layer has tar bytes', () => {
    const podmanKid = [
      row('/bin/sh -c #(nop) COPY file:01b0 in /bin/busybox ', 1984512),
      row('/bin/sh -c ["/bin/busybox", "--install", "-s", "/bin"]', 142848),
      row('/bin/sh -c #(nop) ENV PATH=/bin'),
      row('/bin/sh -c #(nop) CMD ["sh"]'),
      row('/bin/sh -c #(nop) LABEL a=b'),
      row('/bin/sh -c true', 1024),
      row('/bin/sh -c #(nop) COPY dir:5f70 in /emptydir ', 1536),
      row('/bin/sh -c #(nop) COPY file:b46c in /blob ', 308736),
      row('/bin/sh -c rm /blob', 1536),
      row('/bin/sh -c head -c 100000 /dev/zero > /z', 101888),
      row('/bin/sh -c #(nop) ENV X=1'),
    ];
    expect(mapHistoryToLayers(7, podmanKid)).toEqual({
      kind: 'exact',
      layerSizes: [1984512, 142848, 1024, 1536, 308736, 1536, 101888],
    });
  });

  it('reports a mismatch when the history cannot describe the layers', () => {
    expect(mapHistoryToLayers(2, []).kind).toBe('mismatch');
    expect(mapHistoryToLayers(1, [row('a', 1), row('b', 2)]).kind).toBe('mismatch');
    // A metadata-only history for an image with a layer (squashed or imported).
    const squashed = mapHistoryToLayers(1, [row('#(nop) CMD ["sh"]')]);
    expect(squashed.kind).toBe('mismatch');
    if (squashed.kind === 'mismatch') expect(say('en', squashed.reason)).toMatch(/does not match its 1 layers/);
    // Known counts that contradict the sizes.
    expect(mapHistoryToLayers(2, [row('a', 1), row('RUN x'), row('b', 2)], new Map([[0, 0]])).kind).toBe('mismatch');
  });

  it('maps an image with no layers', () => {
    expect(mapHistoryToLayers(0, [row('#(nop) LABEL a=b')])).toEqual({ kind: 'exact', layerSizes: [] });
  });
});

describe('layerAccountingOf', () => {
  const docker = { Platform: { Name: 'Docker Engine - Community' }, Components: [{ Name: 'Engine' }] };
  const podman = { Platform: { Name: 'linux/amd64/debian-12' }, Components: [{ Name: 'Podman Engine' }] };

  it('trusts Docker overlay2 on the classic store', () => {
    expect(layerAccountingOf(docker, { Driver: 'overlay2', DriverStatus: [['Backing Filesystem', 'extfs']] })).toEqual({
      images: { exact: true },
      containers: { exact: true },
      blobsBesideSnapshots: false,
    });
  });

  it('does not trust Podman layer sizes, nor vfs for anything', () => {
    const vfs = layerAccountingOf(podman, { Driver: 'vfs' });
    expect(vfs.images.exact).toBe(false);
    if (!vfs.images.exact) expect(say('en', vfs.images.reason)).toMatch(/tar streams.*full copy/);
    expect(vfs.containers.exact).toBe(false);
    const overlay = layerAccountingOf(podman, { Driver: 'overlay' });
    expect(overlay.images.exact).toBe(false);
    if (!overlay.images.exact) expect(say('en', overlay.images.reason)).not.toMatch(/full copy/);
    expect(overlay.containers.exact).toBe(true);
    expect(layerAccountingOf(docker, { Driver: 'vfs' }).images.exact).toBe(false);
    expect(layerAccountingOf(docker, { Driver: 'vfs' }).containers.exact).toBe(false);
  });

  it("does not trust Docker's containerd image store", () => {
    const status: [string, string][] = [['driver-type', 'io.containerd.snapshotter.v1']];
    const accounting = layerAccountingOf(docker, { Driver: 'overlayfs', DriverStatus: status });
    expect(accounting.images.exact).toBe(false);
    if (!accounting.images.exact) expect(say('en', accounting.images.reason)).toMatch(/compressed blob/);
    // Its history sizes count the unpacked snapshot only: the blob's share is added to each layer.
    expect(accounting.blobsBesideSnapshots).toBe(true);
    expect(layerAccountingOf(podman, { Driver: 'overlay', DriverStatus: status }).blobsBesideSnapshots).toBe(false);
  });
});
