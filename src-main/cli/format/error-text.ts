// A BarnacleError for people: our words first, then the engine's own, verbatim.

import type { BarnacleError } from '../../../src-shared/errors';

export function renderError(error: BarnacleError): string {
  const lines = [`barnacle: ${error.message}`];
  if (error.engineMessage && error.engineMessage !== error.message) {
    const status = error.statusCode !== undefined ? ` (HTTP ${error.statusCode})` : '';
    lines.push(`  engine said${status}: ${error.engineMessage}`);
  }
  for (const issue of error.issues ?? []) lines.push(`  ${issue.path}: ${issue.message}`);
  lines.push(`  (${error.kind})`);
  return lines.join('\n') + '\n';
}
