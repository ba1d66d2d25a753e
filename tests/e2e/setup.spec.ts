import AxeBuilder from '@axe-core/playwright';
import { launchE2eRelay } from '../support/e2e-relay.js';
import {
  accountButton,
  appendToScratchpad,
  expect,
  expectAllSaved,
  roomDatabases,
  test,
} from './fixtures.js';

test('[AUTH] the first visitor of a new relay sets up the workspace and becomes its owner', async ({
  browser,
}) => {
  const relay = await launchE2eRelay({ workspace: false });
  try {
    const context = await browser.newContext({ baseURL: relay.url });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByRole('heading', { name: 'Set up your workspace' })).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

    await page.getByLabel('Workspace name').fill('Acme');
    await page.getByLabel('Your name').fill('Ada Admin');
    await page.getByLabel('Email').fill('ada@acme.example');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    // The browser's own check (minlength) stops a too-short password before the relay sees it.
    await expect(page).toHaveURL(/\/setup$/);
    await page.getByLabel('Password').fill('a-long-enough-password');
    await page.getByRole('button', { name: 'Create workspace' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('Ada Admin');
    await expect(page.getByRole('banner')).toContainText('Acme');
    await accountButton(page).click();
    await expect(page.getByRole('dialog', { name: 'Account and settings' })).toContainText(
      'Owner · Acme',
    );
    await page.keyboard.press('Escape');
    await appendToScratchpad(page, 'day one');
    await expectAllSaved(page);
    expect(await roomDatabases(page)).toContain('ws:scratchpad');

    // Setup happens once: afterwards /setup sends a signed-in person Home.
    await page.goto('/setup');
    await expect(page).toHaveURL(/\/$/);
    await context.close();
  } finally {
    await relay.dispose();
  }
});
