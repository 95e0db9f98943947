// What a connection test found, in the current language: the engine that answered,
// or why not (the TLS classifier's words, a timeout, a refusal, from main).

import type { EngineTestResult } from '../../../src-shared/engine-contexts';
import { t, tp } from '../../i18n/i18n.svelte';

export function testOutcome(found: EngineTestResult): { ok: boolean; words: string } {
  const info = found.engine;
  if (info) {
    const name = info.kind === 'podman' ? 'Podman' : 'Docker';
    return {
      ok: true,
      words: t('settings.engines.answered', { engine: `${name} ${info.version} (API ${info.apiVersion})` }),
    };
  }
  if (found.says) return { ok: false, words: tp(found.says) };
  return { ok: false, words: found.message ?? t('settings.engines.noAnswer', { state: found.state }) };
}
