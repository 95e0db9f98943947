#!/usr/bin/env node
// Private test engines to poke at by hand (needs root, like the integration tests).
//
//   node scripts/engines.mjs up [NAME…]    start the matrix's engines (tests/engines/matrix.ts) in
//                                        .tmp/engines/NAME, print DOCKER_HOST lines
//   node scripts/engines.mjs down [NAME…]  stop them and delete their dirs
// NAME: docker20, docker26-containerd, docker26-classic, podman43, podman54 (default: all).
// Docker 26 and Podman 5.4 need `bash scripts/provision-engines.sh` first.
//
// The engines are the harness's own (tests/engines/harness.ts, loaded through
// tsx's register API, so plain `node` works). Engines keep running after `up`
// exits; only `down` stops them. The test runs never touch these dirs.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const harness = await import('../tests/engines/harness.ts');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '.tmp', 'engines');
const { ENGINE_NAMES } = await import('../tests/engines/matrix.ts');
const named = process.argv.slice(3);
const kinds = named.length > 0 ? named : ENGINE_NAMES;

async function up() {
  await Promise.all(
    kinds.map(async (kind) => {
      const availability = harness.engineAvailability(kind);
      if (!availability.ok) return console.log(`# ${kind} skipped: ${availability.reason}`);
      const dir = join(root, kind);
      const existing = harness.attachEngine(kind, dir);
      if (existsSync(dir) && (await harness.ping(existing.socketPath))) {
        return console.log(`DOCKER_HOST=${existing.host}  # ${kind}, already up`);
      }
      mkdirSync(dir, { recursive: true });
      const engine = await harness.startEngine(kind, dir);
      await harness.ensureBaseImage(harness.connect(engine.host));
      console.log(`DOCKER_HOST=${engine.host}  # ${kind}, log ${join(dir, 'engine.log')}`);
    }),
  );
}

async function down() {
  for (const kind of kinds) {
    const dir = join(root, kind);
    if (!existsSync(join(dir, harness.MARKER))) continue;
    await harness.reapEngineDir(dir);
    console.log(`# ${kind} stopped, ${dir} removed`);
  }
}

const command = process.argv[2];
if (command === 'up') await up();
else if (command === 'down') await down();
else {
  console.error('usage: node scripts/engines.mjs up|down [NAME…]');
  process.exitCode = 2;
}
