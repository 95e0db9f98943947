// Plain aligned columns, like the docker CLI's tables: a header row, two spaces
// between columns, no trailing blanks. Columns are measured in terminal cells:
// a Chinese character takes two, so the Chinese tables line up too.

// East Asian wide and fullwidth ranges (Hangul Jamo, CJK, Hangul syllables, compatibility and fullwidth forms).
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;

export const cellWidth = (text: string): number => text.length + (text.match(WIDE)?.length ?? 0);

const padTo = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - cellWidth(text)));

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(cellWidth(h), ...rows.map((r) => cellWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : padTo(cell, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}
