// Last uses for a one-shot reader (the CLI's `ls`): the store in the data folder,
// brought up to date from the engine's event history and containers as the app
// does at its start, then saved, so the app and the CLI build the same record.

import type Docker from 'dockerode';
import type { ContainerSummary, ImageSummary } from '../../src-shared/model';
import { lastUseOf } from '../../src-shared/last-used';
import type { RawContainer, RawImage } from './engine-answers';
import { LastUsedStore, lastUsedPath } from './last-used-store';
import { backfill } from './usage-feed';

/** The lists as the feed reads them, from summaries (what the CLI's lists are). */
function knownLists(images: ImageSummary[], containers: ContainerSummary[]) {
  return {
    images: new Map<string, RawImage>(
      images.map((i) => [i.id, { Id: i.id, RepoTags: i.tags, Created: i.created, Size: i.size }]),
    ),
    containers: new Map<string, RawContainer>(
      containers.map((c) => [
        c.id,
        { Id: c.id, Image: c.imageRef, ImageID: c.imageId, State: c.state, Created: c.created },
      ]),
    ),
  };
}

/** What brings a store up to date: the engine, its lists as read now, and the clock. */
export interface UseFeed {
  docker: Docker;
  lists: { images: ImageSummary[]; containers: ContainerSummary[] };
  now: number;
  engine: { kind: 'docker' | 'podman' };
}

/**
 * The images with their last uses. Images gone are not dropped from the store here:
 * `ls` without -a does not list intermediate images, which the app's full reads keep.
 */
export async function withLastUses(feed: UseFeed, engineKey: string, dataDir: string): Promise<ImageSummary[]> {
  return usesFrom(await openUpToDate(feed, engineKey, dataDir), feed.lists.images);
}

/** The store in the data folder, brought up to date from the engine's event history and containers, and saved. */
export async function openUpToDate(feed: UseFeed, engineKey: string, dataDir: string): Promise<LastUsedStore> {
  const store = await LastUsedStore.open(lastUsedPath(dataDir), engineKey, () => feed.now);
  return bringUpToDate(feed, store);
}

/**
 * A store the app keeps up to date (the inventory's), as it is; one never brought
 * up to date (no list read yet) is backfilled first.
 */
export async function upToDateOnce(feed: UseFeed, store: LastUsedStore): Promise<LastUsedStore> {
  return store.seenUntil === null ? bringUpToDate(feed, store) : store;
}

async function bringUpToDate({ docker, lists, now, engine }: UseFeed, store: LastUsedStore): Promise<LastUsedStore> {
  await backfill(docker, store, knownLists(lists.images, lists.containers), now, engine);
  await store.save();
  return store;
}

/**
 * When each image was last used (ms), as a lookup for a policy's rules: the store's
 * use, else the image's own date (lastUseOf's `at`). A lookup, not copies of 10,000 images.
 */
export const lastUseAtIn =
  (store: LastUsedStore) =>
  (image: ImageSummary): number =>
    store.get(image.id)?.at ?? image.created * 1000;

const usesFrom = (store: LastUsedStore, images: ImageSummary[]): ImageSummary[] =>
  images.map((image) => ({ ...image, lastUsed: lastUseOf(store.get(image.id), image.created, store.watchingSince) }));
