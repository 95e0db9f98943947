// ssh_config(5) lines as OpenSSH splits them (readconf.c, argv_split): a keyword,
// then its arguments separated by blanks, with an optional "=" between keyword
// and value, double or single quotes around arguments holding blanks, and "#"
// starting a comment at the beginning of a word. Keywords are case-insensitive.

export interface SshConfigLine {
  /** Lower case: "hostname", "identityfile". */
  keyword: string;
  args: string[];
  file: string;
  line: number;
}

export function parseSshConfigLines(text: string, file: string): SshConfigLine[] {
  const lines: SshConfigLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    // "Keyword value", "Keyword=value" and "Keyword = value" are the same line.
    const head = /^[ \t]*([^ \t=#"']+)[ \t]*(?:=[ \t]*)?(.*)$/.exec(raw);
    if (!head) return;
    const args = splitWords(head[2]!);
    if (args) lines.push({ keyword: head[1]!.toLowerCase(), args, file, line: index + 1 });
  });
  return lines;
}

/** What a backslash escapes outside quotes; before anything else it is itself. */
const escapable = ['\\', '"', "'", ' '];

/** Blank-separated words; quotes group and are removed. undefined for an unterminated quote (ssh rejects the line). */
function splitWords(raw: string): string[] | undefined {
  const words: string[] = [];
  let i = 0;
  while (i < raw.length) {
    while (i < raw.length && (raw[i] === ' ' || raw[i] === '\t')) i++;
    if (i >= raw.length || raw[i] === '#') break;
    let word = '';
    while (i < raw.length && raw[i] !== ' ' && raw[i] !== '\t') {
      const c = raw[i]!;
      if (c === '"' || c === "'") {
        const end = raw.indexOf(c, i + 1);
        if (end < 0) return undefined;
        word += raw.slice(i + 1, end);
        i = end + 1;
      } else if (c === '\\' && escapable.includes(raw[i + 1] ?? '')) {
        word += raw[i + 1];
        i += 2;
      } else {
        word += c;
        i++;
      }
    }
    words.push(word);
  }
  return words;
}
