import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, expectAllSaved, scratchpad, test, type AppPage } from './fixtures.js';

async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map(({ id, help, nodes }) => ({ id, help, nodes: nodes.length })),
  ).toEqual([]);
}

async function openSettled(openApp: () => Promise<AppPage>): Promise<AppPage> {
  const app = await openApp();
  await expect(scratchpad(app.page)).toHaveAttribute('data-loaded', 'true');
  await expectAllSaved(app.page);
  return app;
}

test('axe finds no violations in the light theme', async ({ openApp }) => {
  const { page } = await openSettled(openApp);
  await page.getByRole('radio', { name: 'Light' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expectNoViolations(page);
});

test('axe finds no violations in the dark theme', async ({ openApp }) => {
  const { page } = await openSettled(openApp);
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectNoViolations(page);
});

test('axe finds no violations with the system theme set to dark', async ({ openApp }) => {
  const { page } = await openSettled(openApp);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoViolations(page);
});

test('axe finds no violations at phone width, and the nav stays reachable', async ({ openApp }) => {
  const { page } = await openSettled(openApp);
  await page.setViewportSize({ width: 360, height: 740 });
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Home', 'Chat', 'Docs', 'Tasks']) {
    await expect(nav.getByRole('link', { name })).toBeVisible();
  }
  await expectNoViolations(page);
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expectNoViolations(page);
});

test('axe finds no violations on the feature pages', async ({ openApp }) => {
  const { page } = await openSettled(openApp);
  for (const name of ['Chat', 'Docs', 'Tasks']) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expectNoViolations(page);
  }
});
