// The few file-system questions endpoint resolution and discovery ask. Injectable so
// a caller (or a test) can point them at another view of the disk; the default reads
// the real one. Every method answers "absent" instead of throwing: a missing config
// directory or socket is the normal case, not an error.

import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';

export interface FileView {
  /** File contents as UTF-8, or undefined when it cannot be read. */
  readText(path: string): string | undefined;
  /** Names of the subdirectories of `path` (following symlinks); [] when absent. */
  listDirs(path: string): string[];
  /** Names of the non-directory entries of `path`; [] when absent. */
  listFiles(path: string): string[];
  /** A regular file is there (following symlinks). */
  fileExists(path: string): boolean;
  /**
   * Something an engine could listen on is there: a unix socket (following symlinks),
   * or on Windows a named pipe (`\\.\pipe\name`). A directory or plain file named
   * docker.sock does not count — `docker run -v /var/run/docker.sock:…` creates a
   * directory there when the socket is missing.
   */
  socketExists(path: string): boolean;
  /** The path with symlinks resolved, or undefined when it does not exist. */
  realPath(path: string): string | undefined;
}

function isNamedPipePath(path: string): boolean {
  return /^[\\/]{2}\.[\\/]pipe[\\/]/i.test(path);
}

export const nodeFileView: FileView = {
  readText(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  listDirs(path) {
    try {
      return readdirSync(path).filter((name) => statSync(`${path}/${name}`, { throwIfNoEntry: false })?.isDirectory());
    } catch {
      return [];
    }
  },
  listFiles(path) {
    try {
      return readdirSync(path).filter((name) => !statSync(`${path}/${name}`, { throwIfNoEntry: false })?.isDirectory());
    } catch {
      return [];
    }
  },
  fileExists(path) {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  },
  socketExists(path) {
    // stat on a named pipe opens it (and may fail with EBUSY); existence is all Windows answers reliably.
    if (isNamedPipePath(path)) return existsSync(path);
    try {
      return statSync(path).isSocket();
    } catch {
      return false;
    }
  },
  realPath(path) {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  },
};
