import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { addPerson, expect, OWNER, test, type Person } from './fixtures.js';

const BOB: Person = { name: 'Bob Builder', email: 'bob@e2e.example', password: 'bob-password-1' };

/** The browser's own calendar date, `days` from today, as the date input takes it. */
function localDate(page: Page, days: number): Promise<string> {
  return page.evaluate((offset) => {
    const at = new Date();
    at.setDate(at.getDate() + offset);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  }, days);
}

/** Adds a task to the open project, assigned to the owner and due (all day) on `date`. */
async function addMyTask(page: Page, title: string, date: string): Promise<void> {
  const input = page.getByLabel('Add a task to To do');
  await input.fill(title);
  await input.press('Enter');
  await page.getByRole('button', { name: new RegExp(`^${title}`) }).click();
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.getByLabel(OWNER.name, { exact: true }).check();
  await dialog.getByLabel('Due date').fill(date);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
}

/** Home has read the directory (the signed-in person is known): the Rooms card lists #ops. */
async function homeLoaded(page: Page): Promise<void> {
  await expect(page.getByRole('list', { name: 'Rooms' })).toContainText('ops');
}

function briefing(page: Page) {
  return page.getByRole('region', { name: 'Your briefing' });
}

test('the daily briefing ranks a DING, overdue and due-today tasks and a mention; links, hide, off', async ({
  openApp,
}) => {
  const ann = await openApp('/tasks');
  const bob = await openApp('/', { as: null });
  await addPerson(ann.context, bob.context, BOB);

  // Ann's tasks: one due yesterday (overdue), one due today.
  await ann.page.getByRole('button', { name: 'New project' }).click();
  const form = ann.page.getByRole('form', { name: 'New project' });
  await form.getByLabel('Title').fill('Launch');
  await form.getByRole('radio', { name: 'Everyone in the workspace can edit' }).check();
  await form.getByRole('button', { name: 'Create project' }).click();
  await expect(ann.page.getByRole('list', { name: 'To do cards' })).toBeVisible();
  await addMyTask(ann.page, 'Pay invoices', await localDate(ann.page, -1));
  await addMyTask(ann.page, 'Ship the release', await localDate(ann.page, 0));

  // A channel where Bob mentions Ann, then rings her with a DING.
  await ann.page.goto('/chat');
  await ann.page.getByRole('button', { name: 'New channel' }).click();
  const newChannel = ann.page.getByRole('dialog', { name: 'New channel' });
  await newChannel.getByLabel('Channel name').fill('ops');
  await newChannel.getByRole('button', { name: 'Create' }).click();
  await expect(ann.page.getByRole('heading', { level: 1, name: '#ops' })).toBeVisible();
  const channelPath = new URL(ann.page.url()).pathname;
  await ann.page.goto('/');

  await bob.page.goto(channelPath);
  const composer = bob.page.getByRole('textbox', { name: /^Message / });
  await composer.fill(`@${OWNER.name} please review the budget numbers`);
  await composer.press('Enter');
  await composer.fill('the site is down');
  await composer.press('Enter');
  const down = bob.page.getByTestId('message').filter({ hasText: 'the site is down' });
  await down.getByRole('button', { name: 'More actions' }).click();
  await down.getByRole('menuitem', { name: 'DING (urgent)' }).click();
  const ding = bob.page.getByRole('dialog', { name: 'Send as urgent (DING)' });
  await ding.getByRole('checkbox', { name: OWNER.name }).check();
  await ding.getByRole('button', { name: 'Send urgent alert' }).click();
  await expect(down.getByTestId('ding-status')).toContainText('acknowledged by 0 / 1');

  // Ann's Home: the briefing, in rank order.
  const card = briefing(ann.page);
  const items = card.getByTestId('briefing-item');
  await expect
    .poll(async () => items.evaluateAll((list) => list.map((li) => li.getAttribute('data-kind'))))
    .toEqual(['ding', 'overdue', 'due-today', 'mention']);
  await expect(items.nth(0)).toContainText('the site is down');
  await expect(items.nth(0)).toContainText(`Urgent alert from ${BOB.name} in ops`);
  await expect(items.nth(1)).toContainText('Pay invoices');
  await expect(items.nth(1)).toContainText('1 day overdue');
  await expect(items.nth(2)).toContainText('Ship the release');
  await expect(items.nth(3)).toContainText(`${BOB.name} mentioned you in ops`);
  await expect(items.nth(3)).toContainText('please review the budget numbers');
  await expect(card.getByTestId('briefing-headline')).toHaveText(
    '1 urgent alert, 1 overdue task, 1 task due today, 1 mention',
  );

  // Home stays axe-clean with the briefing on it.
  const results = await new AxeBuilder({ page: ann.page }).analyze();
  expect(
    results.violations.map(({ id, help, nodes }) => ({ id, help, nodes: nodes.length })),
  ).toEqual([]);

  // Each line opens its place.
  await items.nth(0).getByRole('link').click();
  await expect(ann.page).toHaveURL(new RegExp(`${channelPath}\\?message=`));
  await expect(ann.page.getByRole('article', { name: /the site is down/ })).toBeVisible();
  await ann.page.goto('/');
  await briefing(ann.page).getByRole('link', { name: 'Pay invoices' }).click();
  await expect(ann.page.getByRole('dialog', { name: 'Pay invoices' })).toBeVisible();
  await ann.page.goto('/');
  await briefing(ann.page).getByRole('link', { name: 'Ship the release' }).click();
  await expect(ann.page.getByRole('dialog', { name: 'Ship the release' })).toBeVisible();
  await ann.page.goto('/');
  await briefing(ann.page)
    .getByRole('link', { name: /mentioned you/ })
    .click();
  await expect(ann.page).toHaveURL(new RegExp(`${channelPath}\\?message=`));
  await expect(ann.page.getByRole('article', { name: /please review the budget/ })).toBeVisible();

  // Settings → AI → Daily briefing off: nothing on Home; on again: back.
  await ann.page.goto('/settings');
  const setting = ann.page.getByRole('checkbox', { name: /^Daily briefing/ });
  await setting.uncheck();
  await ann.page.goto('/');
  await homeLoaded(ann.page);
  await expect(briefing(ann.page)).toHaveCount(0);
  await ann.page.goto('/settings');
  await setting.check();
  await ann.page.goto('/');
  await expect(briefing(ann.page).getByTestId('briefing-item')).toHaveCount(4);

  // Hide for today: gone, and still gone after a reload; Bob's Home never shows Ann's.
  await briefing(ann.page).getByRole('button', { name: 'Hide for today' }).click();
  await expect(briefing(ann.page)).toHaveCount(0);
  await ann.page.reload();
  await homeLoaded(ann.page);
  await expect(briefing(ann.page)).toHaveCount(0);
  expect(
    await ann.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ws:ai:'))),
  ).toHaveLength(1);

  await bob.page.goto('/');
  await expect(briefing(bob.page)).toContainText('Nothing needs you today.');
  await expect(briefing(bob.page).getByTestId('briefing-item')).toHaveCount(0);
});
