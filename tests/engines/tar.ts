// A minimal ustar writer: build contexts and putArchive uploads are a handful of
// small regular files, so this beats pulling tar-stream's streaming API into tests.

export interface TarEntry {
  name: string;
  data: Buffer;
  mode?: number;
}

const BLOCK = 512;
// Fixed mtime keeps identical contexts byte-identical, so the engines' build
// caches behave the same from run to run.
const MTIME = 946_684_800; // 2000-01-01T00:00:00Z

function writeString(header: Buffer, offset: number, length: number, value: string): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > length) throw new Error(`tar: "${value}" does not fit in ${length} bytes`);
  bytes.copy(header, offset);
}

function writeOctal(header: Buffer, offset: number, length: number, value: number): void {
  // length - 1 digits, then NUL: the form every tar reader accepts.
  writeString(header, offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
}

function headerFor(entry: TarEntry): Buffer {
  const header = Buffer.alloc(BLOCK);
  writeString(header, 0, 100, entry.name);
  writeOctal(header, 100, 8, entry.mode ?? 0o644);
  writeOctal(header, 108, 8, 0); // uid
  writeOctal(header, 116, 8, 0); // gid
  writeOctal(header, 124, 12, entry.data.length);
  writeOctal(header, 136, 12, MTIME);
  header.fill(' ', 148, 156); // checksum is computed with its own field as spaces
  writeString(header, 156, 1, '0'); // regular file
  writeString(header, 257, 6, 'ustar\0');
  writeString(header, 263, 2, '00');
  let sum = 0;
  for (const byte of header) sum += byte;
  writeString(header, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return header;
}

/** An uncompressed tar archive holding `entries` as regular files. */
export function tar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(headerFor(entry), entry.data);
    const pad = (BLOCK - (entry.data.length % BLOCK)) % BLOCK;
    if (pad > 0) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(BLOCK * 2)); // end-of-archive marker
  return Buffer.concat(parts);
}
