// Where engines people actually run leave their API socket, and what to call each one.
// Sources: Docker Desktop (~/.docker/run, ~/.docker/desktop on Linux), rootless Docker
// ($XDG_RUNTIME_DIR/docker.sock), Colima ($COLIMA_HOME or ~/.colima/<profile>/docker.sock),
// Rancher Desktop (~/.rd), OrbStack (~/.orbstack/run), Podman (rootless
// $XDG_RUNTIME_DIR/podman/podman.sock, rootful /run/podman/podman.sock), Podman machine
// (4.x: ~/.local/share/containers/podman/machine/<machine or vm type>/podman.sock;
// 5.x: <TMPDIR on macOS, XDG_RUNTIME_DIR on Linux>/podman/<machine>-api.sock), Windows
// named pipes.

import { basename, dirname, join, relative, sep } from 'node:path';
import type { FileView } from './file-view';

export interface SocketCandidate {
  /** Engine address, e.g. unix:///home/me/.colima/default/docker.sock */
  host: string;
  /** What to check for existence: a socket path or a `\\.\pipe\name` path. */
  path: string;
  label: string;
}

export interface PlaceInput {
  env: Record<string, string | undefined>;
  homeDir: string;
  platform: NodeJS.Platform;
  /** For /run/user/<uid> when XDG_RUNTIME_DIR is unset (Linux). Defaults to this process's uid. */
  uid?: number;
}

const WINDOWS_PIPES: { name: string; label: string }[] = [
  { name: 'docker_engine', label: 'Docker' },
  { name: 'dockerDesktopLinuxEngine', label: 'Docker Desktop (Linux engine)' },
  { name: 'podman-machine-default', label: 'Podman machine (podman-machine-default)' },
];

interface Places {
  xdgRuntimeDir: string | undefined;
  colimaHome: string;
  podmanMachineDataDir: string;
  /** Where Podman 5 machines put <machine>-api.sock. */
  podmanMachineRuntimeDir: string | undefined;
}

function places({ env, homeDir, platform, uid }: PlaceInput): Places {
  const currentUid = uid ?? process.getuid?.();
  const xdgRuntimeDir =
    env.XDG_RUNTIME_DIR || (platform === 'linux' && currentUid !== undefined ? `/run/user/${currentUid}` : undefined);
  const dataHome = env.XDG_DATA_HOME || join(homeDir, '.local', 'share');
  const podmanMachineRuntimeDir =
    platform === 'darwin'
      ? join(env.TMPDIR || '/tmp', 'podman')
      : xdgRuntimeDir
        ? join(xdgRuntimeDir, 'podman')
        : undefined;
  return {
    xdgRuntimeDir,
    colimaHome: env.COLIMA_HOME || join(homeDir, '.colima'),
    podmanMachineDataDir: join(dataHome, 'containers', 'podman', 'machine'),
    podmanMachineRuntimeDir,
  };
}

interface FixedSocket {
  path: string;
  label: string;
  /** Per-user product sockets are listed before profile scans; per-machine ones after. */
  shared: boolean;
}

/** Sockets at fixed places, most specific product first, the system socket last. */
function fixedSockets(input: PlaceInput, p: Places): FixedSocket[] {
  const home = input.homeDir;
  const list: FixedSocket[] = [
    { path: join(home, '.docker', 'run', 'docker.sock'), label: 'Docker Desktop', shared: false },
    { path: join(home, '.docker', 'desktop', 'docker.sock'), label: 'Docker Desktop', shared: false },
    { path: join(p.colimaHome, 'docker.sock'), label: 'Colima', shared: false }, // Colima 0.3 and older, before profiles
    { path: join(home, '.rd', 'docker.sock'), label: 'Rancher Desktop', shared: false },
  ];
  if (input.platform === 'darwin') {
    list.push({ path: join(home, '.orbstack', 'run', 'docker.sock'), label: 'OrbStack', shared: false });
  }
  if (input.platform === 'linux' && p.xdgRuntimeDir) {
    list.push({ path: join(p.xdgRuntimeDir, 'docker.sock'), label: 'Docker (rootless)', shared: false });
    list.push({ path: join(p.xdgRuntimeDir, 'podman', 'podman.sock'), label: 'Podman (rootless)', shared: false });
  }
  if (input.platform === 'linux')
    list.push({ path: '/run/podman/podman.sock', label: 'Podman (rootful)', shared: true });
  // On macOS this is a symlink some product installed (Docker Desktop, Podman's mac helper…).
  const systemLabel = input.platform === 'linux' ? 'Docker Engine' : 'Docker (/var/run/docker.sock)';
  list.push({ path: '/var/run/docker.sock', label: systemLabel, shared: true });
  return list;
}

function colimaLabel(profile: string): string {
  return `Colima (${profile})`;
}

function podmanMachineLabel(machine: string): string {
  return `Podman machine (${machine})`;
}

/** Every place an engine socket could be on this platform; directories are listed, nothing is probed. */
export function socketCandidates(input: PlaceInput, fs: FileView): SocketCandidate[] {
  if (input.platform === 'win32') {
    return WINDOWS_PIPES.map(({ name, label }) => ({
      host: `npipe:////./pipe/${name}`,
      path: `\\\\.\\pipe\\${name}`,
      label,
    }));
  }
  const p = places(input);
  const fixed = fixedSockets(input, p);
  const found: { path: string; label: string }[] = fixed.filter((f) => !f.shared);
  // Colima keeps VM state in "_lima" (and similar "_…" dirs) next to its profiles.
  for (const profile of fs.listDirs(p.colimaHome).filter((d) => !d.startsWith('_'))) {
    found.push({ path: join(p.colimaHome, profile, 'docker.sock'), label: colimaLabel(profile) });
  }
  for (const dir of fs.listDirs(p.podmanMachineDataDir)) {
    found.push({ path: join(p.podmanMachineDataDir, dir, 'podman.sock'), label: podmanMachineLabel(dir) });
    for (const sub of fs.listDirs(join(p.podmanMachineDataDir, dir))) {
      found.push({ path: join(p.podmanMachineDataDir, dir, sub, 'podman.sock'), label: podmanMachineLabel(sub) });
    }
  }
  const apiSuffix = '-api.sock';
  if (p.podmanMachineRuntimeDir) {
    for (const file of fs.listFiles(p.podmanMachineRuntimeDir).filter((f) => f.endsWith(apiSuffix))) {
      const machine = file.slice(0, -apiSuffix.length);
      found.push({ path: join(p.podmanMachineRuntimeDir, file), label: podmanMachineLabel(machine) });
    }
  }
  found.push(...fixed.filter((f) => f.shared));
  return found.map(({ path, label }) => ({ host: `unix://${path}`, path, label }));
}

/**
 * The product that usually owns this address, when it is one of the known places;
 * undefined otherwise. Pure: recognises profile and machine sockets by their shape.
 */
export function productLabelForHost(host: string, input: PlaceInput): string | undefined {
  if (input.platform === 'win32' || host.startsWith('npipe://')) {
    const pipe = host
      .replace(/^npipe:\/\//, '')
      .replace(/\\/g, '/')
      .replace(/^\/\/\.\/pipe\//, '');
    return WINDOWS_PIPES.find((w) => w.name.toLowerCase() === pipe.toLowerCase())?.label;
  }
  if (!host.startsWith('unix://')) return undefined;
  const path = host.slice('unix://'.length);
  const p = places(input);
  const fixed = fixedSockets(input, p).find((s) => s.path === path);
  if (fixed) return fixed.label;
  if (basename(path) === 'docker.sock' && dirname(dirname(path)) === p.colimaHome) {
    return colimaLabel(basename(dirname(path)));
  }
  const underMachineDir = relative(p.podmanMachineDataDir, path);
  if (basename(path) === 'podman.sock' && !underMachineDir.startsWith('..') && underMachineDir.includes(sep)) {
    return podmanMachineLabel(basename(dirname(path)));
  }
  if (p.podmanMachineRuntimeDir && dirname(path) === p.podmanMachineRuntimeDir && path.endsWith('-api.sock')) {
    return podmanMachineLabel(basename(path).slice(0, -'-api.sock'.length));
  }
  return undefined;
}
