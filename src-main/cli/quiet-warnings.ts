// docker-modem turns an ssh:// engine's address into "ssh:HOST:PORT…" and resolves a
// path against it, which Node calls an invalid URL (DEP0170) and warns about once on
// stderr, on every ssh:// run. The request itself is sent over the ssh2 channel and
// never uses that URL; the warning only breaks scripts reading --json errors from
// stderr. That one warning is dropped; every other goes out as before.

type EmitWarning = typeof process.emitWarning;

const QUIETED = 'DEP0170';

function codeOf(args: unknown[]): unknown {
  const [typeOrOptions, code] = args;
  if (typeOrOptions && typeof typeOrOptions === 'object') return (typeOrOptions as { code?: unknown }).code;
  return code;
}

export function quietModemUrlWarning(target: { emitWarning: EmitWarning } = process): void {
  const emit = target.emitWarning.bind(target) as (...args: unknown[]) => void;
  target.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const code = warning instanceof Error ? (warning as { code?: unknown }).code : codeOf(rest);
    if (code === QUIETED) return;
    emit(warning, ...rest);
  }) as EmitWarning;
}
