// The images and containers the store and fleet benches stand up: `bench/img-N:v1`,
// half standing alone and half on one of ten shared 64 KiB base layers (as images
// built FROM the same few bases are), loaded in one archive; then containers on
// some of them, made eight at a time.

import type Dockerode from 'dockerode';
import { imageArchive } from './image-archive';
import { inParallel } from './measure';

export const benchTag = (i: number): string => `bench/img-${i}:v1`;

export async function loadBenchImages(docker: Dockerode, count: number): Promise<void> {
  const archive = imageArchive(
    Array.from({ length: count }, (_, i) => ({
      tag: benchTag(i),
      content: `image ${i}`,
      ...(i % 2 === 1 ? { base: `base ${i % 10}\n`.padEnd(64 << 10, '.') } : {}),
    })),
  );
  const loading = await docker.loadImage(archive as unknown as NodeJS.ReadableStream);
  await new Promise((resolve, reject) =>
    docker.modem.followProgress(loading, (err) => (err ? reject(err) : resolve(null))),
  );
}

/** `count` stopped containers `bench-c-N`, container N on image `imageOf(N)`. */
export async function createBenchContainers(
  docker: Dockerode,
  count: number,
  imageOf: (i: number) => number,
): Promise<void> {
  await inParallel(
    Array.from({ length: count }, (_, i) => i),
    8,
    async (i) => {
      await docker.createContainer({
        Image: benchTag(imageOf(i)),
        name: `bench-c-${i}`,
        HostConfig: { NetworkMode: 'none' },
      });
    },
  );
}
