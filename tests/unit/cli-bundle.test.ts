// The CLI bundle's lazy requires (bin/lazy-requires.mjs): every module it defers
// is still found where it was (a dependency that moved its files must fail the
// build, not silently make every start slower again), and a stand-in behaves as
// the module it stands for. The ssh:// path through the real bundle is tested
// against a real sshd (tests/integration/ssh-endpoint.test.ts).

import { build, type PluginBuild } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build helper without types
import { LAZY_REQUIRES, lazyRequires } from '../../bin/lazy-requires.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

const bundleOf = (contents: string, plugins: unknown[]) =>
  build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    external: ['cpu-features', '*.node'],
    logLevel: 'silent',
    plugins: plugins as never,
  });

describe('the CLI bundle defers what dockerode loads and the CLI rarely calls', () => {
  it('finds every deferred require in dockerode and docker-modem', async () => {
    const result = await bundleOf(`import Docker from 'dockerode'; export default Docker;`, [lazyRequires()]);
    expect(result.errors).toEqual([]);
    expect((LAZY_REQUIRES as unknown[]).length).toBe(4);
  });

  it('fails the build when a listed require is no longer there', async () => {
    const moved = [{ importer: /dockerode[\\/]lib[\\/]docker\.js$/, spec: './moved-away' }];
    await expect(bundleOf(`import 'dockerode';`, [lazyRequires(moved)])).rejects.toThrow(/lazyRequires\.unmatched/);
  });

  it('a stand-in is called, constructed and read as the module itself, loading it once, on first use', async () => {
    const entries = [{ importer: /entry-lazy\.ts$/, spec: './lazy-target' }];
    const plugin = {
      name: 'fixture',
      setup(b: PluginBuild) {
        b.onResolve({ filter: /^\.\/(entry-lazy\.ts|lazy-target)$/ }, (a) => ({
          path: a.path === './lazy-target' ? '/virtual/lazy-target.js' : '/virtual/entry-lazy.ts',
          namespace: 'file',
        }));
        b.onLoad({ filter: /^\/virtual\// }, (a) =>
          a.path.endsWith('lazy-target.js')
            ? {
                loader: 'js',
                contents: `globalThis.loads = (globalThis.loads ?? 0) + 1;
                  function Target(x) { if (!new.target) return 'called ' + x; this.x = x; }
                  Target.version = 3;
                  module.exports = Target;`,
              }
            : {
                loader: 'ts',
                contents: `const T = require('./lazy-target');
                  export const before = globalThis.loads ?? 0;
                  export const called = T('a');
                  export const built = new T('b').x;
                  export const version = T.version;
                  export const after = globalThis.loads;`,
              },
        );
      },
    };
    const result = await build({
      entryPoints: ['./entry-lazy.ts'],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      logLevel: 'silent',
      plugins: [lazyRequires(entries), plugin] as never,
    });
    const module = { exports: {} as Record<string, unknown> };
    const sandbox = { module, exports: module.exports, require: createRequire(root) };
    runInNewContext(result.outputFiles[0]!.text, sandbox);
    expect(module.exports).toMatchObject({ before: 0, called: 'called a', built: 'b', version: 3, after: 1 });
  });
});

describe('what `barnacle ls` evaluates at start', () => {
  it('neither zod, nor the planner, the executor or the history: plan and apply load those when they run', async () => {
    const result = await build({
      entryPoints: ['src-main/cli/main.ts'],
      absWorkingDir: root,
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron', 'cpu-features', '*.node'],
      logLevel: 'silent',
      tsconfig: 'tsconfig.node.json',
      plugins: [lazyRequires()] as never,
    });
    const inputs = result.metafile.inputs;
    // Everything main.ts reaches through static imports (an `await import()` is left out).
    const reached = new Set<string>();
    const stack = ['src-main/cli/main.ts'];
    while (stack.length > 0) {
      const file = stack.pop()!;
      if (reached.has(file) || !inputs[file]) continue;
      reached.add(file);
      for (const i of inputs[file].imports) if (i.kind !== 'dynamic-import') stack.push(i.path);
    }
    expect(reached.size).toBeGreaterThan(20);
    const heavy = [...reached].filter((f) =>
      /node_modules\/zod\/|src-main\/(planning\/planner|execution\/|history\/|core\/plan-lifecycle)/.test(f),
    );
    expect(heavy).toEqual([]);
  });
});
