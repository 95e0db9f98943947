// How each engine is laid out in its private dir D and which processes run it.
// Everything an engine writes lives under D, so a run never meets a system engine
// and teardown is "stop, unmount, rm -rf D".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { docker26Dir, trixieRoot, type EngineFamily, type EngineName } from './matrix.js';

/** The API dialect: Docker's or Podman's compat API. */
export type EngineKind = EngineFamily;

export interface Step {
  name: string;
  argv: string[];
  env?: NodeJS.ProcessEnv;
  log: string;
  /** Socket that answers once the process is ready. */
  socket: string;
  /** true: answers GET /_ping; false: the socket file appearing is enough. */
  http: boolean;
  /** How long SIGTERM may take before SIGKILL. */
  graceMs: number;
}

export interface Recipe {
  /** Config files to write, path → content. */
  files: Record<string, string>;
  /** Started in order, stopped in reverse. The last one serves the API. */
  steps: Step[];
}

interface DockerBuild {
  /** A folder holding usr/sbin/dockerd etc. (Docker 26); undefined: the system's. */
  root?: string;
  containerdStore: boolean;
}

/** What a test adds to an engine's own command line (a tcp:// listener with TLS); Docker only. */
export interface RecipeOptions {
  dockerdArgs?: string[];
}

function docker(dir: string, build: DockerBuild, options: RecipeOptions = {}): Recipe {
  const ctrSock = join(dir, 'containerd.sock');
  const bin = (name: string, sub = 'usr/bin') => (build.root ? join(build.root, sub, name) : name);
  // Docker 26's dockerd finds its containerd shim, docker-init and docker-proxy on PATH;
  // runc stays the system's (trixie's needs a newer glibc, provision-engines.sh drops it).
  const env: NodeJS.ProcessEnv | undefined = build.root
    ? {
        ...process.env,
        PATH: [join(build.root, 'usr/sbin'), join(build.root, 'usr/bin'), process.env.PATH ?? '', '/usr/sbin'].join(
          ':',
        ),
      }
    : undefined;
  const daemonJson = build.containerdStore ? '{"features":{"containerd-snapshotter":true}}\n' : '{}\n';
  // dockerd 20.10 adopts /run/containerd/containerd.sock when a system containerd
  // runs there (sharing its "moby" namespace with the system dockerd); otherwise it
  // starts one itself. Starting our own and passing --containerd makes both cases
  // the same, fully private one.
  const containerdToml = [
    'version = 2',
    `root = "${join(dir, 'containerd/root')}"`,
    `state = "${join(dir, 'containerd/state')}"`,
    'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
    '[grpc]',
    `  address = "${ctrSock}"`,
    '',
  ].join('\n');
  return {
    files: { 'daemon.json': daemonJson, 'containerd.toml': containerdToml },
    steps: [
      {
        name: 'containerd',
        argv: [bin('containerd'), '--config', join(dir, 'containerd.toml')],
        ...(env ? { env } : {}),
        log: join(dir, 'containerd.log'),
        socket: ctrSock,
        http: false,
        graceMs: 10_000,
      },
      {
        name: 'dockerd',
        argv: [
          bin('dockerd', 'usr/sbin'),
          // Our own config file so /etc/docker/daemon.json settings never leak in.
          `--config-file=${join(dir, 'daemon.json')}`,
          `--data-root=${join(dir, 'data')}`,
          `--exec-root=${join(dir, 'exec')}`,
          `--pidfile=${join(dir, 'pid')}`,
          `--containerd=${ctrSock}`,
          `-H=unix://${join(dir, 'docker.sock')}`,
          // No networking at all: no iptables rules, no docker0, no sysctl changes.
          '--iptables=false',
          '--ip-forward=false',
          '--ip-masq=false',
          '--bridge=none',
          '--userland-proxy=false',
          ...(build.root ? ['--containerd-namespace=barnacle', '--containerd-plugins-namespace=barnacle-plugins'] : []),
          ...(options.dockerdArgs ?? []),
        ],
        ...(env ? { env } : {}),
        log: join(dir, 'engine.log'),
        socket: join(dir, 'docker.sock'),
        http: true,
        // dockerd stops running containers on SIGTERM (each gets its StopTimeout).
        graceMs: 40_000,
      },
    ],
  };
}

/**
 * Podman 5.4 needs glibc 2.38, so it runs chrooted in a Debian trixie root, in
 * a mount namespace of its own: the mounts it needs vanish with its processes,
 * and the engine dir is bind-mounted at the same path inside, so the socket and
 * every path in the recipe mean the same on both sides.
 */
const CHROOT_SCRIPT = [
  'R=$1; D=$2; shift 2',
  'mount --bind "$R" "$R"', // else unpacking layers fails: "remount /, flags: 0x44000"
  'mount -t proc proc "$R/proc"',
  'mount --rbind /dev "$R/dev"',
  'mount --rbind /sys "$R/sys"',
  'mount -t tmpfs tmpfs "$R/run"',
  'mount -t tmpfs tmpfs "$R/tmp"',
  'mkdir -p "$R$D"',
  'mount --bind "$D" "$R$D"',
  'exec chroot "$R" "$@"',
].join('\n');

function inTrixieRoot(dir: string, argv: string[]): string[] {
  const root = trixieRoot();
  return ['unshare', '--mount', '--propagation', 'private', 'sh', '-ec', CHROOT_SCRIPT, 'podman54', root, dir, ...argv];
}

function podman(dir: string, chrooted: boolean): Recipe {
  // default_ulimits/pids_limit: without CAP_SYS_RESOURCE containers fail to start
  // ("error setting rlimit type 7"). lock_type=file: the default shm lock segment
  // (/dev/shm/libpod_lock) is shared by every rootful podman on the host, and a
  // fresh tmp_dir makes podman "refresh" and free all of its locks.
  const containersConf = [
    '[containers]',
    // Podman 5's builder raises nofile and nproc for RUN steps unless told a limit:
    // the host's own limits are ones it may keep.
    `default_ulimits = [${chrooted ? `"nofile=${hostLimit('Max open files')}", "nproc=${hostLimit('Max processes')}"` : ''}]`,
    'pids_limit = 0',
    '[engine]',
    'lock_type = "file"',
    'events_logger = "file"',
    'cgroup_manager = "cgroupfs"',
    // Podman 5 defaults to crun, which refuses this host's hybrid cgroups.
    ...(chrooted ? ['runtime = "runc"'] : []),
    `tmp_dir = "${join(dir, 'tmp')}"`,
    '[network]',
    `network_config_dir = "${join(dir, 'networks')}"`,
    '',
  ].join('\n');
  const storageConf = [
    '[storage]',
    'driver = "vfs"',
    `graphroot = "${join(dir, 'root')}"`,
    `runroot = "${join(dir, 'run')}"`,
    '',
  ].join('\n');
  // Deterministic short-name handling, whatever /etc/containers/registries.conf says.
  const registriesConf = 'unqualified-search-registries = ["docker.io"]\nshort-name-mode = "permissive"\n';
  return {
    files: {
      'containers.conf': containersConf,
      'storage.conf': storageConf,
      'registries.conf': registriesConf,
    },
    steps: [
      {
        name: 'podman',
        argv: ((argv: string[]) => (chrooted ? inTrixieRoot(dir, argv) : argv))([
          'podman',
          `--root=${join(dir, 'root')}`,
          `--runroot=${join(dir, 'run')}`,
          '--storage-driver=vfs',
          'system',
          'service',
          '--time=0',
          `unix://${join(dir, 'podman.sock')}`,
        ]),
        env: podmanEnv(dir),
        log: join(dir, 'engine.log'),
        socket: join(dir, 'podman.sock'),
        http: true,
        graceMs: 15_000,
      },
    ],
  };
}

/** 'soft:hard' of one of this process's limits, from /proc/self/limits ('Max open files'). */
function hostLimit(name: string): string {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(name));
  const [soft, hard] = line?.slice(name.length).trim().split(/\s+/) ?? [];
  return soft && hard ? `${soft}:${hard}` : '1024:1024';
}

/** Environment under which the podman CLI sees the same engine as the service. */
export function podmanEnv(dir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CONTAINERS_CONF: join(dir, 'containers.conf'),
    CONTAINERS_STORAGE_CONF: join(dir, 'storage.conf'),
    CONTAINERS_REGISTRIES_CONF: join(dir, 'registries.conf'),
  };
}

/**
 * The podman CLI on the same engine as the service, for comparing with its native
 * commands: for Podman 5.4, entered into the running service's mount namespace and root.
 */
export function podmanCli(
  name: EngineName,
  dir: string,
  servicePid: number,
): { argv: string[]; env: NodeJS.ProcessEnv } {
  const env = podmanEnv(dir);
  const base = ['podman', `--root=${join(dir, 'root')}`, `--runroot=${join(dir, 'run')}`, '--storage-driver=vfs'];
  if (name !== 'podman54') return { argv: base, env };
  return { argv: ['nsenter', `--target=${servicePid}`, '--mount', '--root', '--wd=/', ...base], env };
}

export const recipes: Record<EngineName, (dir: string, options?: RecipeOptions) => Recipe> = {
  docker20: (dir, options) => docker(dir, { containerdStore: false }, options),
  'docker26-containerd': (dir, options) => docker(dir, { root: docker26Dir(), containerdStore: true }, options),
  'docker26-classic': (dir, options) => docker(dir, { root: docker26Dir(), containerdStore: false }, options),
  podman43: (dir) => podman(dir, false),
  podman54: (dir) => podman(dir, true),
};
