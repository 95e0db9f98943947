// Starting and stopping one private engine (see recipes.ts for what runs).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { connect, readMarker, writeMarker } from './guard.js';
import { cmdlineOf, isAlive, logTail, removeEngineDir, sleep, spawnLogged, terminate } from './proc.js';
import { matrixEntry, type EngineName, type ImageStore } from './matrix.js';
import { recipes, type EngineKind, type RecipeOptions, type Step } from './recipes.js';
import { removeAllContainers } from './fixtures.js';

export type { EngineKind } from './recipes.js';

export interface StartedEngine {
  /** Which engine of the matrix: 'docker26-containerd'. */
  name: EngineName;
  /** The API dialect: 'docker' | 'podman'. */
  kind: EngineKind;
  store: ImageStore;
  dir: string;
  socketPath: string;
  /** 'unix:///…' */
  host: string;
  /** The API-serving process (dockerd / podman); changes across stop()/start(). */
  readonly pid: number;
  /** Stops every process the harness started for this engine (reverse order), waiting for exit. */
  stop(): Promise<void>;
  /** Starts again on the same dir and socket (reconnect tests). */
  start(): Promise<void>;
  /** Removes all containers, stops the engine, unmounts and deletes its dir. */
  destroy(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
// sockaddr_un.sun_path is 108 bytes including the NUL.
const MAX_SOCKET_PATH = 107;

/** GET /_ping over a unix socket: true on a 200. */
export function ping(socketPath: string, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

async function waitReady(step: Step, pid: number, otherLogs: string[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const ready = step.http ? await ping(step.socket) : existsSync(step.socket);
    if (ready) return;
    const why = !isAlive(pid) ? 'exited' : Date.now() > deadline ? `not ready after ${READY_TIMEOUT_MS / 1000} s` : '';
    if (why) {
      const others = otherLogs.length > 0 ? `\n(see also ${otherLogs.join(', ')})` : '';
      throw new Error(
        `${step.name} ${why}: ${step.argv.join(' ')}\n--- ${step.log} (tail) ---\n${logTail(step.log)}${others}`,
      );
    }
    await sleep(100);
  }
}

/**
 * A handle on the engine in `dir` without starting anything. Its pids live in
 * the dir's marker, not in memory, so a test worker can stop()/start() the engine
 * global-setup started and global-setup's destroy() still finds the new processes.
 */
export function attachEngine(name: EngineName, dir: string, options?: RecipeOptions): StartedEngine {
  const { family: kind, store } = matrixEntry(name);
  const recipe = recipes[name](dir, options);
  const api = recipe.steps[recipe.steps.length - 1];
  if (!api) throw new Error(`no steps for ${name}`);
  for (const step of recipe.steps) {
    if (step.socket.length > MAX_SOCKET_PATH) {
      throw new Error(
        `socket path too long for a unix socket (${step.socket.length} > ${MAX_SOCKET_PATH}): ${step.socket}`,
      );
    }
  }
  const host = `unix://${api.socket}`;

  // Only pids that are still this engine's processes (pids get reused).
  const livePids = (): number[] =>
    (readMarker(dir)?.pids ?? []).filter((p) => isAlive(p) && cmdlineOf(p).includes(dir));
  const record = (pids: number[]): void => {
    // Teardown stays with whoever started the engine first, while it lives.
    const previous = readMarker(dir)?.owner;
    const owner = previous !== undefined && isAlive(previous) ? previous : process.pid;
    writeMarker(dir, { kind: name, owner, pids });
  };

  const stop = async (): Promise<void> => {
    const pids = readMarker(dir)?.pids ?? [];
    for (const [i, pid] of [...pids.entries()].reverse()) {
      if (isAlive(pid) && cmdlineOf(pid).includes(dir)) await terminate(pid, recipe.steps[i]?.graceMs ?? 10_000);
    }
    record([]);
  };

  const start = async (): Promise<void> => {
    if (livePids().length > 0) throw new Error(`${name} engine in ${dir} is already running`);
    for (const [name, content] of Object.entries(recipe.files)) writeFileSync(join(dir, name), content);
    const pids: number[] = [];
    record(pids); // before the socket exists, so the guard accepts it as soon as it answers
    try {
      for (const step of recipe.steps) {
        rmSync(step.socket, { force: true }); // a stale socket file would look "ready"
        pids.push(spawnLogged(step.argv, step.log, step.env));
        record(pids);
        const others = recipe.steps.map((s) => s.log).filter((log) => log !== step.log);
        await waitReady(step, pids[pids.length - 1] ?? 0, others);
      }
    } catch (err) {
      await stop().catch(() => {});
      throw err;
    }
  };

  return {
    name,
    kind,
    store,
    dir,
    socketPath: api.socket,
    host,
    get pid() {
      return readMarker(dir)?.pids[recipe.steps.length - 1] ?? 0;
    },
    stop,
    start,
    async destroy() {
      // Podman containers outlive the service (conmon is their parent), and dockerd
      // would give each running one its stop timeout: remove them first, by SIGKILL.
      if (livePids().length > 0 && (await ping(api.socket))) {
        await removeAllContainers(connect(host)).catch(() => {});
      }
      await stop();
      await removeEngineDir(dir);
    },
  };
}

/**
 * Starts a private engine in `dir` (default: a fresh /tmp/bnh-XXXXXX) and waits
 * until its API answers /_ping on its unix socket. `options`: extra engine arguments.
 */
export async function startEngine(name: EngineName, dir?: string, options?: RecipeOptions): Promise<StartedEngine> {
  const root = dir ?? mkdtempSync('/tmp/bnh-');
  mkdirSync(root, { recursive: true });
  const engine = attachEngine(name, root, options);
  try {
    await engine.start();
  } catch (err) {
    if (dir === undefined) await removeEngineDir(root).catch(() => {});
    throw err;
  }
  return engine;
}
