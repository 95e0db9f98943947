// Run as another user by tests/integration/support/health-as-nobody.ts, which
// bundles this file (and everything it imports) into one CommonJS file outside
// the checkout: connects the way the app does and prints the health it would
// show. No top-level await, so the bundle can be CommonJS (dockerode's
// dependencies use __dirname, which an ES module bundle would not have).
import { BarnacleCore } from '../../../src-main/core/barnacle-core';

async function main(host: string): Promise<void> {
  const core = new BarnacleCore({ host, label: 'probe', source: 'user' }, { live: false, backoffMs: [60_000] });
  const health = await core.start();
  core.close();
  process.stdout.write(JSON.stringify(health));
}

main(process.argv[2]!).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
