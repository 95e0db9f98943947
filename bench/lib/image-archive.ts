// Many distinct images in one `docker load`: a docker-save archive of N images,
// each FROM scratch with one small layer of its own. Building them one by one
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
}

export function imageArchive(images: ArchiveImage[]): Buffer {
  const entries: TarEntry[] = [];
  const manifest: { Config: string; RepoTags: string[]; Layers: string[] }[] = [];
  for (const image of images) {
    const layer = tar([{ name: 'payload.txt', data: Buffer.from(image.content) }]);
    const diffId = `sha256:${sha256(layer)}`;
    const created = new Date((image.created ?? Math.floor(Date.now() / 1000)) * 1000).toISOString();
    const config = JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created,
      config: { Labels: image.labels ?? {}, Cmd: ['/payload.txt'] },
      rootfs: { type: 'layers', diff_ids: [diffId] },
      history: [{ created, created_by: 'barnacle bench' }],
    });
    const configName = `${sha256(config)}.json`;
    const layerDir = sha256(diffId + image.tag);
    entries.push({ name: configName, data: Buffer.from(config) });
    entries.push({ name: `${layerDir}/layer.tar`, data: layer });
    manifest.push({ Config: configName, RepoTags: [image.tag], Layers: [`${layerDir}/layer.tar`] });
  }
  entries.push({ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) });
  return tar(entries);
}
