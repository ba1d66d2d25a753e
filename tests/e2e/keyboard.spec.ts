import type { Page } from '@playwright/test';
import { accountButton, expect, scratchpad, test } from './fixtures.js';

const hideBriefing = (page: Page) => page.getByRole('button', { name: 'Hide for today' });

test('Tab reaches the skip link, every nav link, the account menu, the briefing, the Home cards and the scratchpad', async ({
  openApp,
}) => {
  const { page } = await openApp();
  await expect(hideBriefing(page)).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });

  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  for (const name of [
    'Home',
    'Chat',
    'Docs',
    'Tasks',
    'Calendar',
    'Notifications',
    'Search',
    'Approvals',
    'Contacts',
  ]) {
    await page.keyboard.press('Tab');
    await expect(nav.getByRole('link', { name })).toBeFocused();
  }
  await page.keyboard.press('Tab');
  await expect(accountButton(page)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(hideBriefing(page)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(
    page.getByRole('region', { name: "Today's tasks" }).getByRole('link', { name: 'All tasks' }),
  ).toBeFocused();
  // Home's cards follow in reading order; the scratchpad, folded or not, comes last.
  const pad = scratchpad(page);
  for (
    let presses = 0;
    presses < 40 && !(await pad.evaluate((el) => el === document.activeElement));
    presses++
  ) {
    await page.keyboard.press('Tab');
  }
  await expect(pad).toBeFocused();
});

test('the skip link moves focus to the main content', async ({ openApp }) => {
  const { page } = await openApp();
  await expect(hideBriefing(page)).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(hideBriefing(page)).toBeFocused();
});

test('nav links work from the keyboard', async ({ openApp }) => {
  const { page } = await openApp();
  const tasks = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' });
  await tasks.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await expect(tasks).toHaveAttribute('aria-current', 'page');
});

test('the account menu opens from the keyboard, Tab walks through it, Escape closes it and focus returns', async ({
  openApp,
}) => {
  const { page } = await openApp();
  const button = accountButton(page);
  const menu = page.getByRole('dialog', { name: 'Account and settings' });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Tab');
  await expect(menu.getByRole('radio', { name: 'System' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.keyboard.press('Tab');
  await expect(menu.getByRole('link', { name: 'Notification settings' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');

  await page.keyboard.press('Enter');
  await menu.getByRole('link', { name: 'Settings', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/settings$/);
  await expect(menu).toBeHidden();
});
