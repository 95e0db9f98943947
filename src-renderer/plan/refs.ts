// References and IDs the way docker prints them, and shell quoting for the
// commands we show. Pure: no i18n, so main-free unit tests can import it.

/** "docker.io/library/tiny:latest" → "tiny:latest", as docker prints it. */
export function familiar(ref: string): string {
  return ref
    .replace(/^docker\.io\/library\//, '')
    .replace(/^docker\.io\//, '')
    .replace(/^localhost\//, '');
}

/** 12-hex short ID, like `docker images`; anything else unchanged. */
export function short(id: string): string {
  const bare = id.replace(/^sha256:/, '');
  return /^[0-9a-f]{12,64}$/.test(bare) ? bare.slice(0, 12) : bare;
}

/** Quotes a word for a POSIX shell only when it needs it (the commands are shown to be copied). */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
