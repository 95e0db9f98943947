// How each engine is laid out in its private dir D and which processes run it.
// Everything an engine writes lives under D, so a run never meets a system engine
// and teardown is "stop, unmount, rm -rf D".
import { join } from 'node:path';

export type EngineKind = 'docker' | 'podman';

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

function docker(dir: string): Recipe {
  const ctrSock = join(dir, 'containerd.sock');
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
    files: { 'daemon.json': '{}\n', 'containerd.toml': containerdToml },
    steps: [
      {
        name: 'containerd',
        argv: ['containerd', '--config', join(dir, 'containerd.toml')],
        log: join(dir, 'containerd.log'),
        socket: ctrSock,
        http: false,
        graceMs: 10_000,
      },
      {
        name: 'dockerd',
        argv: [
          'dockerd',
          // An empty config file so /etc/docker/daemon.json settings never leak in.
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
        ],
        log: join(dir, 'engine.log'),
        socket: join(dir, 'docker.sock'),
        http: true,
        // dockerd stops running containers on SIGTERM (each gets its StopTimeout).
        graceMs: 40_000,
      },
    ],
  };
}

function podman(dir: string): Recipe {
  // default_ulimits/pids_limit: without CAP_SYS_RESOURCE containers fail to start
  // ("error setting rlimit type 7"). lock_type=file: the default shm lock segment
  // (/dev/shm/libpod_lock) is shared by every rootful podman on the host, and a
  // fresh tmp_dir makes podman "refresh" and free all of its locks.
  const containersConf = [
    '[containers]',
    'default_ulimits = []',
    'pids_limit = 0',
    '[engine]',
    'lock_type = "file"',
    'events_logger = "file"',
    'cgroup_manager = "cgroupfs"',
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
        argv: [
          'podman',
          `--root=${join(dir, 'root')}`,
          `--runroot=${join(dir, 'run')}`,
          '--storage-driver=vfs',
          'system',
          'service',
          '--time=0',
          `unix://${join(dir, 'podman.sock')}`,
        ],
        env: podmanEnv(dir),
        log: join(dir, 'engine.log'),
        socket: join(dir, 'podman.sock'),
        http: true,
        graceMs: 15_000,
      },
    ],
  };
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

export const recipes: Record<EngineKind, (dir: string) => Recipe> = { docker, podman };
