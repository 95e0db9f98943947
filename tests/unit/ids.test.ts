// The one ID helper (src-shared/ids.ts) main, the renderer and the CLI share.
// Before, four copies disagreed: two cut any string to 12 characters, one only
// shortened 64 hex, one kept the "sha256:" of a name it did not shorten.
import { describe, expect, it } from 'vitest';
import { idMatches, normalizeImageId, shortId } from '../../src-shared/ids';

const hex64 = '4a0c45ddce37' + '0123456789abcdef'.repeat(3) + '0123';

describe('shortId', () => {
  it('shortens a full ID to the 12 hex `docker images` prints, with or without sha256:', () => {
    expect(hex64).toHaveLength(64);
    expect(shortId(`sha256:${hex64}`)).toBe('4a0c45ddce37');
    expect(shortId(hex64)).toBe('4a0c45ddce37');
  });

  it('shortens a long ID prefix too (the 64-hex-only copy left it long)', () => {
    expect(shortId(hex64.slice(0, 20))).toBe('4a0c45ddce37');
    expect(shortId(`sha256:${hex64.slice(0, 40)}`)).toBe('4a0c45ddce37');
    expect(shortId('4a0c45ddce37')).toBe('4a0c45ddce37');
  });

  it('returns a name unchanged (the slice-12 copies cut it)', () => {
    expect(shortId('registry.example.com/team/app:1.2.3')).toBe('registry.example.com/team/app:1.2.3');
    expect(shortId('my-long-volume-name')).toBe('my-long-volume-name');
    expect(shortId('web')).toBe('web');
    expect(shortId('')).toBe('');
  });

  it('keeps "sha256:" on what is not a long hex ID (the renderer copy dropped it)', () => {
    expect(shortId('sha256:abc')).toBe('sha256:abc');
    expect(shortId('sha256:not-hex-at-all-but-long')).toBe('sha256:not-hex-at-all-but-long');
  });

  it('leaves what is too short or not hex alone', () => {
    expect(shortId('4a0c45ddce3')).toBe('4a0c45ddce3');
    expect(shortId(`${hex64}0`)).toBe(`${hex64}0`);
    expect(shortId('4A0C45DDCE37' + hex64.slice(12))).toBe('4A0C45DDCE37' + hex64.slice(12));
  });
});

describe('normalizeImageId', () => {
  it('spells any full image ID as sha256:<lower hex>', () => {
    expect(normalizeImageId(hex64)).toBe(`sha256:${hex64}`);
    expect(normalizeImageId(hex64.toUpperCase())).toBe(`sha256:${hex64}`);
    expect(normalizeImageId(`sha256:${hex64}`)).toBe(`sha256:${hex64}`);
  });

  it('lower-cases anything else and adds nothing', () => {
    expect(normalizeImageId('Tiny:Latest')).toBe('tiny:latest');
    expect(normalizeImageId(hex64.slice(0, 12))).toBe(hex64.slice(0, 12));
  });
});

describe('idMatches', () => {
  it('takes a short or full ID, with or without sha256:, in any case', () => {
    const full = `sha256:${hex64}`;
    expect(idMatches(full, hex64.slice(0, 12))).toBe(true);
    expect(idMatches(full, `sha256:${hex64.slice(0, 12)}`)).toBe(true);
    expect(idMatches(full, hex64.toUpperCase())).toBe(true);
    expect(idMatches(hex64, full)).toBe(true);
  });

  it('needs at least the 12 hex of the short form, and a prefix', () => {
    expect(idMatches(hex64, hex64.slice(0, 11))).toBe(false);
    expect(idMatches(hex64, hex64.slice(1, 13))).toBe(false);
  });
});
