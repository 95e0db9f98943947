// Engine not running, socket missing, permission denied: which one it is (from
// the session's health or an error), and what a person can do about it. These
// are fixes Barnacle cannot run for them: the commands are for their terminal.
// Pure (the words are looked up by EngineProblemFix), so it is unit-tested.

import type { BarnacleError } from '../../../src-shared/errors';
import type { EngineHealth } from '../../../src-shared/model';

export type EngineProblem = 'not-running' | 'socket-missing' | 'permission-denied' | 'unreachable';

export function engineProblem(health: EngineHealth | null, error: BarnacleError | null): EngineProblem {
  switch (health?.state) {
    case 'not-running':
      return 'not-running';
    case 'socket-not-found':
      return 'socket-missing';
    case 'permission-denied':
      return 'permission-denied';
  }
  if (error?.kind === 'permission-denied') return 'permission-denied';
  const said = `${error?.engineMessage ?? ''} ${error?.message ?? ''} ${health && 'message' in health ? health.message : ''}`;
  if (/EACCES|permission denied/i.test(said)) return 'permission-denied';
  if (/ENOENT|no such file/i.test(said)) return 'socket-missing';
  if (/ECONNREFUSED|not running|connection refused/i.test(said)) return 'not-running';
  return 'unreachable';
}

const startDocker = ['sudo systemctl start docker', 'sudo systemctl enable docker'];

const optionCommands: Record<EngineProblem, Record<string, string[]>> = {
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

/** The ways out of a problem, in order (the first is preselected), each with its commands. */
export function engineProblemFixes(problem: EngineProblem): { value: string; commands: string[] }[] {
  return Object.entries(optionCommands[problem]).map(([value, commands]) => ({ value, commands }));
}
