// Quoting for the docker commands we show people to copy: main's plan and the
// CLI's ("same with docker"), and the renderer's fix flows, so one name is
// written alike everywhere. POSIX sh rules: a word made only of
// [A-Za-z0-9_@%+=:,./-] means itself and stays bare; anything else goes in
// single quotes, inside which nothing is special but the quote itself
// (written '\'' : close, escaped quote, reopen).
//
// Left out of the bare set on purpose: '~' (a home folder at the start of a
// word), '#' (a comment at the start of a word), and every letter outside
// ASCII (locales disagree on what they are). A leading '-' or '=' means nothing
// to sh; every word we write follows a docker verb as a name or an ID.

const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** The word as a POSIX shell should see it: bare when it is safe, else single-quoted. */
export function shellWord(word: string): string {
  return BARE.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
