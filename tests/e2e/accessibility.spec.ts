import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  addPerson,
  chooseTheme,
  expect,
  expectAllSaved,
  scratchpad,
  test,
  type AppPage,
} from './fixtures.js';
import { createExpenseTemplate } from '../support/approval-seed.js';

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
  await chooseTheme(page, 'Light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expectNoViolations(page);
});

test('axe finds no violations in the dark theme', async ({ openApp }) => {
  const { page } = await openSettled(openApp);
  await chooseTheme(page, 'Dark');
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
  await chooseTheme(page, 'Dark');
  await expectNoViolations(page);
});

test('axe finds no violations on the feature pages', async ({ openApp }) => {
  const { page } = await openSettled(openApp);
  for (const name of ['Chat', 'Docs', 'Tasks', 'Search', 'Contacts']) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expectNoViolations(page);
  }
});

test('axe finds no violations on sign-in, invite, settings, new room, room and share', async ({
  openApp,
}) => {
  const visitor = await openApp('/login', { as: null });
  await expect(visitor.page.getByRole('heading', { name: /^Sign in/ })).toBeVisible();
  await expectNoViolations(visitor.page);

  const admin = await openApp('/settings');
  await addPerson(admin.context, visitor.context, {
    name: 'Mia Member',
    email: 'mia@e2e.example',
    password: 'mia-password-1',
  });
  await admin.page.getByLabel('New group name').fill('Design');
  await admin.page.getByRole('button', { name: 'Create group' }).click();
  await admin.page.getByRole('button', { name: 'Manage group Design' }).click();
  await admin.page.getByRole('button', { name: 'Manage Mia Member' }).click();
  await admin.page.getByRole('button', { name: 'Create invite link' }).click();
  await expect(admin.page.getByLabel('Invite link')).toBeVisible();
  await expect(admin.page.getByRole('list', { name: 'Audit log entries' })).toBeVisible();
  await expectNoViolations(admin.page);
  await chooseTheme(admin.page, 'Dark');
  await expectNoViolations(admin.page);

  const link = await admin.page.getByLabel('Invite link').inputValue();
  const invited = await openApp(new URL(link).pathname, { as: null });
  await expect(invited.page.getByRole('button', { name: 'Join the workspace' })).toBeVisible();
  await expectNoViolations(invited.page);

  await admin.page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Home' })
    .click();
  await admin.page.getByRole('button', { name: 'New room' }).click();
  await admin.page.getByRole('radio', { name: 'Chosen groups and people' }).check();
  await expect(admin.page.getByLabel('Access for Mia Member')).toBeVisible();
  await expectNoViolations(admin.page);

  await admin.page.getByLabel('Title').fill('Roadmap');
  await admin.page.getByRole('button', { name: 'Create room' }).click();
  await expect(admin.page.getByRole('heading', { level: 1, name: 'Roadmap' })).toBeVisible();
  await expectNoViolations(admin.page);
  await admin.page.getByRole('button', { name: 'Share' }).click();
  await expect(admin.page.getByRole('dialog')).toBeVisible();
  await expect(admin.page.getByLabel('Access for group Design')).toBeVisible();
  await expectNoViolations(admin.page);
});

test('axe finds no violations on a project board, its list, timeline and a task', async ({
  openApp,
}) => {
  const { page } = await openSettled(openApp);
  await page.goto('/tasks');
  await page.getByRole('button', { name: 'New project' }).click();
  const form = page.getByRole('form', { name: 'New project' });
  await form.getByLabel('Title').fill('Launch');
  await form.getByRole('button', { name: 'Create project' }).click();
  const add = page.getByLabel('Add a task to To do');
  await add.fill('Write the brief');
  await add.press('Enter');
  await expect(page.getByRole('list', { name: 'To do cards' })).toContainText('Write the brief');
  await expectNoViolations(page);
  for (const view of ['List', 'Timeline']) {
    await page.getByRole('radio', { name: view }).check();
    await expectNoViolations(page);
  }
  await page.getByRole('radio', { name: 'Board' }).check();
  await page.getByRole('button', { name: /^Write the brief/ }).click();
  await expect(page.getByRole('dialog', { name: 'Write the brief' })).toBeVisible();
  await expectNoViolations(page);
  await page.goto('/tasks');
  await expect(page.getByRole('heading', { name: 'My tasks' })).toBeVisible();
  await expectNoViolations(page);
});

test('axe finds no violations on the Approvals pages: a form with errors and its route, a request, the template editor', async ({
  openApp,
}) => {
  const admin = await openApp('/approvals');
  const mia = await openApp('/', { as: null });
  const miaId = await addPerson(admin.context, mia.context, {
    name: 'Mia Member',
    email: 'mia@e2e.example',
    password: 'mia-password-1',
  });
  await createExpenseTemplate(admin.context, [miaId]);
  const page = admin.page;
  await expect(page.getByRole('heading', { name: 'No requests here' })).toBeVisible();
  await expectNoViolations(page);

  await page.getByRole('link', { name: 'New request' }).click();
  await page.getByRole('button', { name: 'Expense' }).click();
  await page.getByRole('button', { name: 'Add a line' }).click();
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page.getByText('Amount is required')).toBeVisible();
  await page.getByRole('textbox', { name: /What for/ }).fill('Conference');
  await page.getByRole('textbox', { name: 'Amount' }).fill('2000');
  await page.getByRole('textbox', { name: /^Item/ }).fill('Ticket');
  await expect(page.getByRole('list', { name: 'Route this request will take' })).toContainText(
    'Mia Member',
  );
  await expectNoViolations(page);
  await chooseTheme(page, 'Dark');
  await expectNoViolations(page);

  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page.locator('.appr-key')).toContainText('Verified');
  await expectNoViolations(page);

  await page.goto('/settings');
  await page.getByRole('button', { name: 'Edit Expense' }).click();
  await expect(page.getByRole('form', { name: 'Template editor' })).toBeVisible();
  await expectNoViolations(page);
});

test('[CAL32] axe finds no violations on the calendar views and the event editor', async ({
  openApp,
}) => {
  const { page } = await openApp();
  await page.goto('/calendar');
  await page.getByRole('link', { name: 'My calendar' }).click();
  await expect(page.getByRole('heading', { name: 'My calendar' })).toBeVisible();
  await page.getByRole('button', { name: 'New event' }).click();
  await page.getByRole('dialog').getByLabel('Title').fill('Planning');
  await expectNoViolations(page);
  await page.getByRole('dialog').getByRole('button', { name: 'Create event' }).click();
  for (const view of ['Day', 'Week', 'Month', 'Agenda']) {
    await page.getByRole('radio', { name: view }).check();
    await expect(page.getByRole('button', { name: /^Planning/ }).first()).toBeVisible();
    await expectNoViolations(page);
  }
});
