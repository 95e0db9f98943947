// The history file: appended one line per executed plan, read back, exported,
// and robust to a crash mid-write and to plans finishing at the same moment.

import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExecutionReport, HistoryEntry } from '../../src-shared/plan';
import { csvCell, historyEntryFrom, historyToCsv } from '../../src-main/history/history-export';
import { HISTORY_FILE, HistoryStore, defaultDataDir } from '../../src-main/history/history-store';
import { planCleanup } from '../../src-main/planning/planner';
import { containerId, imageId, inventory, planningInput } from './support/inventory-builder';

function entry(n: number, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    planId: `plan-${n}`,
    digest: `sha256:${String(n).padStart(64, '0')}`,
    engine: { host: 'unix:///run/docker.sock', kind: 'docker', version: '20.10.24' },
    intent: { type: 'prune-images', all: true, until: '24h' },
    startedAt: Date.UTC(2025, 0, 1, 10, 0, n),
    finishedAt: Date.UTC(2025, 0, 1, 10, 1, n),
    bytesFreed: 1000 * n,
    bytesSource: 'disk-usage',
    finished: true,
    cancelled: false,
    removedImages: [{ id: imageId(`i${n}`), tags: [`app:${n}`], bytes: 1000 * n }],
    removedContainers: [],
    untagged: [],
    steps: [{ id: 's1', action: 'remove-image', target: imageId(`i${n}`), label: `app:${n}`, outcome: 'done' }],
    ...extra,
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'barnacle-history-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('HistoryStore', () => {
  it('reads nothing before the first plan', async () => {
    expect(await new HistoryStore(join(dir, 'not-yet')).read()).toEqual({ entries: [], skipped: 0 });
  });

  it('appends one JSON line per plan, creating the folder, and reads them back in order', async () => {
    const store = new HistoryStore(join(dir, 'data'));
    await store.append(entry(1));
    await store.append(entry(2));
    const text = await readFile(join(dir, 'data', HISTORY_FILE), 'utf8');
    expect(text.split('\n')).toHaveLength(3);
    expect(JSON.parse(text.split('\n')[1]!)).toEqual(entry(2));
    expect((await store.read()).entries).toEqual([entry(1), entry(2)]);
  });

  it('skips a torn last line, and the next append starts on a fresh line', async () => {
    const store = new HistoryStore(dir);
    await store.append(entry(1));
    // A crash mid-write leaves half a line with no newline.
    await appendFile(store.path, JSON.stringify(entry(2)).slice(0, 40));
    expect(await store.read()).toEqual({ entries: [entry(1)], skipped: 1 });
    await store.append(entry(3));
    expect(await store.read()).toEqual({ entries: [entry(1), entry(3)], skipped: 1 });
  });

  it('loses no entry when many plans finish together, from two writers on one file', async () => {
    const a = new HistoryStore(dir);
    const b = new HistoryStore(dir);
    const all = Array.from({ length: 40 }, (_, i) =>
      // Lines of several KiB, longer than a pipe's atomic write, with references the schema admits.
      entry(i, {
        intent: {
          type: 'remove-images',
          refs: Array.from({ length: 20 + i }, (_, k) => `r${i}/${'x'.repeat(100)}:${k}`),
        },
      }),
    );
    await Promise.all(all.map((e, i) => (i % 2 ? a : b).append(e)));
    const { entries, skipped } = await a.read();
    expect(skipped).toBe(0);
    expect(entries.map((e) => e.planId).sort()).toEqual(all.map((e) => e.planId).sort());
  });

  it('ignores lines that are JSON but not history entries', async () => {
    const store = new HistoryStore(dir);
    await writeFile(store.path, `{"hello":1}\n[]\n${JSON.stringify(entry(5))}\n`);
    expect(await store.read()).toEqual({ entries: [entry(5)], skipped: 2 });
  });

  it('rotates past its size cap into one previous generation, and reads both, oldest first', async () => {
    // Entries 1-6 write lines of one length: a cap of two lines rotates before every third append.
    const line = JSON.stringify(entry(1)).length + 1;
    const store = new HistoryStore(dir, 2 * line);
    for (let n = 1; n <= 6; n++) await store.append(entry(n));
    const { entries, skipped } = await store.read();
    expect(skipped).toBe(0);
    expect(entries.map((e) => e.planId)).toEqual(['plan-3', 'plan-4', 'plan-5', 'plan-6']);
    expect((await readFile(store.rotatedPath, 'utf8')).trim().split('\n')).toHaveLength(2);
  });

  it('skips entries whose fields are not what Barnacle writes, keeping the rest', async () => {
    const store = new HistoryStore(dir);
    const bad = [
      { ...entry(1), bytesFreed: -5 },
      { ...entry(2), steps: [{ id: 's1', action: 'format-disk', target: 'x', label: 'x', outcome: 'done' }] },
      { ...entry(3), intent: { type: 'remove-everything' } },
      { ...entry(4), engine: { host: 7, kind: 'docker', version: '1' } },
    ];
    await writeFile(store.path, [...bad, entry(5)].map((e) => JSON.stringify(e)).join('\n') + '\n');
    expect(await store.read()).toEqual({ entries: [entry(5)], skipped: 4 });
  });

  it('exports JSON and CSV', async () => {
    const store = new HistoryStore(dir);
    await store.append(entry(1));
    await store.append(entry(2, { finished: false, engineLost: 'gone' }));
    await store.exportTo(join(dir, 'out.json'), 'json');
    expect(JSON.parse(await readFile(join(dir, 'out.json'), 'utf8'))).toEqual([
      entry(1),
      entry(2, { finished: false, engineLost: 'gone' }),
    ]);
    await store.exportTo(join(dir, 'out.csv'), 'csv');
    const rows = (await readFile(join(dir, 'out.csv'), 'utf8')).split('\r\n');
    expect(rows[0]).toBe(
      'plan_id,started_at,finished_at,engine_host,engine,intent,finished,cancelled,bytes_freed,bytes_source,images_removed,containers_removed,tags_removed,steps_done,steps_total',
    );
    expect(rows[1]).toBe(
      'plan-1,2025-01-01T10:00:01.000Z,2025-01-01T10:01:01.000Z,unix:///run/docker.sock,docker 20.10.24,prune unused images until 24h,true,false,1000,disk-usage,app:1,,,1,1',
    );
    expect(rows[2]).toContain(',false,false,2000,');
    expect(rows).toHaveLength(4); // header, two rows, and the final CRLF
  });
});

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(42)).toBe('42');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe('-5');
  });

  it('names what a plan did in words', () => {
    const csv = historyToCsv([
      entry(1, { intent: { type: 'remove-stopped-containers', ancestor: 'web:1' } }),
      entry(2, { intent: { type: 'start-fresh' } }),
    ]);
    expect(csv).toContain('remove stopped containers of web:1');
    expect(csv).toContain('start fresh');
  });
});

describe('historyEntryFrom', () => {
  it('lists what was removed, from the steps that finished', () => {
    const inv = inventory(
      [
        { name: 'base', tags: ['base:1'] },
        { name: 'a', tags: ['a:1', 'a:2'], parent: 'base', layers: [['L-a', 70]] },
        { name: 'b', tags: ['b:1', 'b:2'], parent: 'base' },
      ],
      [{ name: 'ca', image: 'a' }],
    );
    const plan = planCleanup(
      planningInput(inv, {
        type: 'remove-images',
        refs: [imageId('a'), 'b:2'],
        choices: {
          perImage: { [imageId('a')]: { multipleReferences: 'all-tags', stoppedContainer: 'remove-containers' } },
        },
      }),
    );
    const outcomes: ExecutionReport['outcomes'] = Object.fromEntries(
      plan.steps.map((s) => [s.id, { state: 'done' as const }]),
    );
    const report: ExecutionReport = {
      planId: plan.id,
      digest: plan.digest,
      startedAt: 1,
      finishedAt: 2,
      outcomes,
      bytesFreed: 70,
      bytesSource: 'plan',
      finished: true,
      cancelled: false,
    };
    const h = historyEntryFrom(plan, report);
    expect(h.removedImages).toEqual([{ id: imageId('a'), tags: ['a:1', 'a:2'], bytes: 70 }]);
    expect(h.removedContainers).toEqual([{ id: containerId('ca'), name: 'ca' }]);
    expect(h.untagged).toEqual(['b:2']);
    expect(h.steps.map((s) => s.outcome)).toEqual(plan.steps.map(() => 'done'));

    const rmi = plan.steps.find((s) => s.action === 'remove-image')!;
    const partial = historyEntryFrom(plan, {
      ...report,
      finished: false,
      outcomes: { ...outcomes, [rmi.id]: { state: 'not-run', reason: { key: 'outcome.cancelled' } } },
    });
    expect(partial.removedImages).toEqual([]);
    expect(partial.steps.find((s) => s.id === rmi.id)!.outcome).toBe('not-run');
  });
});

describe('defaultDataDir', () => {
  it('follows each platform', () => {
    expect(defaultDataDir('linux', {}, '/home/ann')).toBe('/home/ann/.local/share/barnacle');
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/data/ann' }, '/home/ann')).toBe('/data/ann/barnacle');
    expect(defaultDataDir('linux', { XDG_DATA_HOME: 'relative' }, '/home/ann')).toBe('/home/ann/.local/share/barnacle');
    expect(defaultDataDir('darwin', {}, '/Users/ann')).toBe('/Users/ann/Library/Application Support/barnacle');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\barnacle',
    );
    expect(defaultDataDir('win32', {}, 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Roaming\\barnacle');
  });
});

describe('policy runs in the history', () => {
  it('reads back a line whose intent names the policy and says the schedule ran it', async () => {
    const store = new HistoryStore(dir);
    const intent = {
      type: 'prune-images' as const,
      all: true,
      policy: 'weekly',
      automatic: true,
      unusedFor: '720h',
      keepNewest: { count: 2, by: 'created' as const },
      threshold: { measure: 'images-bytes' as const, trigger: 2_000, target: 1_000 },
      trash: 'not-pullable' as const,
    };
    await store.append(entry(1, { intent }));
    await store.append(entry(2, { intent: { ...intent, policy: 'not/a policy name' } }));
    const { entries, skipped } = await store.read();
    expect(entries).toEqual([entry(1, { intent })]);
    expect(skipped).toBe(1);
  });
});
