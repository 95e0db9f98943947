// `npm start` on a Node older than Electron 45 needs stops with one sentence (issue 13).

import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

const run = (wanted: string) =>
  spawnSync(process.execPath, ['scripts/require-node.mjs', wanted, 'npm start'], { encoding: 'utf8' });

it('refuses a Node older than asked, naming both versions and what still works', () => {
  const ran = run(`${Number(process.versions.node.split('.')[0]) + 1}.0`);
  expect(ran.status).toBe(1);
  expect(ran.stderr.trim().split('\n')).toHaveLength(1);
  expect(ran.stderr).toContain(`this is Node.js ${process.versions.node}`);
  expect(ran.stderr).toMatch(/^npm start needs Node\.js \d+\.0 or newer/);
});

it('lets this Node through when it is new enough', () => {
  expect(run('20.0').status).toBe(0);
});
