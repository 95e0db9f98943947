// PLACEHOLDER until src-main/execution/executor.ts exists.
import type { Command, GlobalOptions } from '../args';
import { CliError } from '../cli-error';
import type { CliIo } from '../io';

export async function applyPlanFile(
  _c: Extract<Command, { name: 'apply' }>,
  _g: GlobalOptions,
  _io: CliIo,
): Promise<number> {
  throw new CliError({ kind: 'unknown', message: 'not yet' });
}
