// The tar reader the trash checks image archives with: names (ustar prefix and
// PAX), small files' contents, and truncated streams refused.

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readTarEntries } from '../../src-main/trash/tar-reader';
import { tar } from '../engines/tar';

async function all(buffer: Buffer, chunk = 97) {
  const parts: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += chunk) parts.push(buffer.subarray(i, i + chunk));
  const out: { name: string; size: number; body: string }[] = [];
  for await (const e of readTarEntries(Readable.from(parts)))
    out.push({ name: e.name, size: e.size, body: e.body.toString() });
  return out;
}

describe('tar reader', () => {
  const archive = tar([
    { name: 'manifest.json', data: Buffer.from('[{"Config":"c.json"}]') },
    { name: 'c.json', data: Buffer.from('{}') },
    { name: 'blobs/sha256/' + 'a'.repeat(64), data: Buffer.alloc(1500, 7) },
  ]);

  it('reads every entry with its contents, in chunks of any size', async () => {
    for (const chunk of [1, 97, 512, 100_000]) {
      const entries = await all(archive, chunk);
      expect(entries.map((e) => [e.name, e.size])).toEqual([
        ['manifest.json', 21],
        ['c.json', 2],
        ['blobs/sha256/' + 'a'.repeat(64), 1500],
      ]);
      expect(entries[0]!.body).toBe('[{"Config":"c.json"}]');
      expect(entries[2]!.body).toHaveLength(1500);
    }
  });

  it('refuses a stream cut short, inside a file or before the end blocks', async () => {
    await expect(all(archive.subarray(0, 700))).rejects.toThrow(/inside a file/);
    await expect(all(archive.subarray(0, archive.length - 1024))).rejects.toThrow(/end blocks/);
  });

  it('takes a PAX path over the header name', async () => {
    const long = 'x/'.repeat(70) + 'file';
    const record = `${String(` path=${long}\n`.length + 3).padStart(3, '0')} path=${long}\n`;
    const pax = tar([
      { name: 'PaxHeader', data: Buffer.from(record) },
      { name: 'short', data: Buffer.from('hi') },
    ]);
    pax[156] = 'x'.charCodeAt(0);
    // The header checksum covers the type flag: recompute it as tar does.
    pax.fill(0x20, 148, 156);
    const sum = pax.subarray(0, 512).reduce((s, b) => s + b, 0);
    pax.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
    const entries = await all(pax);
    expect(entries.map((e) => e.name)).toEqual([long]);
  });
});
