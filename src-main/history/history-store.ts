// Every executed plan, one JSON line each in <data dir>/history.jsonl. Appends
// are one write() of a whole line on a file opened O_APPEND, then fsync: lines
// from two plans finishing together (even from the app and the CLI at once)
// never interleave, and a crash loses at most the line being written, which
// reading then skips. Past 4 MiB the file becomes history.1.jsonl (replacing the
// one before) and a new one starts, so the history stays bounded at two
// generations; reading joins both, oldest first. Every line read back is checked
// field by field (history-schema.ts).

import { mkdir, open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryEntry } from '../../src-shared/plan';
import { historyToCsv } from './history-export';
import { asHistoryEntry } from './history-schema';

export const HISTORY_FILE = 'history.jsonl';
export const ROTATED_HISTORY_FILE = 'history.1.jsonl';
/** Where a history file is rotated (about 10,000 plans of a few steps each). */
export const HISTORY_ROTATE_BYTES = 4 * 2 ** 20;

// Its own module, so `barnacle df` finds the data folder without loading the history's schemas.
export { defaultDataDir } from '../runtime/data-dir';

export interface HistoryRead {
  entries: HistoryEntry[];
  /** Lines that could not be read (a torn last line after a crash, or damage). */
  skipped: number;
}

export class HistoryStore {
  readonly path: string;
  readonly rotatedPath: string;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly dataDir: string,
    private readonly rotateAtBytes = HISTORY_ROTATE_BYTES,
  ) {
    this.path = join(dataDir, HISTORY_FILE);
    this.rotatedPath = join(dataDir, ROTATED_HISTORY_FILE);
  }

  /** Appends one entry; resolves once it is on disk. Appends from this process run one at a time. */
  append(entry: HistoryEntry): Promise<void> {
    const write = this.queue.then(() => this.appendNow(entry));
    this.queue = write.catch(() => undefined);
    return write;
  }

  private async appendNow(entry: HistoryEntry): Promise<void> {
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    await this.rotateIfFull();
    const file = await open(this.path, 'a+', 0o600);
    try {
      // A torn last line (crash mid-write) must not swallow this one: start on a fresh line.
      const { size } = await file.stat();
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        await file.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) prefix = '\n';
      }
      const line = Buffer.from(`${prefix}${JSON.stringify(entry)}\n`, 'utf8');
      const { bytesWritten } = await file.write(line);
      if (bytesWritten !== line.length) throw new Error(`history: wrote ${bytesWritten} of ${line.length} bytes`);
      await file.sync();
    } finally {
      await file.close();
    }
  }

  /** The full file becomes the previous generation; the next append starts a new one. */
  private async rotateIfFull(): Promise<void> {
    const size = await stat(this.path).then(
      (s) => s.size,
      () => 0,
    );
    if (size >= this.rotateAtBytes) await rename(this.path, this.rotatedPath);
  }

  /** Both generations, oldest first. */
  async read(): Promise<HistoryRead> {
    const entries: HistoryEntry[] = [];
    let skipped = 0;
    for (const path of [this.rotatedPath, this.path]) {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw err;
      }
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        let entry: HistoryEntry | null;
        try {
          entry = asHistoryEntry(JSON.parse(line));
        } catch {
          entry = null;
        }
        if (entry) entries.push(entry);
        else skipped++;
      }
    }
    return { entries, skipped };
  }

  async exportTo(path: string, format: 'json' | 'csv'): Promise<void> {
    const { entries } = await this.read();
    const text = format === 'json' ? `${JSON.stringify(entries, null, 2)}\n` : historyToCsv(entries);
    await writeFile(path, text, { encoding: 'utf8', mode: 0o600 });
  }
}
