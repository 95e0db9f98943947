// What tests/engines/global-setup.ts hands to test files through inject('engines').
import 'vitest';
import type { EngineName } from './matrix.js';

export interface EngineInfo {
  /** 'unix:///tmp/bnh-…/docker.sock' */
  host: string;
  dir: string;
  /** Id of barnacle-test/busybox:base in that engine. */
  baseImageId: string;
}

export interface EnginesContext {
  started: Partial<Record<EngineName, EngineInfo>>;
  /** Why an engine did not start, e.g. 'dockerd not found — apt-get install docker.io'. */
  skipped: Partial<Record<EngineName, string>>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    engines: EnginesContext;
  }
}
