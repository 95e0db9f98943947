#!/usr/bin/env node
// The `barnacle` command. It runs the same TypeScript sources as the desktop app,
// straight from a clone, so there is no build step to forget and no second copy
// of the core to drift.
//
// Node 20 cannot run TypeScript itself, and loading ~70 modules through a
// TypeScript loader costs most of a second on every run, more than the engine
// takes to answer on a small host. So the sources are bundled with esbuild (about
// 0.5 s, once) into out/cli/, named by a stamp of the sources' sizes and times and
// of the lock file: an edited source or a new install makes a new bundle, an
// unchanged tree reuses it. The packages go into the bundle too: resolving and
// reading dockerode's ~300 files one by one took half of every start (0.5 s of
// 0.6 s before the first engine call, measured with --cpu-prof). Native addons
// stay outside (ssh2 loads its optional ones in a try and falls back to plain
// JavaScript). The bundle is CommonJS so that it can be compiled through node:vm
// with V8's code cache, kept beside it per Node version and written at the end of
// the first run (with the functions that run used compiled): a later start skips
// parsing and compiling 1.5 MB (0.18 s → 0.13 s for the whole process here). V8
// checks the cache against the source and refuses a mismatch, which then just
// compiles as usual. What dockerode loads for builds and ssh:// is evaluated on first
// use only (bin/lazy-requires.mjs). Where the clone cannot be written (a read-only checkout,
// another user), the sources run through tsx's loader as before. The repository's
// tsconfig is named explicitly so a tsconfig in the caller's folder is never used.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { lazyRequires } from './lazy-requires.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsconfig = join(root, 'tsconfig.node.json');
const entry = join(root, 'src-main', 'cli', 'main.ts');
const outDir = join(root, 'out', 'cli');
const lazyRequiresFile = join(root, 'bin', 'lazy-requires.mjs');
// The build's own settings are part of what the bundle is made from.
const thisFile = fileURLToPath(import.meta.url);

/** Sizes and modification times of everything the CLI is built from. */
function sourcesStamp() {
  const hash = createHash('sha256');
  const visit = (dir) => {
    // Code-unit order: localeCompare would load ICU's collator, a few ms of every start.
    for (const item of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )) {
      const path = join(dir, item.name);
      if (item.isDirectory()) visit(path);
      else if (item.name.endsWith('.ts')) {
        const s = statSync(path);
        hash.update(`${path}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  for (const dir of ['src-main', 'src-shared']) visit(join(root, dir));
  const buildFiles = [
    tsconfig,
    join(root, 'package.json'),
    join(root, 'package-lock.json'),
    lazyRequiresFile,
    thisFile,
  ];
  for (const file of buildFiles) {
    if (!existsSync(file)) continue;
    const s = statSync(file);
    hash.update(`${file}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** The bundle for these sources, built if missing; null when it cannot be built here. */
async function bundled() {
  let target;
  try {
    target = join(outDir, `barnacle-${sourcesStamp()}.cjs`);
    if (existsSync(target)) return target;
    const { build } = await import('esbuild');
    mkdirSync(outDir, { recursive: true });
    // Built beside its final name, then renamed: two first runs at once never load half a file.
    const temp = `${target}.${process.pid}.tmp`;
    await build({
      entryPoints: [entry],
      outfile: temp,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // Left out, required from node_modules on first use: what only dockerode's BuildKit
      // builds load (Barnacle never builds through it) and ssh2 (ssh:// engines, whose
      // connection takes far longer than resolving it): 650 kB of 1.6 MB that every start
      // would read.
      external: ['electron', 'cpu-features', '*.node', '@grpc/grpc-js', '@grpc/proto-loader', 'protobufjs', 'ssh2'],
      minify: true,
      keepNames: true,
      plugins: [lazyRequires()],
      tsconfig,
      logLevel: 'silent',
    });
    renameSync(temp, target);
    for (const old of readdirSync(outDir)) {
      if (old.startsWith('barnacle-') && join(outDir, old) !== target) rmSync(join(outDir, old), { force: true });
    }
    return target;
  } catch {
    return null;
  }
}

/** Loads the CommonJS bundle through V8's code cache (see the top); returns its exports. */
function loadWithCodeCache(bundle) {
  const cacheFile = `${bundle}.${process.version}.v8cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    // At exit the functions this run used are compiled too; the CLI ends with process.exit.
    process.once('exit', () => {
      try {
        const temp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, cacheFile);
      } catch {
        // A cache that cannot be written only costs the next start its compile time.
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return module.exports;
}

const bundle = await bundled();
if (bundle) {
  const { main } = loadWithCodeCache(bundle);
  await main();
} else {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig });
  const { main } = await import('../src-main/cli/main.ts');
  await main();
}
