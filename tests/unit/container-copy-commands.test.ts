// The docker CLI lines shown for keeping a stopped container in the trash
// (src-main/trash/container-copy.ts): each word quoted as sh needs it, and a
// commit line only when there is a writable layer to keep.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { containerCopyCommands } from '../../src-main/trash/container-copy';

const ID = 'a'.repeat(64);

describe('containerCopyCommands', () => {
  it('writes the inspect (with its size) to the file, then commits the layer without pausing', () => {
    expect(
      containerCopyCommands({
        containerId: ID,
        inspectFile: '/data/trash/p1/s2.container.json',
        commitRef: 'barnacle-trash/p1:s2',
      }),
    ).toEqual([
      `docker container inspect --size ${ID} > /data/trash/p1/s2.container.json`,
      `docker commit --pause=false ${ID} barnacle-trash/p1:s2`,
    ]);
  });

  it('has no commit line for a container that wrote nothing', () => {
    expect(containerCopyCommands({ containerId: ID, inspectFile: '/t/s1.json' })).toEqual([
      `docker container inspect --size ${ID} > /t/s1.json`,
    ]);
  });

  it('quotes a file path sh would split or expand, and sh reads it back whole', () => {
    const file = "/home/o'neil/My Trash/$x/s1.json";
    const [line] = containerCopyCommands({ containerId: ID, inspectFile: file });
    expect(line).toBe(`docker container inspect --size ${ID} > '/home/o'\\''neil/My Trash/$x/s1.json'`);
    const word = line!.slice(line!.indexOf('> ') + 2);
    expect(execFileSync('/bin/sh', ['-c', `printf '%s' ${word}`], { encoding: 'utf8' })).toBe(file);
  });
});
