// Issue 12's three levels of used, below the engine: VM disk files found as
// real sparse files at each product's known path under a temp home (their
// occupied bytes checked against what `stat` the program says, not a
// constant), the rule that names a disagreement, the data-root walker against
// `du`, and the df text in both languages.

import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  ftruncateSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diskFindings, GiB, type DiskLevels, type EngineStorage, type VmDiskFile } from '../../src-shared/disk-levels';
import { messages } from '../../src-shared/messages';
import { findVmDiskFiles } from '../../src-main/disk/vm-disk-files';
import { walkAllocated, type WalkFs } from '../../src-main/disk/tree-walk';
import { isLocalHost, measureEngineStorage, runsHere } from '../../src-main/disk/engine-storage';
import { combineLevels } from '../../src-main/disk/disk-levels';
import { renderDiskLevels } from '../../src-main/cli/format/disk-levels-text';
import type { DiskUsage } from '../../src-shared/model';

const MiB = 1024 ** 2;
const homes: string[] = [];
afterAll(() => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

function tempHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'barnacle-disk-'));
  homes.push(home);
  return home;
}

/** An 8 GiB sparse file with 1 MiB of data written in its middle, as a VM leaves its disk. */
function sparseDisk(home: string, relative: string): string {
  const path = join(home, relative);
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  try {
    ftruncateSync(fd, 8 * GiB);
    writeSync(fd, Buffer.alloc(MiB, 0xab), 0, MiB, 4 * GiB);
  } finally {
    closeSync(fd);
  }
  return path;
}

/** What the OS says the file occupies: GNU stat's %b (blocks) times %B (their size). */
function occupiedByStat(path: string): number {
  const [blocks, size] = execFileSync('stat', ['-c', '%b %B', path], { encoding: 'utf8' }).trim().split(' ');
  return Number(blocks) * Number(size);
}

function duBytes(path: string): number {
  return Number(execFileSync('du', ['-s', '-B1', '--one-file-system', path], { encoding: 'utf8' }).split('\t')[0]);
}

describe('VM disk files at their known paths', () => {
  it('finds each macOS product, with apparent size and the blocks it really occupies', async () => {
    const home = tempHome();
    const paths = {
      'docker-desktop': sparseDisk(home, 'Library/Containers/com.docker.docker/Data/vms/0/data/Docker.raw'),
      'rancher-desktop': sparseDisk(home, 'Library/Application Support/rancher-desktop/lima/0/diffdisk'),
      orbstack: sparseDisk(home, 'Library/Group Containers/HUAQ24HBR6.dev.orbstack/data/data.img.raw'),
      colima: sparseDisk(home, '.colima/_lima/colima/diffdisk'),
      lima: sparseDisk(home, '.lima/default/diffdisk'),
      'podman-machine': sparseDisk(
        home,
        '.local/share/containers/podman/machine/applehv/podman-machine-default-arm64.raw',
      ),
    };
    // OrbStack's old path is now a link to its group container: the same file, counted once.
    mkdirSync(join(home, '.orbstack'));
    symlinkSync(join(home, 'Library/Group Containers/HUAQ24HBR6.dev.orbstack/data'), join(home, '.orbstack/data'));
    // Lima 2.1 leaves disk → diffdisk in a migrated instance: once.
    symlinkSync('diffdisk', join(home, '.lima/default/disk'));
    // Podman's downloaded, compressed images are not disks; Lima's _config is not an instance.
    writeFileSync(join(home, '.local/share/containers/podman/machine/applehv/fedora.raw.xz'), 'x');
    sparseDisk(home, '.lima/_config/diffdisk');

    const files = await findVmDiskFiles({ home, platform: 'darwin' });
    expect(files.map((f) => f.product).sort()).toEqual(Object.keys(paths).sort());
    for (const [product, path] of Object.entries(paths)) {
      const file = files.find((f) => f.product === product)!;
      expect(file.path).toBe(path);
      expect(file.apparentBytes).toBe(8 * GiB);
      expect(file.occupiedBytes).toBe(occupiedByStat(path));
      // The 1 MiB written, give or take the filesystem's blocks around it; nowhere near 8 GiB.
      expect(file.occupiedBytes!).toBeGreaterThanOrEqual(MiB);
      expect(file.occupiedBytes!).toBeLessThan(2 * MiB);
    }
  });

  it('on Linux: Docker Desktop, Rancher Desktop, Lima and Podman machine; not the macOS-only paths', async () => {
    const home = tempHome();
    sparseDisk(home, '.local/share/rancher-desktop/lima/0/diffdisk');
    sparseDisk(home, '.local/share/containers/podman/machine/qemu/podman-machine-default_fedora-coreos.qcow2');
    sparseDisk(home, '.lima/dev/disk');
    sparseDisk(home, '.docker/desktop/vms/0/data/Docker.raw');
    sparseDisk(home, 'Library/Containers/com.docker.docker/Data/vms/0/data/Docker.raw');
    const files = await findVmDiskFiles({ home, platform: 'linux' });
    expect(files.map((f) => f.path.slice(home.length + 1)).sort()).toEqual([
      '.docker/desktop/vms/0/data/Docker.raw',
      '.lima/dev/disk',
      '.local/share/containers/podman/machine/qemu/podman-machine-default_fedora-coreos.qcow2',
      '.local/share/rancher-desktop/lima/0/diffdisk',
    ]);
    // With $XDG_DATA_HOME set Podman keeps its machines there, and not under ~/.local/share.
    const xdg = join(home, 'xdg');
    const moved = sparseDisk(xdg, 'containers/podman/machine/qemu/m.qcow2');
    const withXdg = await findVmDiskFiles({ home, platform: 'linux', xdgDataHome: xdg });
    expect(withXdg.filter((f) => f.product === 'podman-machine').map((f) => f.path)).toEqual([moved]);
  });

  it('on Windows: both Docker Desktop VHDX files and a Podman WSL machine; on-disk size unknown', async () => {
    const home = tempHome();
    const appData = join(home, 'AppData', 'Local');
    sparseDisk(appData, 'Docker/wsl/disk/docker_data.vhdx');
    sparseDisk(appData, 'Docker/wsl/data/ext4.vhdx');
    sparseDisk(home, '.local/share/containers/podman/machine/wsl/wsldist/podman-machine-default/ext4.vhdx');
    const files = await findVmDiskFiles({ home, platform: 'win32' });
    expect(files.map((f) => [f.product, f.occupiedBytes])).toEqual([
      ['docker-desktop-wsl', null],
      ['docker-desktop-wsl', null],
      ['podman-machine', null],
    ]);
    expect(files.every((f) => f.apparentBytes === 8 * GiB)).toBe(true);
  });

  it('lists nothing for a home without VM products, and nothing for a folder where a file should be', async () => {
    const home = tempHome();
    expect(await findVmDiskFiles({ home, platform: 'darwin' })).toEqual([]);
    mkdirSync(join(home, 'Library/Containers/com.docker.docker/Data/vms/0/data/Docker.raw'), { recursive: true });
    expect(await findVmDiskFiles({ home, platform: 'darwin' })).toEqual([]);
  });
});

const file = (product: VmDiskFile['product'], occupiedBytes: number | null, path = `/h/${product}`): VmDiskFile => ({
  product,
  path,
  apparentBytes: 64 * GiB,
  occupiedBytes,
});
const notMeasured: EngineStorage = { state: 'unknown', reason: 'engine-in-vm' };

describe('when the levels disagree', () => {
  it('names a VM file occupying more than 20 % and at least 1 GiB above what the engine reports', () => {
    const [finding] = diskFindings(10 * GiB, notMeasured, [file('colima', 13 * GiB)]);
    expect(finding).toMatchObject({ code: 'vm-file-keeps-freed-space', product: 'colima', occupiedBytes: 13 * GiB });
    expect(finding?.code === 'vm-file-keeps-freed-space' && finding.guides[0]?.commands).toEqual([
      'colima ssh -- sudo fstrim -a',
    ]);
  });

  it('says nothing within 20 %, nor under 1 GiB apart however large the ratio', () => {
    expect(diskFindings(10 * GiB, notMeasured, [file('colima', 11.9 * GiB)])).toEqual([]);
    expect(diskFindings(100 * MiB, notMeasured, [file('colima', 900 * MiB)])).toEqual([]);
    expect(diskFindings(0, notMeasured, [file('colima', GiB)])).toHaveLength(1);
  });

  it('sums a product’s files, names each product on its own, and cannot judge unknown blocks but for VHDX', () => {
    const findings = diskFindings(GiB, notMeasured, [
      file('docker-desktop-wsl', null, 'C:\\Users\\a\\AppData\\Local\\Docker\\wsl\\disk\\docker_data.vhdx'),
      file('podman-machine', 1.5 * GiB, '/h/a.raw'),
      file('podman-machine', 1.5 * GiB, '/h/b.raw'),
      file('lima', null, '/h/.lima/dev/diffdisk'),
    ]);
    expect(findings.map((f) => f.code === 'vm-file-keeps-freed-space' && [f.product, f.occupiedBytes])).toEqual([
      ['docker-desktop-wsl', 64 * GiB],
      ['podman-machine', 3 * GiB],
    ]);
    const wsl = findings[0]!;
    expect(wsl.code === 'vm-file-keeps-freed-space' && wsl.guides.map((g) => [g.code, g.cost, g.commands[0]])).toEqual([
      ['disk.guide.wslOptimize', 'wsl-shutdown', 'wsl --shutdown'],
      ['disk.guide.wslDiskpart', 'wsl-shutdown', 'wsl --shutdown'],
    ]);
  });

  it('names the data root taking more than reported, and gives Lima its instance name', () => {
    const storage: EngineStorage = {
      state: 'measured',
      via: 'walk',
      root: '/var/lib/docker',
      allocatedBytes: 5 * GiB,
      entries: 10,
      unreadable: 0,
      partial: false,
      filesystemFreeBytes: 1,
      filesystemTotalBytes: 2,
      imagesOutsideRoot: false,
      measuredAt: 0,
      tookMs: 1,
    };
    const findings = diskFindings(2 * GiB, storage, [file('lima', 9 * GiB, '/h/.lima/dev/diffdisk')]);
    expect(findings[0]).toEqual({ code: 'storage-exceeds-reported', allocatedBytes: 5 * GiB, reportedBytes: 2 * GiB });
    expect(findings[1]?.code === 'vm-file-keeps-freed-space' && findings[1].guides[0]?.commands).toEqual([
      'limactl shell dev sudo fstrim -a',
    ]);
    // No engine figure, nothing to disagree with.
    expect(diskFindings(null, storage, [file('lima', 9 * GiB)])).toEqual([]);
  });
});

describe('the data root walker', () => {
  it('counts allocated blocks like du -s -B1 --one-file-system, a hard-linked file once', async () => {
    const root = join(tempHome(), 'root');
    mkdirSync(join(root, 'a/b'), { recursive: true });
    writeFileSync(join(root, 'a/one'), Buffer.alloc(100_000, 1));
    writeFileSync(join(root, 'a/b/two'), Buffer.alloc(3 * MiB, 2));
    linkSync(join(root, 'a/b/two'), join(root, 'a/two-again'));
    symlinkSync('/etc', join(root, 'a/not-followed'));
    sparseDisk(root, 'sparse.raw');
    const walked = await walkAllocated(root);
    expect(walked).toMatchObject({ unreadable: 0, partial: false });
    expect(walked.allocatedBytes).toBe(duBytes(root));
    // The link's second name adds nothing: the 3 MiB count once.
    expect(walked.allocatedBytes).toBeLessThan(6 * MiB);
  });

  it('skips a directory it cannot list and counts it (injected: tests run as root, who reads a chmod 000 folder)', async () => {
    const root = join(tempHome(), 'root');
    mkdirSync(join(root, 'locked'), { recursive: true });
    writeFileSync(join(root, 'locked/inside'), Buffer.alloc(MiB, 1));
    writeFileSync(join(root, 'outside'), Buffer.alloc(MiB, 1));
    const real: WalkFs = {
      readdir: (p) => import('node:fs/promises').then((f) => f.readdir(p)),
      lstat: (p) => import('node:fs/promises').then((f) => f.lstat(p)),
    };
    const refusing: WalkFs = {
      ...real,
      readdir: (p) =>
        p.endsWith('locked') ? Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })) : real.readdir(p),
    };
    const all = await walkAllocated(root, { fs: real });
    const some = await walkAllocated(root, { fs: refusing });
    expect(some.unreadable).toBe(1);
    expect(all.unreadable).toBe(0);
    expect(all.allocatedBytes - some.allocatedBytes).toBe(occupiedByStat(join(root, 'locked/inside')));
    // The root itself unreadable is no measurement at all, not "one entry unreadable".
    await expect(walkAllocated(join(root, 'locked'), { fs: refusing })).rejects.toThrow('EACCES');
  });

  it.skipIf(process.getuid?.() === 0)('skips a chmod 000 directory (only when not root)', async () => {
    const root = join(tempHome(), 'root');
    mkdirSync(join(root, 'locked'), { recursive: true });
    chmodSync(join(root, 'locked'), 0);
    try {
      expect((await walkAllocated(root)).unreadable).toBe(1);
    } finally {
      chmodSync(join(root, 'locked'), 0o700);
    }
  });

  it('stops at its deadline and says the sum is partial', async () => {
    const root = join(tempHome(), 'root');
    mkdirSync(join(root, 'a/b/c'), { recursive: true });
    let clock = 0;
    const walked = await walkAllocated(root, { deadline: 2, now: () => clock++ });
    expect(walked.partial).toBe(true);
    const aborted = new AbortController();
    aborted.abort();
    expect((await walkAllocated(root, { signal: aborted.signal })).partial).toBe(true);
  });
});

describe('which engines are measured here', () => {
  it('only a socket or pipe on this machine, whose engine names this machine', async () => {
    expect(isLocalHost('unix:///var/run/docker.sock')).toBe(true);
    expect(isLocalHost('npipe:////./pipe/docker_engine')).toBe(true);
    expect(isLocalHost('ssh://me@box')).toBe(false);
    expect(isLocalHost('tcp://10.0.0.2:2376')).toBe(false);
    const info = () => Promise.reject(new Error('a remote engine is not asked'));
    expect(
      await measureEngineStorage({ host: 'ssh://me@box', engine: { imageStore: 'classic', kind: 'docker' }, info }),
    ).toEqual({
      state: 'unknown',
      reason: 'remote-engine',
    });
    expect(runsHere({ Name: 'box', OperatingSystem: 'Ubuntu 24.04' }, 'box')).toBe(true);
    expect(runsHere({ Name: 'docker-desktop', OperatingSystem: 'Docker Desktop' }, 'docker-desktop')).toBe(false);
    expect(runsHere({ Name: 'colima', OperatingSystem: 'Ubuntu 24.04' }, 'my-mac')).toBe(false);
  });
});

describe('df’s three levels, in words', () => {
  const usage: DiskUsage = {
    images: { total: GiB, reclaimable: 0, count: 1, active: 1 },
    containers: { total: 0, reclaimable: 0, count: 0, active: 0 },
    volumes: { total: 0, reclaimable: 0, count: 0, active: 0 },
    buildCache: { total: 0, reclaimable: 0, count: 0, active: 0 },
    fetchedAt: 1_000,
    tookMs: 5,
  };
  const files = [
    file('podman-machine', 20 * GiB, '/Users/a/.local/share/containers/podman/machine/applehv/m.raw'),
    file('docker-desktop-wsl', null, 'C:\\x\\docker_data.vhdx'),
    file('orbstack', 30 * GiB, '/Users/a/Library/Group Containers/HUAQ24HBR6.dev.orbstack/data/data.img.raw'),
  ];
  const storages: EngineStorage[] = [
    {
      state: 'measured',
      via: 'walk',
      root: '/var/lib/docker',
      allocatedBytes: 3 * GiB,
      entries: 9,
      unreadable: 2,
      partial: true,
      filesystemFreeBytes: 50 * GiB,
      filesystemTotalBytes: 100 * GiB,
      imagesOutsideRoot: true,
      measuredAt: 2_000,
      tookMs: 30_000,
    },
    { state: 'unknown', reason: 'remote-engine' },
    { state: 'unknown', reason: 'engine-in-vm' },
    { state: 'unknown', reason: 'no-data-root' },
    { state: 'unknown', reason: 'data-root-unreadable' },
    { state: 'unknown', reason: 'info-failed' },
    {
      state: 'measured',
      via: 'helper-container',
      helperImage: 'busybox:latest',
      root: '/var/lib/docker',
      allocatedBytes: 4 * GiB,
      entries: null,
      unreadable: 0,
      partial: false,
      filesystemFreeBytes: 40 * GiB,
      filesystemTotalBytes: 60 * GiB,
      imagesOutsideRoot: false,
      measuredAt: 2_000,
      tookMs: 1_200,
    },
    { state: 'unknown', reason: 'walk-skipped' },
    {
      state: 'unknown',
      reason: 'helper-image-missing',
      helperImage: 'busybox:latest',
      pullCommand: 'docker pull busybox:latest',
    },
    { state: 'unknown', reason: 'helper-failed' },
    { state: 'unknown', reason: 'helper-timeout' },
  ];
  const all: DiskLevels[] = storages.map((s) => combineLevels(usage, s, { files, at: 3_000 }));
  const ENGLISH = /[A-Za-z]{3,}[ ,:;.'’-]+[A-Za-z]{3,}/;
  /** Names, paths, commands and the HTTP request stay as they are in every language. */
  const facts = [
    ...files.map((f) => f.path),
    '/var/lib/docker',
    'GET /system/df',
    'GET /info',
    'Clean / Purge data',
    'Docker Desktop',
    'Rancher Desktop',
    'Podman',
    'OrbStack',
    'Barnacle',
    'PowerShell',
    'Hyper-V',
    'diskpart',
    'containerd',
    'Docker',
    'WSL',
    'docker pull busybox:latest',
    'busybox:latest',
  ];

  it('every level, reason and guide is in both catalogues', () => {
    for (const levels of all)
      for (const locale of ['en', 'zh'] as const) {
        const text = renderDiskLevels(levels, 60_000, locale);
        expect(text).not.toMatch(/disk\.[a-z]/);
      }
    const keys = Object.keys(messages.en).filter((k) => k.startsWith('disk.'));
    for (const key of keys) expect(messages.zh[key], key).toBeDefined();
  });

  it('English names the source and age of each level, and the guide lines where they disagree', () => {
    const text = renderDiskLevels(all[0]!, 60_000, 'en');
    expect(text).toContain('Engine reports: 1.07 GB (GET /system/df, 59 seconds ago)');
    expect(text).toContain('Storage on disk: at least 3.22 GB in /var/lib/docker (stopped after 30000 ms)');
    expect(text).toContain('2 entries unreadable, not counted');
    expect(text).toContain('Filesystem: 53.7 GB free of 107 GB');
    expect(text).toContain(
      'Docker Desktop (WSL): 68.7 GB on disk (a dynamically expanding VHDX takes its size), C:\\x\\docker_data.vhdx',
    );
    // diskpart expands no variables: the found file's own path.
    expect(text).toContain('select vdisk file="C:\\x\\docker_data.vhdx"');
    expect(text).toContain('Optimize-VHD -Path "C:\\x\\docker_data.vhdx" -Mode Full');
    expect(text).toContain('podman machine ssh sudo fstrim -av');
    expect(text).toContain('orb restart');
  });

  it('says a helper container measured the storage, in KiB, and how to bring a missing helper image', () => {
    const helper = renderDiskLevels(all[6]!, 60_000, 'en');
    expect(all[6]!.storage.source).toBe('helper-container');
    expect(all[0]!.storage.source).toBe('walk-data-root');
    expect(helper).toContain(
      'Storage on disk: 4.29 GB in /var/lib/docker (du in a helper container of busybox:latest, rounded to KiB, 58 seconds ago, took 1200 ms)',
    );
    expect(helper).toContain('Filesystem: 42.9 GB free of 64.4 GB');
    expect(renderDiskLevels(all[7]!, 60_000, 'en')).toContain('Storage on disk: unknown (not measured: --no-walk)');
    expect(renderDiskLevels(all[8]!, 60_000, 'en')).toContain(
      'Storage on disk: unknown (the helper image busybox:latest is not on the engine; Barnacle never pulls it. To bring it: docker pull busybox:latest)',
    );
  });

  it('Chinese shows no English sentence beyond names, paths and commands', () => {
    for (const levels of all) {
      let text = renderDiskLevels(levels, 60_000, 'zh');
      for (const finding of levels.findings)
        if (finding.code === 'vm-file-keeps-freed-space')
          for (const guide of finding.guides) for (const c of guide.commands) text = text.split(c).join(' ');
      for (const fact of facts) text = text.split(fact).join(' ');
      expect(text.match(ENGLISH)?.[0] ?? null, text).toBeNull();
    }
  });
});
