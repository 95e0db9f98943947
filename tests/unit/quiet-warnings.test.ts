// The CLI drops Node's DEP0170 warning (docker-modem's ssh:// URL) and nothing else.

import { describe, expect, it } from 'vitest';
import { quietModemUrlWarning } from '../../src-main/cli/quiet-warnings';

describe('quietModemUrlWarning', () => {
  it('drops DEP0170 however it is raised, and passes every other warning on', () => {
    const seen: unknown[][] = [];
    const target = { emitWarning: ((...args: unknown[]) => void seen.push(args)) as typeof process.emitWarning };
    quietModemUrlWarning(target);
    target.emitWarning('The URL ssh:127.0.0.1:22 is invalid.', 'DeprecationWarning', 'DEP0170');
    target.emitWarning('The URL ssh:h is invalid.', { type: 'DeprecationWarning', code: 'DEP0170' });
    target.emitWarning(Object.assign(new Error('invalid URL'), { code: 'DEP0170' }));
    target.emitWarning('Buffer() is deprecated', 'DeprecationWarning', 'DEP0005');
    target.emitWarning('something else');
    expect(seen).toEqual([['Buffer() is deprecated', 'DeprecationWarning', 'DEP0005'], ['something else']]);
  });
});
