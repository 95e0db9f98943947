// Issue 12: why a disk stays full after a prune. Three figures disagree: what
// the engine reports (GET /system/df), what its storage really occupies on its
// filesystem, and, for engines in a VM, what the VM's disk file occupies on the
// host (a sparse file keeps blocks the VM freed until they are trimmed and
// compacted). Main measures; this file holds the shapes and the pure rule the
// app and the CLI share. Words are the catalogue's (src-shared/messages/disk.ts).

/** Products whose engine runs in a VM whose disk is one file on the host. */
export const VM_PRODUCTS = [
  'docker-desktop',
  'docker-desktop-wsl',
  'podman-machine',
  'colima',
  'lima',
  'rancher-desktop',
  'orbstack',
] as const;
export type VmProduct = (typeof VM_PRODUCTS)[number];

export interface VmDiskFile {
  product: VmProduct;
  path: string;
  /** st.size: what `ls -l` shows, the disk's capacity for a sparse file. */
  apparentBytes: number;
  /** st.blocks * 512: what the file takes from the host's disk; null where the OS gives no blocks (Windows). */
  occupiedBytes: number | null;
}

/** Why the engine's storage was not measured. */
export type StorageUnknownReason =
  | 'remote-engine' // ssh:// or tcp://: its files are on another machine
  | 'engine-in-vm' // a local socket into a VM: the data root is inside the VM
  | 'no-data-root' // /info named no data root
  | 'data-root-unreadable' // not there, or not ours to read
  | 'info-failed' // GET /info failed
  | 'walk-skipped' // asked not to measure (barnacle df --no-walk)
  | 'helper-image-missing' // the helper image is not on the engine (Barnacle never pulls it)
  | 'helper-failed' // the helper container could not run, or its output was not du's and df's
  | 'helper-timeout'; // the helper container did not finish within the budget (it was removed)

/** How the storage figure was taken: Barnacle's walk here, or du in a short-lived container on the engine. */
export type StorageVia = 'walk' | 'helper-container';

export type EngineStorage =
  | {
      state: 'measured';
      /**
       * 'walk': Barnacle walked the data root on this machine (st.blocks, bytes exact).
       * 'helper-container': busybox du -k -x and df -k in a container on the engine,
       * the data root mounted read-only: figures in whole KiB, rounded by du and df.
       */
      via: StorageVia;
      /** The image the helper ran (via 'helper-container' only). */
      helperImage?: string;
      /** The engine's data root as /info names it (DockerRootDir). */
      root: string;
      /** Allocated bytes below root (st.blocks * 512), each inode once, this filesystem only. */
      allocatedBytes: number;
      /** Entries counted; null for the helper (du -s gives no count). */
      entries: number | null;
      /** Entries that could not be read (a directory's listing or an entry's stat), left out of the sum. */
      unreadable: number;
      /** The time budget or an abort stopped the walk: allocatedBytes is a lower bound. */
      partial: boolean;
      /** The filesystem holding root (statfs): free for an unprivileged writer, and its size. */
      filesystemFreeBytes: number | null;
      filesystemTotalBytes: number | null;
      /** Docker's containerd image store keeps images in containerd's root, which may lie outside root. */
      imagesOutsideRoot: boolean;
      measuredAt: number;
      tookMs: number;
    }
  | {
      state: 'unknown';
      reason: StorageUnknownReason;
      /** helper-image-missing: the image to pull, and the command for it, as typed (docker pull / podman pull). */
      helperImage?: string;
      pullCommand?: string;
    };

/** Where each figure came from and when, so a reader can judge how far to trust it. */
export interface DiskLevels {
  reported: { bytes: number; source: 'engine-system-df'; at: number } | null;
  /** source: 'helper-container' when a helper container measured it, else 'walk-data-root'. */
  storage: EngineStorage & { source: 'walk-data-root' | 'helper-container' };
  vm: { files: VmDiskFile[]; source: 'stat-known-paths'; at: number };
  findings: DiskFinding[];
}

/** What a compaction costs a person, so they can choose when to do it. */
export type GuideCost = 'none' | 'vm-restart' | 'wsl-shutdown' | 'deletes-all-data';

export interface CompactionGuide {
  /** Catalogue key under disk.guide.*: the steps. */
  code: string;
  product: VmProduct;
  /** The command(s) to run, as typed; empty where the product does it on its own. */
  commands: string[];
  cost: GuideCost;
}

export type DiskFinding =
  | {
      /** Freed space inside a VM stays in its disk file until it is trimmed and compacted. */
      code: 'vm-file-keeps-freed-space';
      product: VmProduct;
      occupiedBytes: number;
      reportedBytes: number;
      guides: CompactionGuide[];
    }
  | {
      /** The data root holds more than the engine reports (driver copies, logs, orphaned layers). */
      code: 'storage-exceeds-reported';
      allocatedBytes: number;
      reportedBytes: number;
    };

export const GiB = 1024 ** 3;

export interface Threshold {
  /** How much larger, as a fraction of the smaller figure: 0.2 = 20 %. */
  ratio: number;
  /** And at least this many bytes, so small engines do not raise alarms over noise. */
  minBytes: number;
}
export const DEFAULT_THRESHOLD: Threshold = { ratio: 0.2, minBytes: GiB };

/** `larger` exceeds `smaller` by more than the ratio and by at least minBytes. */
export function exceeds(larger: number, smaller: number, t: Threshold = DEFAULT_THRESHOLD): boolean {
  return larger > smaller * (1 + t.ratio) && larger - smaller >= t.minBytes;
}

// Each product's way to give freed blocks back to the host. Sources in
// src-main/disk/vm-disk-files.ts next to each product's path, and here:
// - Docker Desktop (macOS): it trims on its own (docker/docs#15407, #9516
//   discussion of linuxkit's automatic trim); a restart makes it run; "Clean /
//   Purge data" (Troubleshoot) shrinks the file by deleting everything.
// - WSL: `wsl --shutdown`, then Optimize-VHD -Mode Full or diskpart's compact
//   vdisk (microsoft/WSL#4699); trim first or compaction finds little
//   (docker/desktop-feedback#366).
// - Podman machine: `podman machine ssh sudo fstrim -av` took a 53 G machine
//   folder to 2.7 G (ddev/ddev#8551).
// - Colima: `colima ssh -- sudo fstrim -a` (Colima's FAQ, quoted in
//   abiosoft/colima#659; that issue shows an Alpine guest's busybox lacking -a).
// - Lima: `fstrim -a` in the guest, once disks carry discard=on (lima-vm/lima#1102).
// - Rancher Desktop: trims /mnt/data at boot and shutdown itself
//   (rancher-sandbox/rancher-desktop#3442); by hand `rdctl shell sudo fstrim /mnt/data` (#3158).
// - OrbStack: its maintainers call the sparse image intended and managed by
//   OrbStack (orbstack/orbstack#29); users report `orb restart` helping when
//   it does not shrink (orbstack/orbstack#574). No compaction command.
export function compactionGuides(product: VmProduct, files: readonly VmDiskFile[]): CompactionGuide[] {
  // diskpart expands no variables: the found files' own paths go into the commands.
  const paths = files.map((f) => f.path);
  switch (product) {
    case 'docker-desktop':
      return [
        { code: 'disk.guide.dockerDesktopRestart', product, commands: [], cost: 'vm-restart' },
        { code: 'disk.guide.dockerDesktopPurge', product, commands: [], cost: 'deletes-all-data' },
      ];
    case 'docker-desktop-wsl':
      return [
        {
          code: 'disk.guide.wslOptimize',
          product,
          commands: ['wsl --shutdown', ...paths.map((p) => `Optimize-VHD -Path "${p}" -Mode Full`)],
          cost: 'wsl-shutdown',
        },
        {
          code: 'disk.guide.wslDiskpart',
          product,
          commands: [
            'wsl --shutdown',
            'diskpart',
            ...paths.flatMap((p) => [
              `select vdisk file="${p}"`,
              'attach vdisk readonly',
              'compact vdisk',
              'detach vdisk',
            ]),
          ],
          cost: 'wsl-shutdown',
        },
      ];
    case 'podman-machine':
      return [{ code: 'disk.guide.fstrim', product, commands: ['podman machine ssh sudo fstrim -av'], cost: 'none' }];
    case 'colima':
      return [{ code: 'disk.guide.fstrim', product, commands: ['colima ssh -- sudo fstrim -a'], cost: 'none' }];
    case 'lima':
      return [
        {
          code: 'disk.guide.fstrim',
          product,
          commands: [...new Set(files.map((f) => `limactl shell ${limaInstanceOf(f.path)} sudo fstrim -a`))],
          cost: 'none',
        },
      ];
    case 'rancher-desktop':
      return [
        { code: 'disk.guide.rancherRestart', product, commands: [], cost: 'vm-restart' },
        { code: 'disk.guide.fstrim', product, commands: ['rdctl shell sudo fstrim /mnt/data'], cost: 'none' },
      ];
    case 'orbstack':
      return [{ code: 'disk.guide.orbstack', product, commands: ['orb restart'], cost: 'vm-restart' }];
  }
}

/** A Lima instance's name: the folder holding its disk (~/.lima/<name>/diffdisk). */
function limaInstanceOf(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 2] ?? 'default';
}

/** The sum of what the engine's /system/df counts. */
export function reportedTotal(usage: {
  images: { total: number };
  containers: { total: number };
  volumes: { total: number };
  buildCache: { total: number };
}): number {
  return usage.images.total + usage.containers.total + usage.volumes.total + usage.buildCache.total;
}

/**
 * Where the three levels disagree by more than the threshold. Barnacle cannot
 * tell which VM file holds the connected engine, so every product whose files
 * occupy more than the engine reports is named; each with its guides.
 */
export function diskFindings(
  reportedBytes: number | null,
  storage: EngineStorage,
  vmFiles: VmDiskFile[],
  t: Threshold = DEFAULT_THRESHOLD,
): DiskFinding[] {
  if (reportedBytes === null) return [];
  const findings: DiskFinding[] = [];
  if (storage.state === 'measured' && exceeds(storage.allocatedBytes, reportedBytes, t))
    findings.push({ code: 'storage-exceeds-reported', allocatedBytes: storage.allocatedBytes, reportedBytes });
  const byProduct = new Map<VmProduct, VmDiskFile[]>();
  for (const file of vmFiles) byProduct.set(file.product, [...(byProduct.get(file.product) ?? []), file]);
  for (const [product, files] of byProduct) {
    const known = files.map(takenBytes).filter((n): n is number => n !== null);
    if (known.length === 0) continue;
    const occupiedBytes = known.reduce((s, n) => s + n, 0);
    if (!exceeds(occupiedBytes, reportedBytes, t)) continue;
    findings.push({
      code: 'vm-file-keeps-freed-space',
      product,
      occupiedBytes,
      reportedBytes,
      guides: compactionGuides(product, files),
    });
  }
  return findings;
}

/**
 * What a file takes from the host. Where the OS gives no block count (Windows),
 * a dynamically expanding VHDX is not sparse: it grows its file and never
 * shrinks it (microsoft/WSL#4699), so its size is what it takes. Otherwise unknown.
 */
export function takenBytes(file: VmDiskFile): number | null {
  if (file.occupiedBytes !== null) return file.occupiedBytes;
  return /\.vhdx$/i.test(file.path) ? file.apparentBytes : null;
}
