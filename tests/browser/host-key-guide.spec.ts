// An ssh:// engine whose host key Barnacle does not know, or whose key changed,
// as a person meets it. The health comes from a real refusal: a private OpenSSH
// sshd on 127.0.0.1 (tests/integration/support/private-sshd.ts) reached through
// Barnacle's own ssh connection with an empty, then a stale, known_hosts; the
// page then gets that health as main would send it.

import { mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { BarnacleCore } from '../../src-main/core/barnacle-core';
import { connect } from '../../src-main/engine/connection';
import type { EngineHealth } from '../../src-shared/model';
import { tempDir } from '../fixtures/docker-config';
import { fingerprintOf, keygen, sshdAvailability, startPrivateSshd } from '../integration/support/private-sshd';
import { expect, test } from './support/app-fixture';
import { expectAccessible, shotBothSchemes } from './support/plan-steps';

const sshd = sshdAvailability();

/** The health Barnacle's ssh connection reaches against a fresh sshd, with known_hosts holding `known`. */
async function refusal(dockerHost: string, known: (port: number) => string): Promise<EngineHealth> {
  const dir = tempDir('bn-ssh-ui-');
  const home = join(dir.path, 'home');
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
  const serverDir = join(dir.path, 'server');
  mkdirSync(serverDir);
  if (!sshd.ok) throw new Error(sshd.reason);
  const server = await startPrivateSshd(sshd.sshd, serverDir, keygen(join(home, '.ssh', 'id_ed25519')), dockerHost);
  writeFileSync(join(home, '.ssh', 'known_hosts'), known(server.port));
  const user = userInfo().username;
  const setup = { configFiles: [], homeDir: home, localUser: user };
  const core = new BarnacleCore(
    { host: `ssh://${user}@127.0.0.1:${server.port}`, label: 'build box', source: 'user' },
    { connect: (e) => connect(e, setup), live: false, backoffMs: [60_000] },
  );
  try {
    const health = await core.start();
    expect(health.state === 'host-key-unknown' || health.state === 'host-key-changed').toBe(true);
    if ('hostKey' in health) expect(health.hostKey.fingerprint).toBe(fingerprintOf(server.hostKeyPub));
    return health;
  } finally {
    core.close();
    await server.stop();
    dir.remove();
  }
}

test('an unknown SSH host key: the banner says so, the guide shows the fingerprint and the commands', async ({
  app,
}) => {
  test.skip(!sshd.ok, sshd.ok ? '' : sshd.reason);
  test.skip(app.engine.family !== 'docker', 'the sshd runs docker system dial-stdio');
  const health = await refusal(app.engine.host, () => '');
  if (health.state !== 'host-key-unknown') throw new Error(health.state);

  await app.open();
  await app.emit('engineHealth', health);
  await expect(app.page.getByRole('alert').first()).toContainText('SSH host');
  await app.page.getByRole('button', { name: 'Show me how' }).click();
  const dialog = app.page.getByTestId('engine-dialog');
  await expect(dialog.locator('[data-problem="host-key-unknown"]')).toBeVisible();
  await expect(dialog).toContainText(health.hostKey.fingerprint);
  await expect(dialog.locator('.commands pre').first()).toContainText('ssh-keygen -lf');
  await expectAccessible(app.page);
  await shotBothSchemes(app.page, 'fix-engine-host-key-unknown');
});

test('a changed SSH host key: a warning that names the known_hosts line, and no way to just accept it', async ({
  app,
}) => {
  test.skip(!sshd.ok, sshd.ok ? '' : sshd.reason);
  test.skip(app.engine.family !== 'docker', 'the sshd runs docker system dial-stdio');
  // Another ed25519 key listed for the same host and port: the one the host offers now differs.
  const otherDir = tempDir('bn-ssh-other-');
  const other = keygen(join(otherDir.path, 'other')).split(' ').slice(0, 2).join(' ');
  const health = await refusal(app.engine.host, (port) => `[127.0.0.1]:${port} ${other}\n`).finally(() =>
    otherDir.remove(),
  );
  if (health.state !== 'host-key-changed') throw new Error(health.state);

  await app.open();
  await app.emit('engineHealth', health);
  await expect(app.page.getByRole('alert').first()).toContainText('changed');
  await app.page.getByRole('button', { name: 'Show me how' }).click();
  const dialog = app.page.getByTestId('engine-dialog');
  await expect(dialog.locator('[data-problem="host-key-changed"]')).toBeVisible();
  await expect(dialog).toContainText('ssh-keygen -R');
  await expect(dialog).not.toContainText('ssh-keyscan');
  await expectAccessible(app.page);
  await shotBothSchemes(app.page, 'fix-engine-host-key-changed');
});
