#!/usr/bin/env node
// The Electron security gate: runs electronegativity over the app's own sources,
// reads its SARIF report, prints every finding and exits 1 on any finding that
// scripts/security-suppressions.json does not explain. Electronegativity itself
// exits 0 whatever it finds, and silently skips files it cannot parse, so both
// are counted here.
//
// What is scanned: src-main, src-preload, src-renderer, src-shared and
// package.json, copied into one directory so the scanner's global checks (CSP
// present? navigation limited? permission handler set?) see the whole app at
// once; scanned one directory at a time, each part "lacks" what another has.
// The built out/ is not scanned: `npm test` runs this before the build, so out/
// would be missing or stale; its main and preload bundles give the same findings
// as their sources, at bundle lines; and electronegativity 1.10 cannot parse the
// Svelte renderer bundle ("Unknown node type ClassPrivateProperty"), so the one
// thing out/ could add is the one thing it cannot read. Electronegativity reads
// .ts/.js/.html only, so .svelte files go unscanned too; the renderer holds no
// Electron or Node API (sandbox + contextIsolation), and its CSP is scanned.
//
// Electronegativity cannot see everything (see scripts/electron-checklist.ts):
// Barnacle's own checklist runs on the shell too, and its violations count as
// findings here.
//
// Suppressions: each entry { check, file, message?, why } explains exactly one
// finding; a second finding of the same kind in the same file fails the gate,
// and an entry that matches nothing fails it too, so the list cannot go stale.
//
// Usage: node scripts/security-scan.mjs   (SARIF kept in .tmp/electronegativity.sarif)

import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const SCANNED = ['src-main', 'src-preload', 'src-renderer', 'src-shared', 'package.json'];
const SARIF_PATH = '.tmp/electronegativity.sarif';
const SUPPRESSIONS_PATH = 'scripts/security-suppressions.json';
const SCANNABLE = /\.(ts|tsx|js|jsx|html|htm)$/;
const SECURE_WINDOW = 'src-main/shell/secure-window.ts';
const IPC_BRIDGE = 'src-main/shell/ipc-bridge.ts';

// Paths below are relative to the repository root, wherever this is started from.
process.chdir(fileURLToPath(new URL('..', import.meta.url)));

const require = createRequire(import.meta.url);
const runElectronegativity = require('@doyensec/electronegativity'); // dist/runner.js

function electronVersion() {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const range = pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
  const version = range?.match(/\d+\.\d+\.\d+/)?.[0];
  if (!version) throw new Error('package.json pins no electron version to scan against');
  return version;
}

function countScannable(dir) {
  return readdirSync(dir, { recursive: true }).filter((f) => SCANNABLE.test(String(f))).length;
}

/** One directory holding copies of everything scanned, paths kept relative to the repo. */
function stageSources() {
  const dir = mkdtempSync(join(tmpdir(), 'barnacle-scan-'));
  for (const entry of SCANNED) {
    if (!existsSync(entry)) throw new Error(`${entry} is missing: nothing to scan there`);
    cpSync(entry, join(dir, entry), { recursive: true });
  }
  return dir;
}

/** The report is written with an unawaited fs.writeFile after run() resolves: wait for it. */
async function readSarif(path, expectedResults) {
  for (let i = 0; i < 200; i++) {
    try {
      const sarif = JSON.parse(readFileSync(path, 'utf8'));
      const results = sarif.runs?.[0]?.results;
      if (Array.isArray(results) && results.length === expectedResults) return results;
    } catch {
      // not written (completely) yet
    }
    await sleep(50);
  }
  throw new Error(`${path} never held the ${expectedResults} findings electronegativity reported`);
}

function toFinding(result) {
  const location = result.locations?.[0]?.physicalLocation;
  const uri = location?.artifactLocation?.uri ?? 'file:///';
  return {
    check: result.ruleId,
    // Global checks with no single place report "file:///".
    file: uri === 'file:///' ? '(whole app)' : uri,
    line: location?.region?.startLine ?? 1,
    column: location?.region?.startColumn ?? 1,
    message: result.message?.text ?? '',
    level: result.level,
  };
}

function loadSuppressions() {
  const list = JSON.parse(readFileSync(SUPPRESSIONS_PATH, 'utf8'));
  if (!Array.isArray(list)) throw new Error(`${SUPPRESSIONS_PATH} must hold an array`);
  for (const s of list) {
    if (typeof s.check !== 'string' || typeof s.file !== 'string' || typeof s.why !== 'string' || s.why.length < 20) {
      throw new Error(`${SUPPRESSIONS_PATH}: every entry needs check, file and a real why: ${JSON.stringify(s)}`);
    }
  }
  return list.map((s) => ({ ...s, used: false }));
}

/** Barnacle's checklist on the shell, shaped like the scanner's findings. */
async function checklistFindings() {
  const checklist = await tsImport('./electron-checklist.ts', import.meta.url);
  const violations = [
    ...checklist.checkSecureWindow(readFileSync(SECURE_WINDOW, 'utf8'), SECURE_WINDOW),
    ...checklist.checkIpcBridge(readFileSync(IPC_BRIDGE, 'utf8'), IPC_BRIDGE),
  ];
  return violations.map((v) => ({ check: v.check, file: v.file, line: v.line, column: 1, message: v.message }));
}

const matches = (s, f) =>
  s.check === f.check && s.file === f.file && (s.message === undefined || s.message === f.message);

async function main() {
  const version = electronVersion();
  const staged = stageSources();
  mkdirSync('.tmp', { recursive: true });
  rmSync(SARIF_PATH, { force: true });
  let outcome;
  try {
    const files = countScannable(staged);
    console.log(`electronegativity: scanning ${files} files in ${SCANNED.join(', ')} against Electron ${version}`);
    outcome = await runElectronegativity({
      input: staged,
      output: SARIF_PATH,
      isSarif: true,
      isRelative: true,
      customScan: [],
      excludeFromScan: [],
      parserPlugins: [],
      electronVersionOverride: version,
    });
    if (files === 0 || outcome.atomicChecks === 0) throw new Error('the scanner checked nothing');
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }

  const findings = [
    ...(await readSarif(SARIF_PATH, outcome.issues.length)).map(toFinding),
    ...(await checklistFindings()),
  ];
  const suppressions = loadSuppressions();
  let failures = 0;

  // A file the scanner could not parse was not checked at all.
  for (const error of outcome.errors.filter((e) => !e.tolerable)) {
    failures++;
    console.log(`NOT SCANNED  ${relative(staged, error.file)}: ${error.message}`);
  }
  for (const f of findings) {
    const suppression = suppressions.find((s) => !s.used && matches(s, f));
    const where = `${f.check}  ${f.file}:${f.line}:${f.column}  ${f.message}`;
    if (suppression) {
      suppression.used = true;
      console.log(`suppressed   ${where}\n             why: ${suppression.why}`);
    } else {
      failures++;
      console.log(`FINDING      ${where}`);
    }
  }
  for (const s of suppressions.filter((x) => !x.used)) {
    failures++;
    console.log(
      `STALE        suppression ${s.check} ${s.file} matched no finding: remove it from ${SUPPRESSIONS_PATH}`,
    );
  }

  const suppressed = suppressions.filter((s) => s.used).length;
  console.log(
    `electronegativity: ${findings.length} findings, ${suppressed} suppressed, ${failures} failing (SARIF: ${SARIF_PATH})`,
  );
  process.exit(failures > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(`security scan failed to run: ${err.stack ?? err}`);
  process.exit(1);
});
