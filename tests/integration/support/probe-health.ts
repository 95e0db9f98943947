// Run as another user by tests/integration/permission.test.ts: connects the way
// the app does and prints the health it would show.
import { BarnacleCore } from '../../../src-main/core/barnacle-core';

const host = process.argv[2]!;
const core = new BarnacleCore({ host, label: 'probe', source: 'user' }, { live: false, backoffMs: [60_000] });
const health = await core.start();
core.close();
process.stdout.write(JSON.stringify(health));
