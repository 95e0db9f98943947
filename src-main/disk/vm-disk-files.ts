// Where each VM product keeps its disk file, found by stat and readdir only:
// Barnacle never opens, edits or compacts one. Paths are relative to a home
// directory passed in (tests use a temp home), each with its source.

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { VmDiskFile, VmProduct } from '../../src-shared/disk-levels';

export interface VmDiskSearch {
  home: string;
  platform: NodeJS.Platform;
  /** %LOCALAPPDATA% on Windows; defaults to <home>\AppData\Local. */
  localAppData?: string;
  /** $XDG_DATA_HOME, where Podman keeps its machines when set; defaults to <home>/.local/share. */
  xdgDataHome?: string;
}

interface Candidate {
  product: VmProduct;
  path: string;
}

/** The file names found in `dir`'s immediate subfolders (skipping names starting with `_`, Lima's own). */
async function instanceFiles(dir: string, names: string[]): Promise<string[]> {
  const instances = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return instances
    .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
    .flatMap((d) => names.map((n) => join(dir, d.name, n)));
}

/**
 * Podman machine disks: *.raw, *.qcow2, *.vhdx below <machine dir>/<provider>/, up to
 * wsl/wsldist/<name>/ext4.vhdx, where `wsl --import` puts a WSL machine's disk
 * (containers/podman pkg/machine/wsl/machine.go, provisionWSLDist). Compressed
 * downloads (*.qcow2.xz) are not disks.
 */
async function podmanMachineFiles(dir: string, depth = 3): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isFile() && /\.(raw|qcow2|vhdx)$/i.test(entry.name)) found.push(path);
    else if (entry.isDirectory() && depth > 0) found.push(...(await podmanMachineFiles(path, depth - 1)));
  }
  return found;
}

async function candidates({ home, platform, localAppData, xdgDataHome }: VmDiskSearch): Promise<Candidate[]> {
  const list: Candidate[] = [];
  const add = (product: VmProduct, paths: string[]) => list.push(...paths.map((path) => ({ product, path })));
  // Lima 2.1 renamed an instance's diffdisk to disk, leaving a disk → diffdisk
  // link in migrated instances (lima-vm/lima#4587, as trailofbits/coop#37 reports):
  // both are looked for, and a file reached twice is counted once.
  const limaDisks = ['diffdisk', 'disk'];

  if (platform === 'darwin') {
    // docs.docker.com's Mac disk-utilization page, as docker/docs#9516 moved it to vms/0/data.
    add('docker-desktop', [join(home, 'Library/Containers/com.docker.docker/Data/vms/0/data/Docker.raw')]);
    // rancher-sandbox/rancher-desktop#3442 (its du of this very file) and #678.
    add('rancher-desktop', [join(home, 'Library/Application Support/rancher-desktop/lima/0/diffdisk')]);
    // OrbStack: ~/.orbstack/data/data.img in its docs and orbstack/orbstack#29, since
    // made a link into its group container, where the image is data.img.raw
    // (orbstack/orbstack#29 comments, #2186 naming HUAQ24HBR6.dev.orbstack).
    const group = join(home, 'Library/Group Containers/HUAQ24HBR6.dev.orbstack/data');
    add('orbstack', [join(group, 'data.img.raw'), join(group, 'data.img'), join(home, '.orbstack/data/data.img')]);
  }
  if (platform === 'linux') {
    // Docker Desktop for Linux's default disk image location (docker/desktop-linux#189, #285).
    add('docker-desktop', [join(home, '.docker/desktop/vms/0/data/Docker.raw')]);
    // rancher-sandbox/rancher-desktop#2285: ~/.local/share/rancher-desktop/lima/0/diffdisk on Linux.
    add('rancher-desktop', [join(home, '.local/share/rancher-desktop/lima/0/diffdisk')]);
  }
  if (platform === 'win32') {
    const appData = localAppData ?? join(home, 'AppData', 'Local');
    // Docker Desktop 4.30+ keeps its data in wsl\disk\docker_data.vhdx (docs.docker.com WSL best
    // practices, quoted in okibcn/wslcompact#40; microsoft/WSL#40243); older ones in the
    // docker-desktop-data distro's wsl\data\ext4.vhdx (microsoft/WSL#4699 and the gists it links).
    add('docker-desktop-wsl', [
      join(appData, 'Docker', 'wsl', 'disk', 'docker_data.vhdx'),
      join(appData, 'Docker', 'wsl', 'data', 'ext4.vhdx'),
    ]);
  }
  if (platform === 'darwin' || platform === 'linux') {
    // abiosoft/colima: instances are Lima VMs under ~/.colima/_lima (brewsterkahle/onionpress#230
    // shows colima/_lima/colima/diffdisk; Colima's FAQ points fstrim at it, abiosoft/colima#659).
    add('colima', await instanceFiles(join(home, '.colima', '_lima'), limaDisks));
    // lima-vm/lima#356 and #1102: ~/.lima/<instance>/diffdisk.
    add('lima', await instanceFiles(join(home, '.lima'), limaDisks));
  }
  // Podman machine: ~/.local/share/containers/podman/machine/<provider>/ (containers/podman
  // pkg/machine/env/dir.go DataDirPrefix: the XDG data home), e.g. qemu (containers/podman#14697,
  // its e2e init_test.go), applehv and libkrun on macOS (#20776; ddev/ddev#8551 measures the
  // whole folder), wsl and hyperv on Windows.
  const dataHome = xdgDataHome || join(home, '.local', 'share');
  add('podman-machine', await podmanMachineFiles(join(dataHome, 'containers', 'podman', 'machine')));
  return list;
}

/**
 * Every known VM disk file under `home` that exists, with its apparent size and
 * the bytes it occupies. stat follows links (OrbStack's data folder is one);
 * a file reached by two paths is listed once, under the first.
 */
export async function findVmDiskFiles(search: VmDiskSearch): Promise<VmDiskFile[]> {
  const seen = new Set<string>();
  const files: VmDiskFile[] = [];
  for (const { product, path } of await candidates(search)) {
    const st = await stat(path).catch(() => null);
    if (!st?.isFile()) continue;
    const key = `${st.dev}:${st.ino}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // libuv gives Windows no block count; `blocks` is then 0 or undefined, which would read as "empty".
    const blocksKnown = search.platform !== 'win32' && typeof st.blocks === 'number';
    files.push({ product, path, apparentBytes: st.size, occupiedBytes: blocksKnown ? st.blocks * 512 : null });
  }
  return files;
}
