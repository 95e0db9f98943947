// Sizes as the docker CLI reads them on its command line, for plan and policy flags alike.

/** `--keep-storage 10GB`, as `docker builder prune` reads it: B, KB, MB, GB, TB (powers of 1000) or KiB…TiB. */
export function parseByteSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]i?b?|b)?$/i.exec(text.trim());
  if (!m) return null;
  const unit = (m[2] ?? 'b').toLowerCase();
  const power = 'bkmgt'.indexOf(unit[0]!);
  const base = unit.includes('i') ? 1024 : 1000;
  return Math.round(Number(m[1]) * base ** power);
}
