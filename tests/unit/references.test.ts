// Reference spelling shared by main, the CLI and the renderer
// (src-shared/references.ts). The renderer's splitReference, main's
// normalizeReference and its keep-pattern matcher each found the tag's colon
// on their own; main's familiarReference and the renderer's familiar were twins.
import { describe, expect, it } from 'vitest';
import { familiarReference, hasTag, splitReference } from '../../src-shared/references';
import { matchesPattern, normalizeReference } from '../../src-main/planning/references';

describe('splitReference', () => {
  it('splits at the tag colon, not at a registry port', () => {
    expect(splitReference('app:1.2')).toEqual(['app', '1.2']);
    expect(splitReference('host:5000/team/app:1')).toEqual(['host:5000/team/app', '1']);
    expect(splitReference('host:5000/team/app')).toEqual(['host:5000/team/app', 'latest']);
  });

  it('reads an untagged reference as "latest", like docker', () => {
    expect(splitReference('app')).toEqual(['app', 'latest']);
    expect(splitReference('docker.io/library/app')).toEqual(['docker.io/library/app', 'latest']);
  });

  it('keeps an empty tag empty', () => {
    expect(splitReference('app:')).toEqual(['app', '']);
  });
});

describe('hasTag', () => {
  it('says whether a tag is named, a port notwithstanding', () => {
    expect(['app:1', 'host:5000/app:1', 'a/b:c'].map(hasTag)).toEqual([true, true, true]);
    expect(['app', 'host:5000/app', 'team/*'].map(hasTag)).toEqual([false, false, false]);
  });
});

describe('familiarReference', () => {
  it('drops docker.io/library/, docker.io/ and localhost/ as docker prints them', () => {
    expect(familiarReference('docker.io/library/tiny:latest')).toBe('tiny:latest');
    expect(familiarReference('docker.io/team/app:1')).toBe('team/app:1');
    expect(familiarReference('localhost/built:dev')).toBe('built:dev');
    expect(familiarReference('registry.example.com/team/app:1')).toBe('registry.example.com/team/app:1');
  });
});

describe('main reads references through the same split', () => {
  it('normalizes tag, port and digest alike', () => {
    expect(normalizeReference('host:5000/app')).toBe('host:5000/app:latest');
    expect(normalizeReference('host:5000/app:2')).toBe('host:5000/app:2');
    expect(normalizeReference('app@sha256:abc')).toBe('docker.io/library/app:latest');
    expect(normalizeReference('app:1@sha256:abc')).toBe('docker.io/library/app:1');
  });

  it('a keep pattern without a tag matches the repository under any tag, port or not', () => {
    expect(matchesPattern('host:5000/app:9', 'host:5000/app')).toBe(true);
    expect(matchesPattern('host:5000/app:9', 'host:5000/app:9')).toBe(true);
    expect(matchesPattern('host:5000/app:9', 'host:5000/app:1')).toBe(false);
  });
});
