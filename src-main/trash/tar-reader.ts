// Reads a tar stream's entries (ustar and PAX names), keeping small files'
// contents (manifest.json, index.json) and only the names of the rest: enough
// to check an image archive without unpacking its layers anywhere.

import type { Readable } from 'node:stream';

export interface TarEntry {
  name: string;
  size: number;
  /** The contents for files up to KEEP bytes; empty for bigger ones. */
  body: Buffer;
}

const BLOCK = 512;
const KEEP = 1 << 20;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString('utf8');
}

function sizeOf(header: Buffer): number {
  const text = field(header, 124, 12).trim();
  if (!/^[0-7]*$/.test(text)) throw new Error('a tar header with a bad size');
  return text === '' ? 0 : parseInt(text, 8);
}

/** PAX extended header records: "LEN key=value\n"… — only `path` matters here. */
function paxPath(body: Buffer): string | undefined {
  const text = body.toString('utf8');
  return /(?:^|\n)\d+ path=([^\n]*)\n/.exec(text)?.[1];
}

export async function* readTarEntries(stream: Readable): AsyncGenerator<TarEntry> {
  let buffer: Buffer = Buffer.alloc(0);
  let pending: { name: string; size: number; type: string; left: number; chunks: Buffer[] } | null = null;
  let nextName: string | undefined;
  let ended = false;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    for (;;) {
      if (pending) {
        // File data, padded to whole blocks.
        const padded = Math.ceil(pending.size / BLOCK) * BLOCK;
        const take = Math.min(pending.left, buffer.length);
        const keepUpTo = Math.max(0, Math.min(take, pending.size - (padded - pending.left)));
        if (pending.size <= KEEP && keepUpTo > 0) pending.chunks.push(buffer.subarray(0, keepUpTo));
        pending.left -= take;
        buffer = buffer.subarray(take);
        if (pending.left > 0) break;
        const body = Buffer.concat(pending.chunks);
        const done = pending;
        pending = null;
        if (done.type === 'x') nextName = paxPath(body) ?? nextName;
        else if (done.type !== 'g') yield { name: done.name, size: done.size, body };
        continue;
      }
      if (ended || buffer.length < BLOCK) break;
      const header = buffer.subarray(0, BLOCK);
      buffer = buffer.subarray(BLOCK);
      if (header.every((b) => b === 0)) {
        ended = true;
        break;
      }
      const type = String.fromCharCode(header[156] ?? 48);
      const prefix = field(header, 345, 155);
      const plain = field(header, 0, 100);
      const name = nextName ?? (prefix ? `${prefix}/${plain}` : plain);
      if (type !== 'x' && type !== 'g') nextName = undefined;
      const size = sizeOf(header);
      const padded = Math.ceil(size / BLOCK) * BLOCK;
      if (type === '5' || padded === 0) {
        if (type !== 'x' && type !== 'g') yield { name, size: 0, body: Buffer.alloc(0) };
        continue;
      }
      pending = { name, size, type, left: padded, chunks: [] };
    }
  }
  if (pending) throw new Error('the tar stream ended inside a file');
  if (!ended) throw new Error('the tar stream ended without its end blocks');
}
