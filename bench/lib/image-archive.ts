// Many distinct images in one `docker load`: a docker-save archive of N images,
// each FROM scratch with one small layer of its own, or on a shared base layer
// (the same bytes, hence the same layer, for every image naming that base). Building them one by one
// would take minutes; loading takes seconds, on Docker and on Podman.

import { createHash } from 'node:crypto';
import { tar, type TarEntry } from '../../tests/engines/tar';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

export interface ArchiveImage {
  tag: string;
  /** Content of the image's single file; distinct content → distinct image. */
  content: string;
  /** Unix seconds; lets a bench make "old" images. */
  created?: number;
  labels?: Record<string, string>;
  /** Content of a lower layer shared by every image giving the same base. */
  base?: string;
}

export function imageArchive(images: ArchiveImage[]): Buffer {
  const entries: TarEntry[] = [];
  const manifest: { Config: string; RepoTags: string[]; Layers: string[] }[] = [];
  const written = new Set<string>();
  const layerEntry = (data: Buffer, key: string) => {
    const dir = sha256(key);
    if (!written.has(dir)) entries.push({ name: `${dir}/layer.tar`, data });
    written.add(dir);
    return `${dir}/layer.tar`;
  };
  for (const image of images) {
    const own = tar([{ name: 'payload.txt', data: Buffer.from(image.content) }]);
    const base = image.base === undefined ? null : tar([{ name: 'base.txt', data: Buffer.from(image.base) }]);
    const layers = [...(base ? [base] : []), own];
    const diffIds = layers.map((l) => `sha256:${sha256(l)}`);
    const created = new Date((image.created ?? Math.floor(Date.now() / 1000)) * 1000).toISOString();
    const config = JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created,
      config: { Labels: image.labels ?? {}, Cmd: ['/payload.txt'] },
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: layers.map(() => ({ created, created_by: 'barnacle bench' })),
    });
    const configName = `${sha256(config)}.json`;
    entries.push({ name: configName, data: Buffer.from(config) });
    const layerPaths = [
      ...(base ? [layerEntry(base, `base ${image.base}`)] : []),
      layerEntry(own, diffIds[diffIds.length - 1]! + image.tag),
    ];
    manifest.push({ Config: configName, RepoTags: [image.tag], Layers: layerPaths });
  }
  entries.push({ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) });
  return tar(entries);
}
