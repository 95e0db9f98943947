// Where Barnacle keeps its data (history, layer facts, disk settings): no dependency,
// so the CLI's looking commands can find it without loading the history's schemas.

import { posix, win32 } from 'node:path';

/** Where Barnacle keeps its data (history, layer facts), for the app and the CLI alike. */
export function defaultDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  switch (platform) {
    case 'win32':
      return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), 'barnacle');
    case 'darwin':
      return posix.join(home, 'Library', 'Application Support', 'barnacle');
    default:
      // XDG: a relative XDG_DATA_HOME is invalid and must be ignored.
      return posix.join(
        env.XDG_DATA_HOME?.startsWith('/') ? env.XDG_DATA_HOME : posix.join(home, '.local', 'share'),
        'barnacle',
      );
  }
}
