#!/usr/bin/env node
// The `barnacle` command. It runs the same TypeScript sources as the desktop app,
// straight from a clone: Node 20 cannot run TypeScript itself (type stripping is
// Node 22.6+), and the sources import each other without file extensions
// (`moduleResolution: Bundler`), which Node's own ESM resolver refuses. tsx's ESM
// loader, registered here through its API, does both, so there is no build step to
// forget and no second copy of the core to drift. The repository's tsconfig is
// named explicitly so a tsconfig in the caller's working directory is never used.

import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.node.json', import.meta.url)) });

const { main } = await import('../src-main/cli/main.ts');
await main();
