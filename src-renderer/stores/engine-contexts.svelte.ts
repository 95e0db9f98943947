// Settings' Engines section: the docker contexts main reads from the docker config
// folder, and adding, testing and removing one. After an add or a remove the engine
// switcher's list is read again, so the new engine can be chosen at once.

import type { BarnacleError } from '../../src-shared/errors';
import type {
  AddEngineArgs,
  AddedEngine,
  EngineAddress,
  EngineContextEntry,
  EngineTestResult,
} from '../../src-shared/engine-contexts';
import type { Result } from '../../src-shared/errors';
import { api } from '../lib/api';
import { engine } from './engine.svelte';

class EngineContextsStore {
  list = $state.raw<EngineContextEntry[] | null>(null);
  error = $state.raw<BarnacleError | null>(null);

  async load(): Promise<void> {
    const result = await api().engineContexts({});
    if (result.ok) {
      this.list = result.value;
      this.error = null;
    } else this.error = result.error;
  }

  test(address: EngineAddress): Promise<Result<EngineTestResult>> {
    return api().testEngine(address);
  }

  testStored(name: string): Promise<Result<EngineTestResult>> {
    return api().testEngineContext({ name });
  }

  async add(args: AddEngineArgs): Promise<Result<AddedEngine>> {
    const result = await api().addEngine(args);
    if (!result.ok) return result;
    this.list = result.value.contexts;
    void engine.loadEndpoints();
    return { ok: true, value: result.value.added };
  }

  async remove(name: string): Promise<Result<string[]>> {
    const result = await api().removeEngine({ name });
    if (!result.ok) return result;
    this.list = result.value.contexts;
    void engine.loadEndpoints();
    return { ok: true, value: result.value.removed };
  }
}

export const engineContexts = new EngineContextsStore();
