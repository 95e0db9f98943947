// Which tray image each desktop gets, and where it is at run time. The files
// are made by scripts/make-icons.mjs and shipped by electron-builder.yml's
// extraResources (tests/unit/packaging.test.ts checks the two agree).

import { join } from 'node:path';

/** Every file the tray may load; electron-builder copies these into resources/tray. */
export const TRAY_ICON_FILES = [
  'trayTemplate.png',
  'trayTemplate@2x.png',
  'tray.png',
  'tray@2x.png',
  'tray.ico',
] as const;

export type TrayIconFile = (typeof TRAY_ICON_FILES)[number];

/**
 * macOS: a template image (black + alpha; the menu bar recolours it, and the
 * @2x file is picked up by name). Windows: an .ico with the sizes its scaling
 * steps need. Linux: a PNG on the blue tile, since panels can be light or dark.
 */
export function trayIconFile(platform: NodeJS.Platform): TrayIconFile {
  if (platform === 'darwin') return 'trayTemplate.png';
  if (platform === 'win32') return 'tray.ico';
  return 'tray.png';
}

/** Packaged: resources/tray next to app.asar. From a checkout: build/tray. */
export function trayIconDir(where: { packaged: boolean; resourcesPath: string; appPath: string }): string {
  return where.packaged ? join(where.resourcesPath, 'tray') : join(where.appPath, 'build', 'tray');
}
