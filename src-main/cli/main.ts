// `barnacle`: parse, run one command, print its result or its typed error, and
// exit with a code scripts can rely on (0 done, 1 engine/conflict, 2 usage).

import { parseCommandLine, type Invocation } from './args';
import { EXIT_OK, EXIT_USAGE, toCliError } from './cli-error';
import { listEngines } from './commands/engines';
import { diskUsage, listContainers, listImages } from './commands/inventory';
import { listVolumes } from './commands/volumes';
import { listBuildCache } from './commands/build-cache';
import { renderError } from './format/error-text';
import { drain, nodeIo, type CliIo } from './io';
import { usage } from './usage';
import { quietModemUrlWarning } from './quiet-warnings';
import { cliLocale } from './locale';
import { translate } from '../../src-shared/messages/translate';

function dispatch({ global, command }: Invocation, io: CliIo): Promise<number> {
  switch (command.name) {
    case 'help':
      io.out(usage);
      return Promise.resolve(EXIT_OK);
    case 'engines':
      return listEngines(global, io);
    case 'engines-add':
      return import('./commands/engines-edit').then(({ addEngine }) => addEngine(command, global.json, io));
    case 'engines-rm':
      return import('./commands/engines-edit').then(({ removeEngine }) => removeEngine(command, global.json, io));
    case 'ls':
      return listImages(command.all, global, io);
    case 'ps':
      return listContainers(global, io);
    case 'df':
      return diskUsage(command, global, io);
    case 'volumes':
      return listVolumes(global, io);
    case 'cache':
      return listBuildCache(global, io);
    case 'trash':
      return import('./commands/trash').then(({ trashCommand }) => trashCommand(command, global, io));
    // Planning and applying bring the planner, the executor and the schemas: loaded only
    // for these two, so `ls` and friends start without evaluating them.
    case 'plan':
      return import('./commands/plan').then(({ makePlan }) => makePlan(command, global, io));
    case 'policy':
      return import('./commands/policy').then(({ policyCommand }) => policyCommand(command, global, io));
    case 'fleet':
      return import('./commands/fleet').then(({ fleetCommand }) => fleetCommand(command, global.json, io));
    case 'apply':
      return import('./commands/apply').then(({ applyPlanFile }) => applyPlanFile(command, global, io));
  }
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  // Known before parsing, so even a malformed command line fails in the format asked for.
  let json = argv.includes('--json');
  try {
    const invocation = parseCommandLine(argv, io.platform);
    json = invocation.global.json;
    return await dispatch(invocation, io);
  } catch (err) {
    const failure = toCliError(err);
    if (json) {
      io.err(`${JSON.stringify(failure.error, null, 2)}\n`);
    } else {
      const locale = cliLocale(io.env);
      io.err(renderError(failure.error, locale));
      if (failure.exitCode === EXIT_USAGE) io.err(`${translate(locale, 'cli.error.seeUsage')}\n`);
    }
    return failure.exitCode;
  }
}

export async function main(): Promise<void> {
  quietModemUrlWarning();
  const code = await run(process.argv.slice(2), nodeIo());
  await Promise.all([drain(process.stdout), drain(process.stderr)]);
  // Exit now rather than when the event loop empties: a ping to a silent tcp:// engine
  // would otherwise hold the process until the OS gives up on the socket.
  process.exit(code);
}
