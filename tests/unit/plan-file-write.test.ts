// Saved plans are written whole, private (0600), and never through a link
// planted at the path (issue 13).

import { lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Plan } from '../../src-shared/plan';
import { writePlanFile } from '../../src-main/cli/plan-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bn-planfile-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const plan = { id: 'p1', digest: 'sha256:x', steps: [] } as unknown as Plan;

it('writes the plan with mode 0600', async () => {
  const file = join(dir, 'plan.json');
  await writePlanFile(file, plan);
  expect(lstatSync(file).mode & 0o777).toBe(0o600);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(plan);
});

it('replaces a symlink at the path instead of writing through it', async () => {
  const elsewhere = join(dir, 'bashrc');
  writeFileSync(elsewhere, 'keep me');
  const file = join(dir, 'plan.json');
  symlinkSync(elsewhere, file);
  await writePlanFile(file, plan);
  expect(readFileSync(elsewhere, 'utf8')).toBe('keep me');
  expect(lstatSync(file).isSymbolicLink()).toBe(false);
  expect(lstatSync(file).mode & 0o777).toBe(0o600);
});

it('says where it could not save, and leaves no temporary file behind', async () => {
  await expect(writePlanFile(join(dir, 'missing', 'plan.json'), plan)).rejects.toThrow(/could not save the plan/);
});
