// Each input rule says what is wrong twice: `problem`, the English zod keeps as
// its message over IPC, and `problemKey`, the catalogue's words for people. The
// two must not drift apart, and every key must exist in both languages.

import { describe, expect, it } from 'vitest';
import * as grammar from '../../src-shared/input-grammar';
import { messages } from '../../src-shared/messages';
import { say } from '../../src-shared/messages/translate';

const rules = Object.entries(grammar).filter(
  (entry): entry is [string, grammar.InputRule] => typeof entry[1] === 'object' && 'problemKey' in entry[1],
);

describe('input rules', () => {
  it('are all here', () => {
    expect(rules.map(([name]) => name).sort()).toEqual(
      ['containerRefRule', 'imageRefRule', 'keepPatternRule', 'labelFilterRule', 'untilRule', 'volumeNameRule'].sort(),
    );
  });

  for (const [name, rule] of rules) {
    it(`${name}: the catalogue's English is the rule's problem, and Chinese exists`, () => {
      expect(say('en', { key: rule.problemKey })).toBe(rule.problem);
      expect(messages.zh[rule.problemKey]).toBeDefined();
      expect(grammar.inputProblem(rule, '\u0000'.repeat(rule.max + 1))).toEqual({
        key: 'input.tooLong',
        params: { max: rule.max },
      });
    });
  }
});
