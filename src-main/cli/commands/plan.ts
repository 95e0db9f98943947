// PLACEHOLDER until src-main/planning/plan-service.ts exists.
import type { Command, GlobalOptions } from '../args';
import { CliError } from '../cli-error';
import type { CliIo } from '../io';

export async function makePlan(_c: Extract<Command, { name: 'plan' }>, _g: GlobalOptions, _io: CliIo): Promise<number> {
  throw new CliError({ kind: 'unknown', message: 'not yet' });
}
