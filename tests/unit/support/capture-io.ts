// A CliIo that keeps what the CLI prints, for tests that call run() in-process.

import type { CliIo } from '../../../src-main/cli/io';

export type CapturedIo = CliIo & { stdout: string; stderr: string };

export function captureIo(env: Record<string, string> = {}): CapturedIo {
  const io: CapturedIo = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
    interactive: false,
    confirm: async () => false,
    env,
    homeDir: '/nonexistent',
    platform: 'linux',
    now: () => 0,
  };
  return io;
}
