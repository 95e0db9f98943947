// The one wildcard matcher for name patterns (keep patterns in plans, the
// prune dialog, the CLI's --keep), shared by main and the renderer. "*" is any
// run of characters, "?" exactly one, everything else stands for itself, and
// the whole text must match. As with the RegExp this replaces ("." and ".*"),
// wildcards do not match line terminators (no image reference holds one).
//
// No backtracking: the matcher walks the text once, carrying the set of pattern
// positions reached so far, so it takes at most text × pattern steps whatever
// the pattern. A backtracking RegExp took ~25 s per tag on "*a*a*a*a*a*a*a*a*:x"
// and froze the main process (issue 13).

const isLineTerminator = (c: string) => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';

/**
 * Whether `text` matches the glob `pattern` in full. `meter`, when given,
 * counts the inner steps taken (tests bound it by text × pattern).
 */
export function matchesWildcard(text: string, pattern: string, meter?: { steps: number }): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return text === pattern;
  // "**" matches what "*" does; collapsing keeps the set small.
  const p = pattern.replace(/\*+/g, '*');
  const m = p.length;
  // reached[j]: p.slice(0, j) matches the text read so far.
  let reached = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  reached[0] = 1;
  closeOverStars(p, reached);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const wild = !isLineTerminator(c);
    next.fill(0);
    let alive = false;
    for (let j = 0; j < m; j++) {
      if (meter) meter.steps++;
      if (!reached[j]) continue;
      const want = p[j];
      if (want === '*') {
        if (wild) {
          next[j] = 1;
          alive = true;
        }
      } else if (want === '?' ? wild : want === c) {
        next[j + 1] = 1;
        alive = true;
      }
    }
    if (!alive) return false;
    [reached, next] = [next, reached];
    closeOverStars(p, reached);
  }
  return reached[m] === 1;
}

/** A "*" may match nothing: wherever one is reached, so is the position after it. */
function closeOverStars(p: string, reached: Uint8Array): void {
  for (let j = 0; j < p.length; j++) if (reached[j] && p[j] === '*') reached[j + 1] = 1;
}
