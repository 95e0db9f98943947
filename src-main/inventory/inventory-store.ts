// The last inventory snapshot of the current engine, refreshed on demand and
// on engine events. Disk usage is fetched in the background and attached when
// it arrives, so the lists never wait for /system/df.

import type Docker from 'dockerode';
import type { DiskUsage, InventorySnapshot } from '../../src-shared/model';
import { readDiskUsage } from './disk-usage';
import { readLists, type ReadListsOptions } from './read-lists';

type SnapshotListener = (snapshot: InventorySnapshot) => void;

export class InventoryStore {
  private snapshotNow: InventorySnapshot | null = null;
  private diskUsageNow: DiskUsage | null = null;
  private diskUsageInFlight: Promise<DiskUsage | null> | null = null;
  private readonly listeners = new Set<SnapshotListener>();

  constructor(private readonly docker: () => Docker | null) {}

  get snapshot(): InventorySnapshot | null {
    return this.snapshotNow;
  }

  onChange(listener: SnapshotListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads both lists now. Throws the engine's error when it cannot. */
  async refresh(options: ReadListsOptions = {}): Promise<InventorySnapshot> {
    const docker = this.requireDocker();
    const lists = await readLists(docker, options);
    const snapshot: InventorySnapshot = { ...lists, diskUsage: this.diskUsageNow, takenAt: Date.now() };
    // A view with intermediates is an answer to one request, not the app's shared state.
    if (!options.includeIntermediate) this.publish(snapshot);
    return snapshot;
  }

  /** Starts a disk usage fetch unless one is running; resolves with its figures (null on failure). */
  refreshDiskUsage(): Promise<DiskUsage | null> {
    if (this.diskUsageInFlight) return this.diskUsageInFlight;
    const docker = this.docker();
    if (!docker) return Promise.resolve(this.diskUsageNow);
    this.diskUsageInFlight = readDiskUsage(docker)
      .then((usage) => {
        this.diskUsageNow = usage;
        if (this.snapshotNow) this.publish({ ...this.snapshotNow, diskUsage: usage });
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
  }

  private requireDocker(): Docker {
    const docker = this.docker();
    if (!docker) throw Object.assign(new Error('no engine connected'), { code: 'ECONNREFUSED' });
    return docker;
  }

  private publish(snapshot: InventorySnapshot): void {
    this.snapshotNow = snapshot;
    for (const l of this.listeners) l(snapshot);
  }
}
