// A fresh clone of this repository somewhere else (a folder only root may
// enter, a path with a space, ...), for tests that check the suite does not
// depend on where its checkout lives. The clone borrows this checkout's
// node_modules through a symlink instead of running `npm ci`.

import { execFile } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINE_NAMES } from '../../engines/matrix';

/** The checkout these tests run from (not process.cwd(): a runner may start elsewhere). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Ran {
  code: number;
  output: string;
}

/** Runs a command to completion; never rejects (the exit code and the output tell). */
export function runIn(cwd: string, argv: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<Ran> {
  const [bin, ...args] = argv;
  return new Promise((resolve) => {
    execFile(bin!, args, { cwd, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, output: `${stdout}\n${stderr}` });
    });
  });
}

/** The last lines of a command's output, for a failure message. */
export function tail(ran: Ran, lines = 60): string {
  return ran.output.trimEnd().split('\n').slice(-lines).join('\n');
}

/** `git clone`s the committed HEAD into `dest` (whose parent must exist) and links node_modules. */
export async function cloneCheckout(dest: string): Promise<void> {
  // --no-hardlinks: a later chown/chmod of the clone must not reach this checkout's objects.
  const ran = await runIn(REPO_ROOT, ['git', 'clone', '--quiet', '--no-hardlinks', REPO_ROOT, dest], process.env);
  if (ran.code !== 0) throw new Error(`git clone into ${dest} failed:\n${tail(ran)}`);
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dest, 'node_modules'));
}

/**
 * The environment for a nested test run: this one's, without what the running
 * vitest/Playwright set for their own workers, restricted to Docker 20.10.
 */
export function nestedEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VITEST|PLAYWRIGHT|TEST_WORKER|BARNACLE_TEST_)/.test(key) || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  // Both spellings: BARNACLE_ENGINES for this harness, BARNACLE_SKIP_ENGINES for one that predates it.
  const others = ENGINE_NAMES.filter((name) => name !== 'docker20').join(',');
  Object.assign(
    env,
    { BARNACLE_ENGINES: 'docker20', BARNACLE_SKIP_ENGINES: others, FORCE_COLOR: '0', NO_COLOR: '1' },
    extra,
  );
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env;
}

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Counts from `vitest --reporter=json --outputFile.json=<file>`. */
export function vitestCounts(file: string): Counts | undefined {
  if (!existsSync(file)) return undefined;
  const r = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number | undefined>;
  return {
    passed: r.numPassedTests ?? 0,
    failed: r.numFailedTests ?? 0,
    skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
  };
}

/** Counts from Playwright's json reporter (PLAYWRIGHT_JSON_OUTPUT_NAME=<file>). */
export function playwrightCounts(file: string): Counts | undefined {
  if (!existsSync(file)) return undefined;
  const stats = ((JSON.parse(readFileSync(file, 'utf8')) as { stats?: Record<string, number | undefined> }).stats ??
    {}) as Record<string, number | undefined>;
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
  };
}
