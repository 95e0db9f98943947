// node:util parseArgs throws English sentences; the CLI says them through the
// catalogue instead. Its error codes tell the kind of mistake and its message
// names the option, so both are read here; the English keys repeat node's
// words exactly, so LANG=C output is what it was. A message this does not
// recognise (a future Node) is shown as it came.

import { phrase, type Phrase } from '../../src-shared/phrase';

export function parseArgsPhrase(err: unknown): Phrase {
  const said = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  const option = /^(?:Unknown option|Option) '([^']+)'/.exec(said)?.[1];
  if (option !== undefined) {
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return phrase('cli.usage.unknownOption', { option });
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      if (/' argument missing$/.test(said)) return phrase('cli.usage.optionNeedsValue', { option });
      if (/' does not take an argument$/.test(said)) return phrase('cli.usage.optionTakesNoValue', { option });
      // "use '--out=-XYZ' or '-o-XYZ'.": the spellings that pass a value starting with a dash.
      const use = /use '([^']+)'(?: or '([^']+)')?\.$/.exec(said);
      if (/argument is ambiguous/.test(said) && use) {
        const [, long = '', short] = use;
        return short === undefined
          ? phrase('cli.usage.ambiguousValue', { option, long })
          : phrase('cli.usage.ambiguousValueShort', { option, long, short });
      }
    }
  }
  return phrase('cli.usage.badCommandLine', { said });
}
