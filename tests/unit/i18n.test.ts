// Every message exists in English and Simplified Chinese, with the same
// placeholders, and plural messages have an "other" form.
import { describe, expect, it } from 'vitest';
import { messages } from '../../src-shared/messages';

const placeholders = (m: string | Record<string, string>) =>
  [
    ...new Set(Object.values(typeof m === 'string' ? { other: m } : m).flatMap((s) => s.match(/\{\w+\}/g) ?? [])),
  ].sort();

describe('messages', () => {
  it('have the same keys in both languages', () => {
    expect(Object.keys(messages.zh).sort()).toEqual(Object.keys(messages.en).sort());
  });

  it('use the same placeholders in both languages', () => {
    const differ = Object.keys(messages.en).filter(
      (k) => messages.zh[k] && placeholders(messages.en[k]!).join() !== placeholders(messages.zh[k]!).join(),
    );
    expect(differ).toEqual([]);
  });

  it('plural messages have an "other" form', () => {
    for (const table of [messages.en, messages.zh]) {
      const missing = Object.entries(table).filter(([, m]) => typeof m === 'object' && !('other' in m));
      expect(missing.map(([k]) => k)).toEqual([]);
    }
  });
});
