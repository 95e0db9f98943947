// The last inventory snapshot of the current engine, refreshed on demand and
// on engine events. Disk usage is fetched in the background and attached when
// it arrives, so the lists never wait for /system/df.

import type Docker from 'dockerode';
import type { DiskUsage, EngineInfo, ImageLayerView, InventorySnapshot } from '../../src-shared/model';
import { normalizeImageId } from './ids';
import { readDiskUsage } from './disk-usage';
import { fetchLayerFacts, LayerFactsCache } from './layer-facts';
import { withSpaceFigures } from './space-figures';
import { readLists } from './read-lists';

type SnapshotListener = (snapshot: InventorySnapshot) => void;

export class InventoryStore {
  private snapshotNow: InventorySnapshot | null = null;
  private diskUsageNow: DiskUsage | null = null;
  private diskUsageInFlight: Promise<DiskUsage | null> | null = null;
  private readonly listeners = new Set<SnapshotListener>();
  private layerCache = new LayerFactsCache();
  private spaceInFlight: Promise<void> | null = null;

  /** `connection`: the current engine's client and what it is (its store decides each image's pull-back). */
  constructor(private readonly connection: () => { docker: Docker; engine: EngineInfo } | null) {}

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

  /** Reads both lists now. Throws the engine's error when it cannot. */
  async refresh(): Promise<InventorySnapshot> {
    const { docker, engine } = this.requireConnection();
    const lists = await readLists(docker, { engine });
    let snapshot: InventorySnapshot = { ...lists, diskUsage: this.diskUsageNow, takenAt: Date.now() };
    snapshot = withSpaceFigures(snapshot, this.cachedFacts(snapshot));
    this.publish(snapshot);
    if (snapshot.images.some((i) => i.uniqueSize === undefined)) void this.readSpaceFigures();
    return snapshot;
  }

  /** Reads layer facts for images not yet known (in the background), then republishes with exact figures. */
  readSpaceFigures(): Promise<void> {
    if (this.spaceInFlight) return this.spaceInFlight;
    const docker = this.docker();
    const snapshot = this.snapshotNow;
    if (!docker || !snapshot) return Promise.resolve();
    this.spaceInFlight = fetchLayerFacts(
      docker,
      snapshot.images.map((i) => i.id),
      { cache: this.layerCache },
    )
      .then((facts) => {
        this.layerCache.retainOnly(snapshot.images.map((i) => i.id));
        // A newer snapshot may have been published meanwhile: enrich that one, from the cache.
        const latest = this.snapshotNow;
        if (latest) this.publish(withSpaceFigures(latest, latest === snapshot ? facts : this.cachedFacts(latest)));
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
    const docker = this.requireDocker();
    const { Id } = (await docker.getImage(ref).inspect()) as { Id: string };
    const imageId = normalizeImageId(Id);
    // Sharing is counted over every listed image's layers, so read those first (cached after once).
    if (this.snapshotNow) await this.readSpaceFigures();
    const facts = (await fetchLayerFacts(docker, [imageId], { cache: this.layerCache })).get(imageId);
    if (!facts) throw Object.assign(new Error(`No such image: ${ref}`), { statusCode: 404 });
    const holders = new Map<string, number>();
    for (const other of this.layerCache.values()) {
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

  private cachedFacts(snapshot: InventorySnapshot) {
    const facts = new Map<string, NonNullable<ReturnType<LayerFactsCache['get']>>>();
    for (const image of snapshot.images) {
      const f = this.layerCache.get(image.id);
      if (f) facts.set(image.id, f);
    }
    return facts;
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
          this.publish(withSpaceFigures({ ...this.snapshotNow, diskUsage: usage }, this.cachedFacts(this.snapshotNow)));
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
    this.layerCache = new LayerFactsCache();
  }

  private requireConnection(): { docker: Docker; engine: EngineInfo } {
    const connection = this.connection();
    if (!connection) throw Object.assign(new Error('no engine connected'), { code: 'ECONNREFUSED' });
    return connection;
  }

  private requireDocker(): Docker {
    return this.requireConnection().docker;
  }

  private publish(snapshot: InventorySnapshot): void {
    this.snapshotNow = snapshot;
    for (const l of this.listeners) l(snapshot);
  }
}
