// Process and mount plumbing for engines the harness starts. Everything here acts
// on pids and paths the harness recorded itself, never on process names.
import { execFile, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Starts `argv` in its own session (so its group can be signalled), output appended to `logPath`. */
export function spawnLogged(argv: readonly string[], logPath: string, env: NodeJS.ProcessEnv = process.env): number {
  const [bin, ...args] = argv;
  if (!bin) throw new Error('spawnLogged: empty argv');
  const fd = openSync(logPath, 'a');
  try {
    const child = spawn(bin, args, { detached: true, stdio: ['ignore', fd, fd], env });
    // Unref: `scripts/engines.mjs up` must be able to exit and leave engines running.
    child.unref();
    child.on('error', () => {}); // a missing binary shows up as "exited" in the readiness wait
    if (child.pid === undefined) throw new Error(`could not start ${bin}`);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

/** Alive and not a zombie: our own unreaped children still answer kill(pid, 0). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

export function cmdlineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

export async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal); // pid leads its own group (spawned detached)
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** SIGTERM the process group, wait `graceMs`, then SIGKILL it. Resolves once the leader is gone. */
export async function terminate(pid: number, graceMs: number): Promise<void> {
  if (!isAlive(pid)) return;
  signalGroup(pid, 'SIGTERM');
  if (await waitGone(pid, graceMs)) return;
  signalGroup(pid, 'SIGKILL');
  if (!(await waitGone(pid, 10_000))) throw new Error(`process ${pid} survived SIGKILL`);
}

export function logTail(path: string, lines = 25): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Mount points at or below `dir`, deepest first. */
export function mountsUnder(dir: string): string[] {
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => unescape(line.split(' ')[4] ?? ''))
    .filter((mp) => mp === dir || mp.startsWith(dir + '/'))
    .sort((a, b) => b.length - a.length);
}

/**
 * Unmounts whatever an engine left below `dir`, then deletes it. Refuses to
 * delete while anything is still mounted there: rm -rf through a live bind
 * mount could reach files outside the dir.
 */
export async function removeEngineDir(dir: string): Promise<void> {
  for (const mp of mountsUnder(dir)) {
    await execFileP('umount', ['-l', mp]).catch(() => {});
  }
  const left = mountsUnder(dir);
  if (left.length > 0) throw new Error(`still mounted under ${dir}: ${left.join(', ')}`);
  // Podman 5.4's leftover processes can still write storage.lock and events.log for a moment
  // after the engine is gone (seen: ENOTEMPTY on its root): retry, as rm -rf run again would.
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}

export { sleep };
