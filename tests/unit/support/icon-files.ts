// Reads the icon containers the packages ship, independently of the script
// that writes them (scripts/make-icons.mjs): PNG size and pixels, ICO and ICNS
// entries. Enough of each format to check sizes, nothing more.

import { inflateSync } from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPng(data: Buffer): boolean {
  return data.subarray(0, 8).equals(PNG_SIGNATURE);
}

/** Width and height from the IHDR chunk, which must come first. */
export function pngSize(data: Buffer): { width: number; height: number } {
  if (!isPng(data) || data.toString('ascii', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** RGBA pixels of an 8-bit RGBA, non-interlaced PNG (what Chromium's screenshots are). */
export function pngPixels(data: Buffer): { width: number; height: number; rgba: Buffer } {
  const { width, height } = pngSize(data);
  const [depth, colourType, , , interlace] = data.subarray(24, 29);
  if (depth !== 8 || colourType !== 6 || interlace !== 0) {
    throw new Error(`expected 8-bit RGBA non-interlaced, got depth ${depth} colour type ${colourType}`);
  }
  const idat: Buffer[] = [];
  for (let at = 8; at < data.length;) {
    const length = data.readUInt32BE(at);
    if (data.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(data.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const up = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const upLeft = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0;
      rgba[y * stride + x] = (line[x]! + predictor(filter, left, up, upLeft)) & 0xff;
    }
  }
  return { width, height, rgba };
}

function predictor(filter: number, a: number, b: number, c: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4: {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      throw new Error(`bad PNG filter ${filter}`);
  }
}

export interface IcoEntry {
  /** From the directory entry (0 there means 256). */
  width: number;
  height: number;
  bitsPerPixel: number;
  data: Buffer;
}

export function icoEntries(file: Buffer): IcoEntry[] {
  if (file.readUInt16LE(0) !== 0 || file.readUInt16LE(2) !== 1) throw new Error('not an ICO');
  const count = file.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const at = 6 + 16 * i;
    const size = file.readUInt32LE(at + 8);
    const offset = file.readUInt32LE(at + 12);
    return {
      width: file.readUInt8(at) || 256,
      height: file.readUInt8(at + 1) || 256,
      bitsPerPixel: file.readUInt16LE(at + 6),
      data: file.subarray(offset, offset + size),
    };
  });
}

export function icnsEntries(file: Buffer): { type: string; data: Buffer }[] {
  if (file.toString('ascii', 0, 4) !== 'icns') throw new Error('not an ICNS');
  if (file.readUInt32BE(4) !== file.length) throw new Error('ICNS length does not match the file');
  const entries: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < file.length;) {
    const length = file.readUInt32BE(at + 4);
    entries.push({ type: file.toString('ascii', at, at + 4), data: file.subarray(at + 8, at + length) });
    at += length;
  }
  return entries;
}
