// A BarnacleError for people: our words first, then the engine's own, verbatim.

import type { BarnacleError } from '../../../src-shared/errors';
import { say, translate, type Locale } from '../../../src-shared/messages/translate';

export function renderError(error: BarnacleError, locale: Locale = 'en'): string {
  const lines = [`barnacle: ${error.says ? say(locale, error.says) : error.message}`];
  if (error.engineMessage && error.engineMessage !== error.message) {
    const message = error.engineMessage;
    lines.push(
      `  ${
        error.statusCode !== undefined
          ? translate(locale, 'cli.error.engineSaidStatus', { status: error.statusCode, message })
          : translate(locale, 'cli.error.engineSaid', { message })
      }`,
    );
  }
  for (const issue of error.issues ?? []) lines.push(`  ${issue.path}: ${issue.message}`);
  lines.push(`  (${error.kind})`);
  return lines.join('\n') + '\n';
}
