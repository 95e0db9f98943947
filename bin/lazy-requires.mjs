// An esbuild plugin for the CLI bundle (bin/barnacle.mjs): a few modules that
// dockerode and docker-modem require at load time, and that a CLI run almost never
// calls, are evaluated on first use instead.
//
// Loading dockerode evaluates gRPC and protobuf (BuildKit sessions, used only by
// `buildImage` with version 2), tar-fs and .dockerignore parsing (build contexts)
// and ssh2 (ssh:// engines): 35–45 ms of every start measured here, against 7–11 ms
// with these deferred. Barnacle never builds through dockerode; ssh2 loads when an
// ssh:// engine is dialled (tests/integration/ssh-endpoint.test.ts runs the bundled
// CLI over a real sshd).
//
// Each listed require becomes a stand-in that requires the real module the first
// time it is called, constructed or read; esbuild keeps a CommonJS module's body in
// a function until its first require, so the bundle holds the code but does not run
// it. An entry that no longer matches (a dependency moved its files) fails the build
// (`lazyRequires.unmatched`), tested in tests/unit/cli-bundle.test.ts.

import { dirname } from 'node:path';

/** `spec` as required from a file whose path ends with `importer`. */
export const LAZY_REQUIRES = [
  { importer: /docker-modem[\\/]lib[\\/]modem\.js$/, spec: './ssh' },
  { importer: /dockerode[\\/]lib[\\/]docker\.js$/, spec: './session' },
  { importer: /dockerode[\\/]lib[\\/]util\.js$/, spec: 'tar-fs' },
  { importer: /dockerode[\\/]lib[\\/]util\.js$/, spec: '@balena/dockerignore' },
];

const standIn = (spec) => `let real;
const load = () => (real ??= require(${JSON.stringify(spec)}));
module.exports = new Proxy(function () {}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  apply: (_, self, args) => Reflect.apply(load(), self, args),
  construct: (_, args) => Reflect.construct(load(), args),
});
`;

export function lazyRequires(entries = LAZY_REQUIRES) {
  const hit = new Set();
  return {
    name: 'lazy-requires',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        const entry = entries.find((e) => e.spec === args.path && e.importer.test(args.importer));
        if (!entry) return undefined;
        hit.add(entry);
        // The stand-in's own require comes from this namespace's path, which no importer pattern matches.
        return { path: `${args.importer}#${args.path}`, namespace: 'lazy-require', pluginData: args };
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy-require' }, ({ pluginData }) => ({
        contents: standIn(pluginData.path),
        resolveDir: dirname(pluginData.importer),
        loader: 'js',
      }));
      build.onEnd((result) => {
        const unmatched = entries.filter((e) => !hit.has(e));
        if (result.errors.length === 0 && unmatched.length > 0) {
          throw new Error(`lazyRequires.unmatched: ${unmatched.map((e) => `${e.spec} from ${e.importer}`).join(', ')}`);
        }
      });
    },
  };
}
