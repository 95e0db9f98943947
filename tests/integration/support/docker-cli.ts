// Runs a plan's "same with docker" command lines with the real docker CLI,
// without a shell: the line is split into words here, by the POSIX quoting
// rules shellWord (src-shared/shell-word.ts) writes, and handed to
// execFile as an argv. Anything a shell would treat specially outside quotes
// (globs, pipes, variables, redirections) is refused rather than guessed at:
// such a line would not mean the same in a terminal.

import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertHarnessHost } from '../../engines/harness';

/** Debian's docker.io client (20.10, API 1.41): the CLI people have, not a newer one on PATH. */
export const DOCKER_CLI = '/usr/bin/docker';

const SPECIAL = new Set(['|', '&', ';', '<', '>', '(', ')', '$', '`', '*', '?', '[', ']', '{', '}', '~', '!', '#']);
/** Inside double quotes a backslash escapes only these; elsewhere it stays. */
const DOUBLE_QUOTED_ESCAPES = new Set(['$', '`', '"', '\\', '\n']);

/** Splits a command line into words as a POSIX shell would (quotes and backslashes), without expansions. */
export function shellSplit(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated single quote in: ${line}`);
      word += line.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const c = line[j]!;
        if (c === '$' || c === '`') throw new Error(`expansion inside double quotes in: ${line}`);
        if (c === '\\' && j + 1 < line.length && DOUBLE_QUOTED_ESCAPES.has(line[j + 1]!)) {
          j++;
          if (line[j] !== '\n') word += line[j];
        } else word += c;
      }
      if (j >= line.length) throw new Error(`unterminated double quote in: ${line}`);
      i = j;
    } else if (ch === '\\') {
      if (i + 1 >= line.length) throw new Error(`trailing backslash in: ${line}`);
      i++;
      if (line[i] !== '\n') word += line[i];
    } else if (ch === '\n' || SPECIAL.has(ch)) {
      throw new Error(`unquoted ${JSON.stringify(ch)} (a shell would not pass it through as is) in: ${line}`);
    } else {
      word += ch;
    }
    inWord = true;
  }
  if (inWord) words.push(word);
  return words;
}

export interface CliResult {
  line: string;
  argv: string[];
  code: number;
  stdout: string;
  stderr: string;
}

let configDir: string | undefined;
/** An empty DOCKER_CONFIG of our own: no contexts, no credential helpers, no ~/.docker. */
function emptyConfig(): string {
  if (!configDir) {
    configDir = mkdtempSync(join(tmpdir(), 'barnacle-cli-'));
    writeFileSync(join(configDir, 'config.json'), '{}\n');
  }
  return configDir;
}

/**
 * One command line of a plan, run with /usr/bin/docker against `host` (a harness
 * engine only). The environment is built from scratch so no DOCKER_CONTEXT,
 * DOCKER_TLS_VERIFY or user config can point the CLI elsewhere. DOCKER_API_VERSION
 * is not needed: the 20.10 client negotiates down from 1.41 with Docker 26 (1.45)
 * and both Podmans (which answer 1.41).
 */
export function runDockerLine(host: string, line: string): Promise<CliResult> {
  assertHarnessHost(host);
  const argv = shellSplit(line);
  if (argv[0] !== 'docker') throw new Error(`not a docker command: ${line}`);
  const config = emptyConfig();
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: config, DOCKER_CONFIG: config, DOCKER_HOST: host };
  return new Promise((resolve) => {
    execFile(DOCKER_CLI, argv.slice(1), { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ line, argv, code, stdout: stdout.toString(), stderr: stderr.toString() });
    });
  });
}
