// What an engine call's failure really said, read off a dockerode error without
// parsing its `message` (docker-modem prefixes it "(HTTP code 409) conflict - ").

export interface EngineFailure {
  /** HTTP status, when the engine answered at all. */
  statusCode?: number;
  /** The engine's own message (Docker `{message}`, Podman `{cause,message,response}`), else the error's. */
  message: string;
  /** Node's socket error code (ENOENT, EACCES, ECONNREFUSED, …) when no answer came. */
  code?: string;
}

interface DockerodeLikeError {
  statusCode?: unknown;
  json?: unknown;
  reason?: unknown;
  code?: unknown;
  message?: unknown;
}

export function readEngineFailure(err: unknown): EngineFailure {
  if (typeof err !== 'object' || err === null) return { message: String(err) };
  const e = err as DockerodeLikeError;
  const statusCode = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;
  let message: string | undefined;
  if (e.json && typeof e.json === 'object' && typeof (e.json as { message?: unknown }).message === 'string') {
    message = (e.json as { message: string }).message;
  } else if (typeof e.json === 'string' && e.json.trim()) {
    // Some engine answers are plain text bodies.
    message = e.json.trim();
  } else if (Buffer.isBuffer(e.json)) {
    message = e.json.toString('utf8').trim();
  }
  if (!message && typeof e.message === 'string') {
    message = e.message.replace(/^\(HTTP code \d+\)\s*[a-z ]*-\s*/i, '');
  }
  // A 304 (already stopped/started) has an empty body: '' must not hide the fallback.
  const failure: EngineFailure = { message: message || (statusCode === 304 ? 'not modified' : 'unknown engine error') };
  if (statusCode !== undefined) failure.statusCode = statusCode;
  if (code !== undefined) failure.code = code;
  return failure;
}
