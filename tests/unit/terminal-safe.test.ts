// Engine strings the CLI prints cannot drive the terminal (issue 13).

import { expect, it } from 'vitest';
import { terminalSafe } from '../../src-main/cli/io';

it('writes out escape sequences, bells and C1 controls; keeps newlines, tabs and text', () => {
  const name = 'web\u001b]0;pwned\u0007\u001b[2J\u009b31m';
  expect(terminalSafe(`${name}\tok\n`)).toBe('web\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\tok\n');
  expect(terminalSafe('carriage\rreturn')).toBe('carriage\\u000dreturn');
  expect(terminalSafe('镜像 café ✓')).toBe('镜像 café ✓');
});
