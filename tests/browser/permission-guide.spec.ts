// "Permission denied" as a person on Linux meets it: their user is not in the
// docker group. The tests run as root, which the kernel never refuses, so the
// health comes from a probe run as `nobody` against a live engine whose socket
// is root's alone (tests/integration/support/probe-health.ts); the page then
// gets that real health as main would send it.

import { startEngine } from '../engines/harness';
import { healthAsNobody } from '../integration/support/health-as-nobody';
import { expect, test } from './support/app-fixture';
import { expectAccessible, shotBothSchemes } from './support/plan-steps';

test('the permission guide names the docker group and the commands', async ({ app }) => {
  test.skip(process.getuid?.() !== 0, 'needs root to run the probe as another user');
  const engine = await startEngine('docker20');
  try {
    const health = await healthAsNobody(engine);
    expect(health.state).toBe('permission-denied');

    await app.open();
    await app.emit('engineHealth', health);
    await expect(app.page.getByRole('alert').first()).toContainText(/docker" group/);
    await app.page.getByRole('button', { name: 'Show me how' }).click();
    const dialog = app.page.getByTestId('engine-dialog');
    await expect(dialog.locator('[data-problem="permission-denied"]')).toBeVisible();
    await expect(dialog.locator('.commands pre')).toContainText('usermod -aG docker');
    await expectAccessible(app.page);
    await shotBothSchemes(app.page, 'fix-engine-permission-denied');
  } finally {
    await engine.destroy();
  }
});
