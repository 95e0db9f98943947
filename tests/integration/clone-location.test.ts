// The suite passes wherever the repository is cloned (issue 16). The
// permission-denied tests run a probe as `nobody`, which cannot read a
// checkout inside a folder only root may enter; they once failed there with
// "Cannot find package 'tsx'" instead of the engine's answer. This clones HEAD
// into such places and runs them there, each with its own private Docker 20.10
// started by the nested run's harness, and requires that they pass (a skip
// would not count: the nested test asserts the real "permission-denied").

import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineAvailability } from '../engines/harness';
import {
  cloneCheckout,
  nestedEnv,
  playwrightCounts,
  runIn,
  tail,
  vitestCounts,
  type Counts,
} from './support/clone-checkout';

const INTEGRATION = 'tests/integration/permission.test.ts';
const BROWSER = 'tests/browser/permission-guide.spec.ts';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function works(argv: string[]): boolean {
  try {
    execFileSync(argv[0]!, argv.slice(1), { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const docker = engineAvailability('docker20');
const skipAll =
  process.getuid?.() !== 0
    ? 'needs root: the permission tests it runs switch to nobody'
    : !docker.ok
      ? docker.reason
      : process.env.BARNACLE_IN_CLONE
        ? 'already inside a clone made by this test'
        : !works(['git', '--version'])
          ? 'needs git to clone the repository'
          : undefined;
const skipBrowser = existsSync(CHROMIUM) ? undefined : `the browser twin needs Chromium (${CHROMIUM} is missing)`;
const skipReadOnly = works(['unshare', '--mount', 'true'])
  ? undefined
  : 'a read-only checkout needs `unshare --mount` (a private read-only bind mount)';

describe.skipIf(skipAll)(`the permission tests from a clone elsewhere${skipAll ? ` (${skipAll})` : ''}`, () => {
  let parent: string;
  let reports: string;

  beforeAll(() => {
    // A folder only root may enter, like `mktemp -d`; reports go outside the clones.
    parent = mkdtempSync('/tmp/barnacle-clone-');
    chmodSync(parent, 0o700);
    reports = join(parent, 'reports');
    mkdirSync(reports);
  });
  afterAll(() => {
    if (parent) rmSync(parent, { recursive: true, force: true });
  });

  async function vitestIn(checkout: string, env: NodeJS.ProcessEnv, wrap: string[] = []): Promise<Counts> {
    const report = join(reports, `vitest-${Date.now()}.json`);
    const argv = [
      ...wrap,
      'npx',
      'vitest',
      'run',
      '--project',
      'integration',
      INTEGRATION,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ];
    const ran = await runIn(checkout, argv, env);
    const counts = vitestCounts(report);
    if (!counts) throw new Error(`no vitest report from ${checkout} (exit ${ran.code}):\n${tail(ran)}`);
    if (ran.code !== 0 || counts.failed > 0) throw new Error(`vitest in ${checkout} failed:\n${tail(ran)}`);
    return counts;
  }

  async function playwrightIn(checkout: string): Promise<Counts> {
    const built = await runIn(checkout, ['npx', 'electron-vite', 'build'], nestedEnv());
    if (built.code !== 0) throw new Error(`electron-vite build in ${checkout} failed:\n${tail(built)}`);
    const report = join(reports, `playwright-${Date.now()}.json`);
    const ran = await runIn(
      checkout,
      ['npx', 'playwright', 'test', BROWSER],
      nestedEnv({ PLAYWRIGHT_JSON_OUTPUT_NAME: report }),
    );
    const counts = playwrightCounts(report);
    if (!counts) throw new Error(`no Playwright report from ${checkout} (exit ${ran.code}):\n${tail(ran)}`);
    if (ran.code !== 0 || counts.failed > 0) throw new Error(`playwright in ${checkout} failed:\n${tail(ran)}`);
    return counts;
  }

  it('in a folder only root may enter, with $HOME unset', async () => {
    const checkout = join(parent, 'barnacle');
    await cloneCheckout(checkout);
    expect(statSync(parent).mode & 0o777).toBe(0o700);

    const env = nestedEnv({ HOME: undefined, BARNACLE_IN_CLONE: '1' });
    expect(await vitestIn(checkout, env)).toEqual({ passed: 1, failed: 0, skipped: 0 });
  });

  it.skipIf(skipBrowser)(
    `the browser twin, in a folder only root may enter${skipBrowser ? ` (${skipBrowser})` : ''}`,
    async () => {
      const checkout = join(parent, 'barnacle-browser');
      await cloneCheckout(checkout);
      expect(await playwrightIn(checkout)).toEqual({ passed: 1, failed: 0, skipped: 0 });
    },
  );

  it('in a path with a space, owned by another user', async () => {
    mkdirSync(join(parent, 'with space'));
    const checkout = join(parent, 'with space', 'bar nacle');
    await cloneCheckout(checkout);
    // -h: the node_modules symlink itself, not this checkout's node_modules behind it.
    execFileSync('chown', ['-R', '-h', '65534:65534', checkout]);

    expect(await vitestIn(checkout, nestedEnv({ BARNACLE_IN_CLONE: '1' }))).toEqual({
      passed: 1,
      failed: 0,
      skipped: 0,
    });
    if (!skipBrowser) expect(await playwrightIn(checkout)).toEqual({ passed: 1, failed: 0, skipped: 0 });
  });

  it.skipIf(skipReadOnly)(`in a read-only checkout${skipReadOnly ? ` (${skipReadOnly})` : ''}`, async () => {
    const checkout = join(parent, 'barnacle-ro');
    await cloneCheckout(checkout);
    // A read-only bind mount in a mount namespace of the run's own (root ignores
    // mode bits, so chmod would prove nothing); it goes away with the run.
    // Only the integration test: Playwright writes test-results/ into the checkout.
    const readOnly = [
      'unshare',
      '--mount',
      '--propagation',
      'private',
      'sh',
      '-c',
      'mount --bind -o ro "$0" "$0" && cd "$0" || exit 98; if touch .rw 2>/dev/null; then echo "$0 is writable"; exit 97; fi; exec "$@"',
      checkout,
    ];
    expect(await vitestIn(checkout, nestedEnv({ BARNACLE_IN_CLONE: '1' }), readOnly)).toEqual({
      passed: 1,
      failed: 0,
      skipped: 0,
    });
  });
});
