// Where the Electron binary is, without requiring 'electron' (which, from
// Electron 42 on, tries to download it when missing).

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function findElectronBinary(): { path: string } | { missing: string } {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('electron/package.json'));
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (override) {
    const candidate = join(override, relative ?? 'electron');
    return existsSync(candidate) ? { path: candidate } : { missing: candidate };
  }
  if (!relative) return { missing: `${pathFile} (the Electron binary was never downloaded)` };
  const binary = join(packageDir, 'dist', relative);
  return existsSync(binary) ? { path: binary } : { missing: binary };
}
