// Where the CLI's words go, and the one question it may ask. Commands write
// through this, never to process.stdout directly, so the exit can wait for the
// output to drain and tests can run `run()` against strings.

import { homedir } from 'node:os';
import { createInterface } from 'node:readline/promises';

export interface CliIo {
  /** Results: a table, or JSON with --json. */
  out(text: string): void;
  /** Errors, warnings, prompts. */
  err(text: string): void;
  /** Both ends are a terminal: a person can answer a question. */
  interactive: boolean;
  /** Asks on stderr; resolves true only for an explicit yes. */
  confirm(question: string): Promise<boolean>;
  env: Record<string, string | undefined>;
  homeDir: string;
  platform: NodeJS.Platform;
  now(): number;
}

/** Resolves once everything written so far has been handed to the OS. */
export function drain(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

export async function askYesNo(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

// C0 controls but newline and tab, DEL, and the C1 range (U+009B is a one-character
// CSI on some terminals). Engine strings reach the output (container names, labels,
// the engine's own messages) and a crafted one could move the cursor, rewrite lines
// already printed or set the window title.
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Text as the terminal should show it: every control character written out as \uXXXX. */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A command's result: JSON for scripts with --json, else the human rendering. */
export function printResult<T>(io: CliIo, json: boolean, data: T, render: (data: T) => string): void {
  io.out(json ? `${JSON.stringify(data, null, 2)}\n` : render(data));
}

export function nodeIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(terminalSafe(text)),
    err: (text) => void process.stderr.write(terminalSafe(text)),
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    confirm: askYesNo,
    env: process.env,
    homeDir: homedir(),
    platform: process.platform,
    now: Date.now,
  };
}
