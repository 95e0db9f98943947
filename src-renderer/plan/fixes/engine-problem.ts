// Engine not running, socket missing, permission denied, an SSH host key refused:
// which one it is (from the session's health or an error), and what a person can
// do about it. These are fixes Barnacle cannot run for them: the commands are for
// their terminal. Pure (the words are looked up by EngineProblemFix), so it is
// unit-tested.

import type { BarnacleError } from '../../../src-shared/errors';
import type { EngineHealth, HostKeyProblem } from '../../../src-shared/model';

type HostKeyState = 'host-key-unknown' | 'host-key-changed' | 'host-key-revoked';
export type EngineProblem = 'not-running' | 'socket-missing' | 'permission-denied' | 'unreachable' | HostKeyState;

export function engineProblem(health: EngineHealth | null, error: BarnacleError | null): EngineProblem {
  switch (health?.state) {
    case 'not-running':
      return 'not-running';
    case 'socket-not-found':
      return 'socket-missing';
    case 'permission-denied':
      return 'permission-denied';
    case 'host-key-unknown':
    case 'host-key-changed':
    case 'host-key-revoked':
      return health.state;
  }
  if (error?.kind === 'permission-denied') return 'permission-denied';
  const said = `${error?.engineMessage ?? ''} ${error?.message ?? ''} ${health && 'message' in health ? health.message : ''}`;
  if (/EACCES|permission denied/i.test(said)) return 'permission-denied';
  if (/ENOENT|no such file/i.test(said)) return 'socket-missing';
  if (/ECONNREFUSED|not running|connection refused/i.test(said)) return 'not-running';
  return 'unreachable';
}

const startDocker = ['sudo systemctl start docker', 'sudo systemctl enable docker'];

const optionCommands: Record<Exclude<EngineProblem, HostKeyState>, Record<string, string[]>> = {
  'not-running': {
    service: startDocker,
    desktop: ['open -a Docker   # macOS; on Windows start Docker Desktop', 'colima start     # or Colima'],
    podman: ['systemctl --user enable --now podman.socket'],
  },
  'socket-missing': {
    service: startDocker,
    context: ['docker context ls', "docker context inspect --format '{{.Endpoints.docker.Host}}'"],
    dockerHost: ['export DOCKER_HOST=unix://$XDG_RUNTIME_DIR/docker.sock'],
  },
  'permission-denied': {
    group: ['sudo usermod -aG docker "$USER"', 'newgrp docker'],
    rootless: ['dockerd-rootless-setuptool.sh install', 'export DOCKER_HOST=unix://$XDG_RUNTIME_DIR/docker.sock'],
    podman: [
      'systemctl --user enable --now podman.socket',
      'export DOCKER_HOST=unix://$XDG_RUNTIME_DIR/podman/podman.sock',
    ],
  },
  unreachable: {
    ping: ['docker version', 'docker context ls'],
    service: startDocker,
  },
};

/**
 * The ways out of a problem, in order (the first is preselected), each with its commands.
 * A refused host key brings its own, naming the host, port and known_hosts line.
 */
export function engineProblemFixes(
  problem: EngineProblem,
  hostKey?: HostKeyProblem,
): { value: string; commands: string[] }[] {
  if (problem.startsWith('host-key-')) return hostKey?.fixes ?? [];
  const commands = optionCommands[problem as Exclude<EngineProblem, HostKeyState>];
  return Object.entries(commands).map(([value, commands]) => ({ value, commands }));
}
