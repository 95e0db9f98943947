// Settings' Engines section on a live engine: a remote engine added as a docker
// context. The test makes the harness engine reachable over tcp:// (a loopback
// relay to its socket), tests it from the form (its version comes back), adds it
// (the real docker CLI lists the context it wrote), sees the engine switcher list
// it, sees a closed port refused with nothing written, adds that one without
// testing, sees its Test fail, cannot remove the docker CLI's current context,
// and removes one after the in-app confirmation (its folders are gone, config.json
// stays). A temp DOCKER_CONFIG throughout, never this machine's ~/.docker. Light,
// dark, English and Chinese; the English ones also into docs/.

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { contextDirs } from '../../src-main/engine/context-writer';
import { contextMetaPath } from '../../src-main/engine/context-store';
import { expect, test } from './support/app-fixture';
import { expectAccessible, goTo, shot, shotBothSchemes } from './support/plan-steps';

test.use({ viewport: { width: 1280, height: 900 }, contextsInSwitcher: true });

/** A tcp:// address on loopback that reaches the engine's unix socket. */
async function tcpRelay(socketPath: string): Promise<{ host: string; close: () => Promise<void> }> {
  const open: Socket[] = [];
  const server: Server = createServer((client) => {
    const engine = createConnection(socketPath);
    open.push(client, engine);
    client.pipe(engine).pipe(client);
    client.on('error', () => engine.destroy());
    engine.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    host: `tcp://127.0.0.1:${port}`,
    close: async () => {
      for (const s of open) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A loopback port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `docker --config DIR context ls`, or null without a docker CLI here. */
function dockerContextLs(configDir: string): string | null {
  try {
    return execFileSync(
      'docker',
      ['--config', configDir, 'context', 'ls', '--format', '{{.Name}} {{.DockerEndpoint}}'],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      },
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

async function showEngines(page: Page): Promise<void> {
  await page.getByTestId('settings-engines').evaluate((el) => el.closest('fieldset')!.scrollIntoView());
}

test('add, test, refuse, and remove a remote engine from Settings', async ({ app }) => {
  const relay = await tcpRelay(app.engine.host.slice('unix://'.length));
  const closed = `tcp://127.0.0.1:${await closedPort()}`;
  const configDir = app.dockerConfigDir;
  try {
    await app.open();
    const page = app.page;
    await goTo(page, 'settings');
    const section = page.getByTestId('settings-engines');
    await expect(section.getByTestId('engine-contexts-none')).toHaveText(
      'No docker contexts yet: add a remote engine below.',
    );
    const form = section.getByTestId('add-engine');
    const outcome = form.getByTestId('add-engine-outcome');

    // Test connection only connects: the engine answers through the relay, nothing is written.
    await form.getByLabel('Name').fill('lab-remote');
    await form.getByLabel('Address').fill(relay.host);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect(outcome).toHaveText(/^It answered: Docker 20\.10\.\d+\S* \(API 1\.41\)\.$/);
    expect(existsSync(join(configDir, 'contexts'))).toBe(false);

    // Add: tested again, then written as the docker CLI writes it.
    await form.getByRole('button', { name: 'Add engine' }).click();
    await expect(outcome).toContainText(
      `Added “lab-remote” for ${relay.host} (${contextMetaPath(configDir, 'lab-remote')}). It answered: Docker 20.10`,
    );
    const meta = JSON.parse(readFileSync(contextMetaPath(configDir, 'lab-remote'), 'utf8'));
    expect(meta).toEqual({
      Name: 'lab-remote',
      Metadata: {},
      Endpoints: { docker: { Host: relay.host, SkipTLSVerify: false } },
    });
    const listed = dockerContextLs(configDir);
    if (listed !== null) expect(listed).toContain(`lab-remote ${relay.host}`);
    const row = section.locator('[data-testid="engine-context"][data-name="lab-remote"]');
    await expect(row).toContainText(relay.host);
    // The engine switcher lists it at once.
    await expect(page.getByRole('radio', { name: 'lab-remote' })).toBeVisible();
    await expect(form.getByLabel('Name')).toHaveValue('');

    // A closed port: refused, saying what to do, nothing written.
    await form.getByLabel('Name').fill('closed-port');
    await form.getByLabel('Address').fill(closed);
    await form.getByRole('button', { name: 'Add engine' }).click();
    await expect(outcome).toContainText(
      `Nothing was written: testing “closed-port” at ${closed} failed. Nothing answers at`,
    );
    await expect(outcome).toContainText('tick “Add without testing”');
    await expect(outcome).toHaveClass(/\berror\b/);
    expect(existsSync(contextMetaPath(configDir, 'closed-port'))).toBe(false);

    // Skipping verification warns what it risks.
    await form.getByLabel('Skip TLS verification').check();
    await expect(form.getByTestId('skip-verify-warning')).toContainText('can pretend to be it');
    await expect(form.getByLabel('CA certificate (ca.pem)')).toBeDisabled();
    await expectAccessible(page, 'main');
    await showEngines(page);
    await shotBothSchemes(page, 'settings-engines-refused');

    // Added without testing: written, and its own Test says why it does not answer.
    await form.getByLabel('Skip TLS verification').uncheck();
    await form.getByLabel('Add without testing').check();
    await form.getByRole('button', { name: 'Add engine' }).click();
    await expect(outcome).toHaveText(
      `Added “closed-port” for ${closed} (${contextMetaPath(configDir, 'closed-port')}), not tested.`,
    );
    const closedRow = section.locator('[data-testid="engine-context"][data-name="closed-port"]');
    await closedRow.getByRole('button', { name: 'Test closed-port' }).click();
    await expect(closedRow.getByTestId('engine-context-test')).toContainText(`Nothing answers at ${closed}`);
    await row.getByRole('button', { name: 'Test lab-remote' }).click();
    await expect(row.getByTestId('engine-context-test')).toContainText('It answered: Docker 20.10');
    await expectAccessible(page, 'main');
    await showEngines(page);
    await shotBothSchemes(page, 'settings-engines');

    // The docker CLI's current context cannot be removed.
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ currentContext: 'closed-port' }));
    await goTo(page, 'overview');
    await goTo(page, 'settings');
    await expect(closedRow).toContainText('docker CLI’s current');
    await expect(closedRow.getByRole('button', { name: 'Remove… closed-port' })).toBeDisabled();

    // Remove asks first, saying only the context's files go; then they are gone.
    const dirs = contextDirs(configDir, 'lab-remote').filter((d) => existsSync(d));
    expect(dirs).toHaveLength(1); // no TLS files: only the meta folder
    await row.getByRole('button', { name: 'Remove… lab-remote' }).click();
    const confirm = row.getByRole('group', { name: 'Remove context' });
    await expect(confirm).toContainText('Only its files in the docker config folder go');
    await expect(confirm).toContainText('every image, container and volume on it, stay as they are');
    await expectAccessible(page, 'main');
    await showEngines(page);
    await shot(page, 'settings-engines-confirm-light');
    await confirm.getByRole('button', { name: 'Remove context' }).click();
    await expect(section.getByTestId('engine-context-removed')).toContainText('Removed “lab-remote”');
    await expect(row).toHaveCount(0);
    for (const dir of dirs) expect(existsSync(dir)).toBe(false);
    expect(existsSync(join(configDir, 'config.json'))).toBe(true);
    await expect(page.getByRole('radio', { name: 'lab-remote' })).toHaveCount(0);
    const after = dockerContextLs(configDir);
    if (after !== null) expect(after).not.toContain('lab-remote');

    mkdirSync('docs', { recursive: true });
    copyFileSync('test-results/flows/settings-engines-light.png', 'docs/settings-engines.png');
    copyFileSync('test-results/flows/settings-engines-dark.png', 'docs/settings-engines-dark.png');
  } finally {
    await relay.close();
  }
});

test.describe('in Simplified Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the Engines section reads in Chinese', async ({ app }) => {
    const closed = `tcp://127.0.0.1:${await closedPort()}`;
    await app.open();
    const page = app.page;
    await goTo(page, 'settings');
    const section = page.getByTestId('settings-engines');
    await expect(section.getByTestId('engine-contexts-none')).toHaveText(
      '还没有 docker 上下文：在下面添加一个远程引擎。',
    );
    const form = section.getByTestId('add-engine');
    await form.getByLabel('名称').fill('closed-port');
    await form.getByLabel('地址').fill(closed);
    await form.getByRole('button', { name: '添加引擎' }).click();
    const outcome = form.getByTestId('add-engine-outcome');
    await expect(outcome).toContainText(`没有写入任何内容：测试 ${closed} 上的“closed-port”失败。`);
    await expect(outcome).toContainText('不测试直接添加');
    expect(existsSync(contextMetaPath(app.dockerConfigDir, 'closed-port'))).toBe(false);
    await form.getByLabel('不测试直接添加').check();
    await form.getByRole('button', { name: '添加引擎' }).click();
    await expect(outcome).toContainText('未测试');
    await form.getByLabel('跳过 TLS 验证').check();
    await expect(form.getByTestId('skip-verify-warning')).toContainText('冒充引擎');
    await expectAccessible(page, 'main');
    await showEngines(page);
    await shotBothSchemes(page, 'settings-engines-zh');
    copyFileSync('test-results/flows/settings-engines-zh-light.png', 'docs/settings-engines-zh.png');
  });
});
