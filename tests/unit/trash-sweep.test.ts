// The half-written trash copies the next run removes: a dead writer's `.tmp`, an old
// one, one without a pid; never a live writer's, a finished archive, or a link.

import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pidIsAlive, sweepHalfWritten } from '../../src-main/trash/sweep';

const PLAN = '0b8c7f3e-2d1a-4c5b-9e6f-7a8b9c0d1e2f';
const OTHER = '1c9d8e4f-3e2b-4d6c-8f7a-8b9c0d1e2f3a';

/** A pid that was just used and is gone now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  expect(child.pid).toBeGreaterThan(0);
  expect(pidIsAlive(child.pid)).toBe(false);
  return child.pid;
}

describe('sweepHalfWritten', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bn-sweep-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const put = (plan: string, name: string, content = 'x') => {
    mkdirSync(join(dir, plan), { recursive: true });
    writeFileSync(join(dir, plan, name), content);
    return join(dir, plan, name);
  };

  it('removes a dead writer’s file and keeps a live one’s', async () => {
    const dead = put(PLAN, `s1.tar.gz.${deadPid()}.0a1b2c3d4e5f.tmp`);
    const live = put(PLAN, `s2.tar.gz.${process.pid}.0a1b2c3d4e5f.tmp`);
    const done = put(PLAN, 's3.tar.gz');
    const record = put(PLAN, 's3.tar.gz.json', '{}');
    const result = await sweepHalfWritten(dir);
    expect(result).toEqual({ removed: [dead], removedFolders: [] });
    for (const kept of [live, done, record]) expect(existsSync(kept)).toBe(true);
  });

  it('removes a live pid’s file older than a day, and one named without a pid', async () => {
    const old = put(PLAN, `s1.tar.gz.${process.pid}.0a1b2c3d4e5f.tmp`);
    const twoDaysAgo = (Date.now() - 2 * 24 * 3600 * 1000) / 1000;
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    const unnamed = put(PLAN, 's2.tar.gz.0a1b2c3d4e5f.tmp');
    const result = await sweepHalfWritten(dir);
    expect([...result.removed].sort()).toEqual([old, unnamed].sort());
    // Nothing else was in the folder: it goes too.
    expect(result.removedFolders).toEqual([join(dir, PLAN)]);
    expect(existsSync(join(dir, PLAN))).toBe(false);
  });

  it('removes an archive whose record never came, once it is an hour old; a recent one may still get its record', async () => {
    const orphan = put(PLAN, 's1.tar.gz');
    const hourAgo = (Date.now() - 2 * 3600 * 1000) / 1000;
    utimesSync(orphan, hourAgo, hourAgo);
    const recent = put(PLAN, 's2.tar.gz');
    const whole = put(PLAN, 's3.tar.gz');
    utimesSync(whole, hourAgo, hourAgo);
    put(PLAN, 's3.tar.gz.json', '{}');
    const result = await sweepHalfWritten(dir);
    expect(result.removed).toEqual([orphan]);
    for (const kept of [recent, whole]) expect(existsSync(kept)).toBe(true);
  });

  it('never follows links, and touches nothing outside plan folders', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'bn-sweep-outside-'));
    try {
      const target = join(outside, `s1.tar.gz.${deadPid()}.aa.tmp`);
      writeFileSync(target, 'not ours');
      // A linked plan folder, and a link named like a dead writer's file.
      symlinkSync(outside, join(dir, OTHER));
      mkdirSync(join(dir, PLAN));
      symlinkSync(target, join(dir, PLAN, `s2.tar.gz.${deadPid()}.bb.tmp`));
      const loose = join(dir, `s3.tar.gz.${deadPid()}.cc.tmp`);
      writeFileSync(loose, 'x');
      expect(await sweepHalfWritten(dir)).toEqual({ removed: [], removedFolders: [] });
      expect(existsSync(target)).toBe(true);
      expect(existsSync(loose)).toBe(true);
      expect(readdirSync(join(dir, PLAN))).toHaveLength(1);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('asks about each pid, and an absent trash folder is no error', async () => {
    const a = put(PLAN, 's1.tar.gz.41.aa.tmp');
    put(PLAN, 's2.tar.gz.42.bb.tmp');
    const result = await sweepHalfWritten(dir, { isAlive: (pid) => pid === 42 });
    expect(result.removed).toEqual([a]);
    expect(await sweepHalfWritten(join(dir, 'none'))).toEqual({ removed: [], removedFolders: [] });
  });
});
