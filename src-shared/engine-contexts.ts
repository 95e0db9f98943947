// Docker contexts as Settings edits them (src-main/engine/context-edits.ts does the
// work, shared with `barnacle engines add|rm`). Types only: the preload bundles the
// contract, which imports these.

import type { EngineHealth, EngineInfo } from './model';
import type { Phrase } from './phrase';

/** One stored context, as `docker context ls` would list it (the built-in "default" is not one). */
export interface EngineContextEntry {
  name: string;
  /** Endpoints.docker.Host as stored; '' when unreadable. */
  host: string;
  description?: string;
  /** currentContext in config.json: the docker CLI uses it, so it cannot be removed. */
  current: boolean;
  /** Why the context cannot be used (bad meta.json, no docker endpoint). */
  error?: string;
  /** Whether the context holds TLS files (ca, cert, key). */
  tls: boolean;
  skipTlsVerify: boolean;
}

/** A remote engine as the Settings form gives it: tcp:// (with TLS files or skipping verification) or ssh://. */
export interface EngineAddress {
  host: string;
  /** Absolute paths of PEM files on this computer; the context keeps copies. */
  caPath?: string;
  certPath?: string;
  keyPath?: string;
  skipTlsVerify?: boolean;
}

/** What one bounded connection attempt found. */
export interface EngineTestResult {
  /** 'connected', or the health state that says why not. */
  state: EngineHealth['state'];
  engine?: EngineInfo;
  /** English, for logs. */
  message?: string;
  /** The same as a catalogue phrase (the TLS failure classifier's words, a timeout, a refusal). */
  says?: Phrase;
}

export interface AddEngineArgs extends EngineAddress {
  name: string;
  /** Connect first and write nothing if that fails (default true). */
  test?: boolean;
}

export interface AddedEngine {
  name: string;
  host: string;
  metaFile: string;
  /** What the test before writing found; absent when not tested. */
  engine?: EngineInfo;
}
