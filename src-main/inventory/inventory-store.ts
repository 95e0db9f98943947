// The last inventory snapshot of the current engine. It is read in full on
// (re)connection, on a slow safety timer and when no event stream is available;
// otherwise engine events keep it up to date, one image or container at a time
// (engine-events.ts). Full reads and event batches run one after another, so a
// batch is never undone by a list read before it. Disk usage is fetched in the
// background and attached when it arrives, so the lists never wait for /system/df.

import type Docker from 'dockerode';
import type { DiskUsage, ImageLayerView, InventorySnapshot } from '../../src-shared/model';
import type { EngineConnection } from '../engine/connection';
import { normalizeImageId } from '../../src-shared/ids';
import { readDiskUsage } from './disk-usage';
import { applyDigest, digestEvents, readsNeeded, type EngineEvent, type RawLists } from './engine-events';
import type { RawContainer, RawImage } from './engine-answers';
import { accountingOf, type LayerAccounting } from './layer-accounting';
import { fetchLayerFacts, readByTag, type ImageLayers } from './layer-facts';
import { engineKeyOf, type LayerFactsCache, type LayerFactsCaches } from './layer-facts-cache';
import type { LastUsedStore, LastUsedStores } from './last-used-store';
import { backfill, recordContainers, recordEvents } from './usage-feed';
import { lastUseOf } from '../../src-shared/last-used';
import { withSpaceFigures } from './space-figures';
import { listsFrom } from './read-lists';
import { readBuildContainers, withBuildHolders } from './read-build-containers';
import { listsSharedSize, unsharedImageFacts } from './unshared-images';
import { imageNamed } from '../engine/handles';
import { inBackground } from '../runtime/background';

/** More distinct images and containers than this in one batch: one full read is cheaper than reading each. */
const MOST_READS_PER_BATCH = 50;

type SnapshotListener = (snapshot: InventorySnapshot) => void;

export class InventoryStore {
  private snapshotNow: InventorySnapshot | null = null;
  private diskUsageNow: DiskUsage | null = null;
  private diskUsageInFlight: Promise<DiskUsage | null> | null = null;
  private readonly listeners = new Set<SnapshotListener>();
  private spaceInFlight: Promise<void> | null = null;
  private raw: RawLists | null = null;
  /** Full reads and event batches, one at a time. */
  private work: Promise<unknown> = Promise.resolve();
  private relistRunning: Promise<InventorySnapshot> | null = null;
  /** Whether engine events keep the snapshot current (set by whoever follows them). */
  private followed = false;
  /** The current engine's accounting (what its figures mean), once read. */
  private accounting: LayerAccounting | null = null;
  /** The current engine's layer facts, once opened (from disk: known before any call). */
  private openCache: LayerFactsCache | null = null;
  /**
   * The current engine's last uses, once opened; backfilled once per connection (`backfilledFor`):
   * a reconnection, after the engine or the network was away, reads what happened meanwhile.
   */
  private usage: { key: string; store: LastUsedStore; backfilledFor: object | null } | null = null;

  /**
   * `connection`: the current engine's client and what it is (its store decides each image's pull-back).
   * `layerFacts`: the process's layer facts by engine.
   * `lastUsed`: the process's last uses by engine, and the clock they are dated by; none: no Last used.
   */
  constructor(
    private readonly connection: () => Pick<EngineConnection, 'docker' | 'engine' | 'endpoint'> | null,
    private readonly layerFacts: LayerFactsCaches,
    private readonly lastUsed: { stores: LastUsedStores; now: () => number } | null = null,
  ) {}

  private docker(): Docker | null {
    return this.connection()?.docker ?? null;
  }

  get snapshot(): InventorySnapshot | null {
    return this.snapshotNow;
  }

  onChange(listener: SnapshotListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads both lists now, after any batch in progress. Throws the engine's error when it cannot. */
  refresh(): Promise<InventorySnapshot> {
    const run = this.work.catch(() => undefined).then(() => this.relist());
    // Set at once, queued or running: whoever asks for the current lists meanwhile gets this read.
    this.relistRunning = run;
    void run
      .finally(() => {
        if (this.relistRunning === run) this.relistRunning = null;
      })
      .catch(() => undefined);
    this.work = run;
    return run;
  }

  /**
   * The inventory as it stands: the snapshot while engine events keep it current,
   * the full read in progress if there is one, a new full read otherwise.
   */
  current(): Promise<InventorySnapshot> {
    if (this.relistRunning) return this.relistRunning;
    if (this.snapshotNow && this.followed && this.raw) return Promise.resolve(this.snapshotNow);
    return this.refresh();
  }

  get following(): boolean {
    return this.followed;
  }

  /**
   * The raw lists while engine events keep them current, after any batch in
   * progress; null when nothing follows the engine (then callers list for themselves).
   */
  async followedLists(
    connection: Pick<EngineConnection, 'endpoint'>,
  ): Promise<{ images: RawImage[]; containers: RawContainer[] } | null> {
    await this.work.catch(() => undefined);
    const raw = this.raw;
    if (!this.followed || !raw || this.connection()?.endpoint.host !== connection.endpoint.host) return null;
    return { images: [...raw.images.values()], containers: [...raw.containers.values()] };
  }

  /** Engine events now keep the snapshot current (true), or nothing does (false). */
  setFollowed(followed: boolean): void {
    this.followed = followed;
  }

  /**
   * Applies one batch of engine events: removals without a call, one inspect per
   * other image named, one list call for the containers named. A batch naming many
   * (a prune) is one full read instead. Rejects when the engine cannot answer.
   */
  applyEvents(events: readonly EngineEvent[]): Promise<void> {
    const run = this.work
      .catch(() => undefined)
      .then(async () => {
        const connection = this.requireConnection();
        const digest = digestEvents(events, { imageRemovalIsFinal: connection.engine.kind === 'docker' });
        const raw = this.raw;
        if (!raw || digest.needsFullRead || readsNeeded(digest) > MOST_READS_PER_BATCH) {
          await this.relist(events);
          return;
        }
        const patched = await applyDigest(connection.docker, raw, digest, {
          listSizeDiffers: connection.engine.kind === 'docker' && connection.engine.imageStore === 'containerd',
        });
        if (this.raw !== raw) return;
        if (patched === 'incomplete') await this.relist(events);
        else {
          // The lists as patched name each event's image (a container's row is read back).
          this.recordUses(events, raw);
          this.publishFrom(raw);
        }
      });
    this.work = run;
    return run;
  }

  /** `events`: the batch this read follows, whose uses are recorded against the new lists. */
  private async relist(events: readonly EngineEvent[] = []): Promise<InventorySnapshot> {
    const connection = this.requireConnection();
    const { docker } = connection;
    // SharedSize lets plans size images that share no layer without reading their facts.
    const sharedSize = listsSharedSize(connection.engine) ? { 'shared-size': true } : {};
    const [rawImages, rawContainers, buildContainers] = await Promise.all([
      // all=1 always: children and dangling need the intermediate images too.
      docker.listImages({ all: true, ...sharedSize }) as unknown as Promise<RawImage[]>,
      docker.listContainers({ all: true }) as unknown as Promise<RawContainer[]>,
      // Podman: the images its builds' leftovers hold (none on Docker, and no call). A failure
      // leaves them unmarked; plans read them again and say why such an image stays.
      readBuildContainers(docker, connection.engine).catch(() => []),
      // The facts remembered from earlier runs give the first snapshot its figures.
      this.openCacheFor(connection),
      this.openUsageFor(connection),
      accountingOf(connection).then(
        (accounting) => (this.accounting = accounting),
        () => undefined,
      ),
    ]);
    const raw: RawLists = {
      images: new Map((rawImages ?? []).map((i) => [normalizeImageId(i.Id), i])),
      containers: new Map((rawContainers ?? []).map((c) => [c.Id, c])),
      buildContainers,
    };
    this.raw = raw;
    const usage = this.usage;
    if (usage && this.lastUsed) {
      recordContainers(usage.store, raw.containers.values());
      usage.store.retainOnly(raw.images.keys());
      this.recordUses(events, raw);
      if (usage.backfilledFor !== connection) {
        usage.backfilledFor = connection;
        inBackground(this.backfillUses(usage.store), 'reading the event history for last uses');
      } else {
        // Images gone since the last read leave the file (writes only when something changed).
        inBackground(usage.store.save(), 'saving last uses');
      }
    }
    return this.publishFrom(raw);
  }

  private recordUses(events: readonly EngineEvent[], raw: RawLists): void {
    const store = this.usage?.store;
    if (!store || !this.lastUsed || !events.length) return;
    recordEvents(store, events, raw, 'event', this.lastUsed.now());
    inBackground(store.save(), 'saving last uses');
  }

  /**
   * Reads what happened while nobody watched (last-used.ts's sources), after any
   * read in progress, then shows it. Queued like the reads: it reads the lists as they stand.
   */
  private backfillUses(store: LastUsedStore): Promise<void> {
    const run = this.work
      .catch(() => undefined)
      .then(async () => {
        const connection = this.connection();
        const raw = this.raw;
        if (!connection || !raw || !this.lastUsed || this.usage?.store !== store) return;
        await backfill(connection.docker, store, raw, this.lastUsed.now(), connection.engine);
        await store.save();
        if (this.raw === raw) this.publishFrom(raw);
      });
    this.work = run;
    return run;
  }

  private async openUsageFor(connection: Pick<EngineConnection, 'endpoint' | 'engine'>): Promise<void> {
    if (!this.lastUsed) return;
    const key = engineKeyOf(connection);
    const store = await this.lastUsed.stores.for(key);
    if (this.connection()?.endpoint.host !== connection.endpoint.host || this.usage?.key === key) return;
    this.usage = { key, store, backfilledFor: null };
  }

  /** The images with their last uses, when a store keeps them. */
  private withLastUses(images: InventorySnapshot['images']): InventorySnapshot['images'] {
    const store = this.usage?.store;
    if (!store) return images;
    return images.map((image) => ({
      ...image,
      lastUsed: lastUseOf(store.get(image.id), image.created, store.watchingSince),
    }));
  }

  private publishFrom(raw: RawLists): InventorySnapshot {
    const { engine } = this.requireConnection();
    const lists = withBuildHolders(
      listsFrom([...raw.images.values()], [...raw.containers.values()], { engine }),
      raw.buildContainers ?? [],
    );
    let snapshot: InventorySnapshot = {
      ...lists,
      images: this.withLastUses(lists.images),
      diskUsage: this.diskUsageNow,
      takenAt: Date.now(),
    };
    snapshot = withSpaceFigures(snapshot, this.knownFacts(snapshot));
    this.publish(snapshot);
    if (snapshot.images.some((i) => i.uniqueSize === undefined)) {
      inBackground(this.readSpaceFigures(), 'reading layer facts for the space figures');
    }
    return snapshot;
  }

  /** Reads layer facts for images not yet known (in the background), then republishes with exact figures. */
  readSpaceFigures(): Promise<void> {
    if (this.spaceInFlight) return this.spaceInFlight;
    const connection = this.connection();
    const snapshot = this.snapshotNow;
    if (!connection || !snapshot) return Promise.resolve();
    this.spaceInFlight = this.openCacheFor(connection)
      .then(async (cache) => {
        // Images that share no layer are sized from the list; the rest need their facts.
        const fromList = this.listFacts();
        const readBy = readByTag(connection.engine.imageStore, snapshot.images);
        const read = await fetchLayerFacts(
          connection.docker,
          snapshot.images.map((i) => i.id).filter((id) => !fromList.has(id)),
          { cache, ...(readBy ? { readBy } : {}) },
        );
        const facts = new Map([...fromList, ...read]);
        cache.retainOnly(this.raw ? [...this.raw.images.keys()] : snapshot.images.map((i) => i.id));
        inBackground(cache.save(), 'saving layer facts');
        // A newer snapshot may have been published meanwhile: enrich that one, from the cache.
        const latest = this.snapshotNow;
        if (latest) this.publish(withSpaceFigures(latest, latest === snapshot ? facts : this.knownFacts(latest)));
      })
      // Space figures are extra information; the lists stay useful without them.
      .catch(() => undefined)
      .finally(() => {
        this.spaceInFlight = null;
      });
    return this.spaceInFlight;
  }

  /** One image's layers with sizes, and how many other images hold each one. */
  async layersOf(ref: string): Promise<ImageLayerView> {
    const connection = this.requireConnection();
    const docker = connection.docker;
    const { Id } = (await imageNamed(docker, ref).inspect()) as { Id: string };
    const imageId = normalizeImageId(Id);
    // Sharing is counted over every listed image's layers, so read those first (cached after once).
    if (this.snapshotNow) await this.readSpaceFigures();
    const cache = await this.openCacheFor(connection);
    const facts = (await fetchLayerFacts(docker, [imageId], { cache })).get(imageId);
    if (!facts) throw Object.assign(new Error(`No such image: ${ref}`), { statusCode: 404 });
    const holders = new Map<string, number>();
    for (const other of cache.values()) {
      if (other.imageId === imageId) continue;
      for (const chain of new Set(other.chainIds)) holders.set(chain, (holders.get(chain) ?? 0) + 1);
    }
    const view: ImageLayerView = {
      imageId,
      layers: facts.chainIds.map((chainId, i) => ({
        chainId,
        size: facts.layerSizes[i] ?? 0,
        sharedWith: holders.get(chainId) ?? 0,
      })),
      exact: facts.exact,
    };
    if (facts.reason) view.reason = facts.reason;
    return view;
  }

  private async openCacheFor(connection: Pick<EngineConnection, 'endpoint' | 'engine'>): Promise<LayerFactsCache> {
    const cache = await this.layerFacts.for(connection);
    if (this.connection()?.endpoint.host === connection.endpoint.host) this.openCache = cache;
    return cache;
  }

  /**
   * Facts known without a call for the snapshot's images: those read before (in
   * memory, or from disk once the engine's cache is open), and for images that
   * share no layer, their list row (unshared-images.ts).
   */
  private knownFacts(snapshot: InventorySnapshot) {
    const facts = new Map<string, ImageLayers>();
    const cache = this.openCache;
    const fromList = this.listFacts();
    for (const image of snapshot.images) {
      const f = cache?.get(image.id) ?? fromList.get(image.id);
      if (f) facts.set(image.id, f);
    }
    return facts;
  }

  private listFacts(): Map<string, ImageLayers> {
    const connection = this.connection();
    if (!this.raw || !this.accounting || !connection || !listsSharedSize(connection.engine)) return new Map();
    return unsharedImageFacts([...this.raw.images.values()], this.accounting);
  }

  /** Starts a disk usage fetch unless one is running; resolves with its figures (null on failure). */
  refreshDiskUsage(): Promise<DiskUsage | null> {
    if (this.diskUsageInFlight) return this.diskUsageInFlight;
    const docker = this.docker();
    if (!docker) return Promise.resolve(this.diskUsageNow);
    this.diskUsageInFlight = readDiskUsage(docker)
      .then((usage) => {
        this.diskUsageNow = usage;
        if (this.snapshotNow)
          this.publish(withSpaceFigures({ ...this.snapshotNow, diskUsage: usage }, this.knownFacts(this.snapshotNow)));
        return usage;
      })
      // Disk usage is extra information; the lists stay useful without it.
      .catch(() => this.diskUsageNow)
      .finally(() => {
        this.diskUsageInFlight = null;
      });
    return this.diskUsageInFlight;
  }

  get diskUsage(): DiskUsage | null {
    return this.diskUsageNow;
  }

  /** Forget everything: the engine changed. */
  reset(): void {
    this.snapshotNow = null;
    this.diskUsageNow = null;
    this.raw = null;
    this.followed = false;
    this.openCache = null;
    this.accounting = null;
    // The next engine's store is opened and backfilled afresh (the same one again reads what it missed).
    this.usage = null;
  }

  private requireConnection(): Pick<EngineConnection, 'docker' | 'engine' | 'endpoint'> {
    const connection = this.connection();
    if (!connection) throw Object.assign(new Error('no engine connected'), { code: 'ECONNREFUSED' });
    return connection;
  }

  private publish(snapshot: InventorySnapshot): void {
    this.snapshotNow = snapshot;
    for (const l of this.listeners) l(snapshot);
  }
}
