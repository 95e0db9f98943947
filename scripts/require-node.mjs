#!/usr/bin/env node
// `npm start` needs what Electron 45 and its tooling need: Node.js 22.12 or newer.
// On an older Node the build and the binary download fail far from the cause, so
// this says it in one sentence first. The CLI and the tests run on Node 20 too.
// Usage: node scripts/require-node.mjs 22.12 "npm start"

const [wanted = '22.12', what = 'this'] = process.argv.slice(2);
const parse = (v) => v.replace(/^v/, '').split('.').map(Number);
const [needMajor, needMinor = 0] = parse(wanted);
const [major, minor] = parse(process.versions.node);
if (major < needMajor || (major === needMajor && minor < needMinor)) {
  console.error(
    `${what} needs Node.js ${wanted} or newer (Electron 45 requires it); this is Node.js ${process.versions.node}. Install a newer Node.js, or use the barnacle CLI and npm test, which run on Node.js 20.`,
  );
  process.exit(1);
}
