import type { Locator, Page } from '@playwright/test';
import { addPerson, expect, test, type AppPage, type Person } from './fixtures.js';

const MIA: Person = { name: 'Mia Member', email: 'mia@e2e.example', password: 'mia-password-1' };

/** Tasks → New project, everyone can edit unless told otherwise; returns the project's path. */
async function createProject(
  page: Page,
  title: string,
  visibility = 'Everyone in the workspace can edit',
): Promise<string> {
  await page.goto('/tasks');
  await page.getByRole('button', { name: 'New project' }).click();
  const form = page.getByRole('form', { name: 'New project' });
  await form.getByLabel('Title').fill(title);
  await form.getByRole('radio', { name: visibility }).check();
  await form.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(/\/tasks\/[\w-]+$/);
  await expect(column(page, 'To do')).toBeVisible();
  return new URL(page.url()).pathname;
}

function column(page: Page, name: string): Locator {
  return page.getByRole('list', { name: `${name} cards` });
}

function card(page: Page, title: string): Locator {
  return page.getByRole('button', { name: new RegExp(`^${title}`) });
}

async function addTask(page: Page, columnName: string, title: string): Promise<void> {
  const input = page.getByLabel(`Add a task to ${columnName}`);
  await input.fill(title);
  await input.press('Enter');
  await expect(column(page, columnName).getByText(title, { exact: true })).toBeVisible();
}

/** Each column's card titles, top to bottom: what a person sees on the board. */
async function boardOf(page: Page): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const name of ['To do', 'In progress', 'Done']) {
    result[name] = await column(page, name).locator('.task-card-title').allTextContents();
  }
  return result;
}

async function openProject(person: AppPage, path: string): Promise<void> {
  await person.page.goto(path);
  await expect(column(person.page, 'To do')).toBeVisible();
}

test('[TASKS] two people move the same card at once and end with the same board', async ({
  openApp,
}) => {
  const admin = await openApp();
  const member = await openApp('/', { as: null });
  await addPerson(admin.context, member.context, MIA);
  const path = await createProject(admin.page, 'Launch');
  for (const title of ['Alpha', 'Beta', 'Gamma']) await addTask(admin.page, 'To do', title);
  await openProject(member, path);
  await expect(column(member.page, 'To do').getByText('Gamma')).toBeVisible();

  // Both offline, both drag Alpha somewhere else; then both reconnect.
  await admin.context.setOffline(true);
  await member.context.setOffline(true);
  await card(admin.page, 'Alpha').dragTo(column(admin.page, 'Done'));
  await card(member.page, 'Alpha').dragTo(column(member.page, 'In progress'));
  await expect(column(admin.page, 'Done').getByText('Alpha')).toBeVisible();
  await expect(column(member.page, 'In progress').getByText('Alpha')).toBeVisible();
  await admin.context.setOffline(false);
  await member.context.setOffline(false);

  await expect
    .poll(async () => {
      const [a, b] = await Promise.all([boardOf(admin.page), boardOf(member.page)]);
      return JSON.stringify(a) === JSON.stringify(b);
    })
    .toBe(true);
  const final = await boardOf(admin.page);
  // One agreed place: Alpha shows exactly once, in one of the two columns.
  expect(
    Object.values(final)
      .flat()
      .filter((t) => t === 'Alpha'),
  ).toEqual(['Alpha']);
  expect([...(final['Done'] ?? []), ...(final['In progress'] ?? [])]).toContain('Alpha');
});

test('[TASKS] an offline drag shows up for the other person after reconnecting', async ({
  openApp,
}) => {
  const admin = await openApp();
  const member = await openApp('/', { as: null });
  await addPerson(admin.context, member.context, MIA);
  const path = await createProject(admin.page, 'Office move');
  for (const title of ['Pack', 'Label', 'Ship']) await addTask(admin.page, 'To do', title);
  await openProject(member, path);
  await expect(column(member.page, 'To do').getByText('Ship')).toBeVisible();

  await member.context.setOffline(true);
  await card(member.page, 'Ship').dragTo(card(member.page, 'Pack'));
  await expect(column(member.page, 'To do').locator('.task-card-title')).toHaveText([
    'Ship',
    'Pack',
    'Label',
  ]);
  await card(member.page, 'Label').dragTo(column(member.page, 'In progress'));
  // The admin still sees the old order while the member is offline.
  await expect(column(admin.page, 'To do').locator('.task-card-title')).toHaveText([
    'Pack',
    'Label',
    'Ship',
  ]);
  await member.context.setOffline(false);
  await expect(column(admin.page, 'To do').locator('.task-card-title')).toHaveText([
    'Ship',
    'Pack',
  ]);
  await expect(column(admin.page, 'In progress').locator('.task-card-title')).toHaveText(['Label']);
});

test('[TASKS] cards move from the keyboard with Alt+arrows', async ({ openApp }) => {
  const admin = await openApp();
  await createProject(admin.page, 'Keyboard');
  await addTask(admin.page, 'To do', 'First');
  await addTask(admin.page, 'To do', 'Second');
  await card(admin.page, 'Second').focus();
  await admin.page.keyboard.press('Alt+ArrowUp');
  await expect(column(admin.page, 'To do').locator('.task-card-title')).toHaveText([
    'Second',
    'First',
  ]);
  await admin.page.keyboard.press('Alt+ArrowRight');
  await expect(column(admin.page, 'In progress').locator('.task-card-title')).toHaveText([
    'Second',
  ]);
  await expect(card(admin.page, 'Second')).toBeFocused();
});

test('[TASKS] a reminder fires for the assignee only, and opens the task', async ({ openApp }) => {
  const admin = await openApp();
  const member = await openApp('/', { as: null });
  await addPerson(admin.context, member.context, MIA);
  const path = await createProject(admin.page, 'Finance');
  await addTask(admin.page, 'To do', 'Pay invoices');
  await openProject(member, path);
  await expect(column(member.page, 'To do').getByText('Pay invoices')).toBeVisible();

  // Due in 30 minutes (in the browser's own zone), remind an hour before: due now.
  const { date, time } = await admin.page.evaluate(() => {
    const at = new Date(Date.now() + 30 * 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return {
      date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
      time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
    };
  });
  await card(admin.page, 'Pay invoices').click();
  const dialog = admin.page.getByRole('dialog', { name: 'Pay invoices' });
  await dialog.getByLabel(MIA.name, { exact: true }).check();
  await dialog.getByLabel('Due date').fill(date);
  await dialog.getByLabel('Due time').fill(time);
  await dialog.getByLabel('Reminder').selectOption({ label: '1 hour before' });
  await dialog.getByRole('button', { name: 'Close' }).click();

  const alert = member.page.getByRole('region', { name: 'Reminders' }).getByRole('alert');
  await expect(alert).toContainText('Pay invoices');
  await expect(alert).toContainText(/Due in (29|30) min/);
  // Not the admin's task, so no reminder on the admin's screen, ever.
  await admin.page.reload();
  await expect(column(admin.page, 'To do').getByText('Pay invoices')).toBeVisible();
  await expect(
    admin.page.getByRole('region', { name: 'Reminders' }).getByRole('alert'),
  ).toHaveCount(0);

  await alert.getByRole('button', { name: 'Open' }).click();
  await expect(member.page.getByRole('dialog', { name: 'Pay invoices' })).toBeVisible();
  await expect(member.page.getByLabel(MIA.name, { exact: true })).toBeChecked();
  // My tasks on the member's Tasks page lists it for today (or overdue) with its project.
  await member.page.goto('/tasks');
  await expect(member.page.getByRole('list', { name: /^My tasks/ }).first()).toContainText(
    'Pay invoices',
  );
});

test('[TASKS] completing a task that repeats every 2 weeks creates the next one 2 weeks later', async ({
  openApp,
}) => {
  const admin = await openApp();
  await createProject(admin.page, 'Routines');
  await addTask(admin.page, 'To do', 'Water plants');
  await card(admin.page, 'Water plants').click();
  const dialog = admin.page.getByRole('dialog', { name: 'Water plants' });
  await dialog.getByLabel('Due date').fill('2030-01-07');
  await dialog.getByLabel('Repeat').selectOption({ label: 'Every week' });
  await dialog.getByLabel('Every N weeks').fill('2');
  await dialog.getByLabel('Every N weeks').press('Tab');
  await dialog.getByRole('button', { name: 'Mark complete' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();

  await expect(column(admin.page, 'Done').getByText('Water plants')).toBeVisible();
  await expect(column(admin.page, 'To do').getByText('Water plants')).toBeVisible();
  await column(admin.page, 'To do')
    .getByRole('button', { name: /^Water plants/ })
    .click();
  const next = admin.page.getByRole('dialog', { name: 'Water plants' });
  await expect(next.getByLabel('Due date')).toHaveValue('2030-01-21');
  await expect(next.getByLabel('Repeat')).toHaveValue('weekly');
});

test('[TASKS] a task created from a chat message links back to it', async ({ openApp }) => {
  const admin = await openApp();
  await createProject(admin.page, 'Follow-ups');
  await admin.page.goto('/chat');
  await admin.page.getByRole('button', { name: 'New channel' }).click();
  const newChannel = admin.page.getByRole('dialog', { name: 'New channel' });
  await newChannel.getByLabel('Channel name').fill('ops');
  await newChannel.getByRole('button', { name: 'Create' }).click();
  await expect(admin.page.getByRole('heading', { level: 1, name: '#ops' })).toBeVisible();
  const channelPath = new URL(admin.page.url()).pathname;
  const composer = admin.page.getByRole('textbox', { name: /^Message / });
  await composer.fill('Renew the **TLS certificate** before Friday');
  await composer.press('Enter');

  const message = admin.page.getByRole('article', { name: /Renew the/ });
  await message.getByRole('button', { name: 'More actions' }).click();
  await message.getByRole('menuitem', { name: 'Create task' }).click();
  const dialog = admin.page.getByRole('dialog', { name: 'Create a task' });
  await expect(dialog.getByLabel('Title')).toHaveValue('Renew the TLS certificate before Friday');
  await expect(dialog.getByLabel('Project')).toHaveValue(/.+/);
  await dialog.getByRole('button', { name: 'Create task' }).click();
  await dialog.getByRole('link', { name: 'Open the task' }).click();

  const task = admin.page.getByRole('dialog', {
    name: 'Renew the TLS certificate before Friday',
  });
  await expect(task).toBeVisible();
  await task.getByRole('link', { name: 'the chat message' }).click();
  await expect(admin.page).toHaveURL(new RegExp(`${channelPath}\\?message=`));
  await expect(admin.page.getByRole('article', { name: /Renew the/ })).toBeVisible();
});

test('[TASKS] a task created from a selection in a doc links back to the doc', async ({
  openApp,
}) => {
  const admin = await openApp();
  await createProject(admin.page, 'Purchasing');
  await admin.page.goto('/docs');
  const form = admin.page.getByRole('form', { name: 'New doc' });
  await form.getByLabel('New doc title').fill('Budget notes');
  await form.getByRole('button', { name: 'New doc' }).click();
  await expect(admin.page).toHaveURL(/\/docs\/[\w-]+$/);
  const docPath = new URL(admin.page.url()).pathname;
  const editor = admin.page.getByRole('textbox', { name: 'Budget notes body' });
  await editor.click();
  await admin.page.keyboard.type('Order new laptops for the team');
  await admin.page.keyboard.press('ControlOrMeta+A');
  await admin.page.getByRole('button', { name: 'Create task' }).click();

  const dialog = admin.page.getByRole('dialog', { name: 'Create a task' });
  await expect(dialog.getByLabel('Title')).toHaveValue('Order new laptops for the team');
  await dialog.getByRole('button', { name: 'Create task' }).click();
  await dialog.getByRole('link', { name: 'Open the task' }).click();
  const task = admin.page.getByRole('dialog', { name: 'Order new laptops for the team' });
  await task.getByRole('link', { name: 'the doc' }).click();
  await expect(admin.page).toHaveURL(new RegExp(`${docPath}$`));
  await expect(editor).toContainText('Order new laptops');
});

test('[TASKS4] [TASKS5] [TASKS6] assigning someone who cannot see the project warns and shares it in one click; delete can be undone', async ({
  openApp,
}) => {
  const admin = await openApp();
  const member = await openApp('/', { as: null });
  await addPerson(admin.context, member.context, MIA);
  const path = await createProject(admin.page, 'Hiring', 'Only me');
  // The quick path, "Create task" from a doc selection, warns before anything is created.
  await admin.page.goto('/docs');
  const newDoc = admin.page.getByRole('form', { name: 'New doc' });
  await newDoc.getByLabel('New doc title').fill('Hiring notes');
  await newDoc.getByRole('button', { name: 'New doc' }).click();
  await admin.page.getByRole('textbox', { name: 'Hiring notes body' }).click();
  await admin.page.keyboard.type('Call candidates');
  await admin.page.keyboard.press('ControlOrMeta+A');
  await admin.page.getByRole('button', { name: 'Create task' }).click();
  const quick = admin.page.getByRole('dialog', { name: 'Create a task' });
  await quick.getByLabel('Assign to').selectOption({ label: MIA.name });
  await expect(quick.getByText(`${MIA.name} can’t see this project`)).toBeVisible();
  await expect(quick.getByRole('button', { name: `Share with ${MIA.name}` })).toBeVisible();
  await quick.getByRole('button', { name: 'Cancel' }).click();
  await openProject(admin, path);
  await addTask(admin.page, 'To do', 'Call candidates');
  await card(admin.page, 'Call candidates').click();
  const dialog = admin.page.getByRole('dialog', { name: 'Call candidates' });
  const warning = dialog.getByText(`${MIA.name} can’t see this project`);
  await dialog.getByLabel(MIA.name, { exact: true }).check();
  await expect(warning).toBeVisible();
  await dialog.getByRole('button', { name: `Share with ${MIA.name}` }).click();
  await expect(warning).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Mia now sees the project and the task given to her, and may edit it.
  await openProject(member, path);
  await expect(card(member.page, 'Call candidates')).toBeVisible();
  await addTask(member.page, 'In progress', 'Book rooms');

  // Deleting asks nothing; the toast's Undo brings the task back for everyone.
  await card(admin.page, 'Call candidates').click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(card(member.page, 'Call candidates')).toHaveCount(0);
  await admin.page
    .getByRole('status')
    .filter({ hasText: 'Deleted “Call candidates”' })
    .getByRole('button', { name: 'Undo' })
    .click();
  await expect(card(member.page, 'Call candidates')).toBeVisible();
  await card(member.page, 'Call candidates').click();
  await expect(
    member.page
      .getByRole('dialog', { name: 'Call candidates' })
      .getByLabel(MIA.name, { exact: true }),
  ).toBeChecked();
});

test('[TASKS1] [TASKS2] the task sheet, board and timeline fit 1280x800 and 390x844', async ({
  openApp,
}) => {
  const { page } = await openApp();
  await page.setViewportSize({ width: 1280, height: 800 });
  await createProject(page, 'Layout');
  await addTask(page, 'To do', 'Plan the launch');
  await addTask(page, 'Done', 'Kickoff');

  // Every column, Done included, inside the board without scrolling it.
  const board = page.locator('.board');
  await expect.poll(() => board.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
  const boardBox = await board.boundingBox();
  const doneBox = await column(page, 'Done').boundingBox();
  expect(doneBox!.x + doneBox!.width).toBeLessThanOrEqual(boardBox!.x + boardBox!.width);

  // The sheet's close button and actions are on screen, the body scrolls.
  await card(page, 'Plan the launch').click();
  const dialog = page.getByRole('dialog', { name: 'Plan the launch' });
  await dialog.getByLabel('Due date').fill(
    await page.evaluate(() => {
      const now = new Date();
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    }),
  );
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeInViewport({ ratio: 1 });
  await expect(dialog.getByRole('button', { name: 'Delete' })).toBeInViewport({ ratio: 1 });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The timeline has a date axis and a line at today, through today's bar.
  await page.getByRole('radio', { name: 'Timeline' }).check();
  const bar = page.getByRole('button', { name: /^Plan the launch: / });
  const today = page.locator('.timeline-today');
  await expect(today).toBeVisible();
  await expect(page.locator('.timeline-tick-week').first()).toHaveText(
    /[A-Za-z]+ \d+|\d+ [A-Za-z]+/,
  );
  const barBox = await bar.boundingBox();
  const todayBox = await today.boundingBox();
  expect(todayBox!.x).toBeGreaterThanOrEqual(barBox!.x);
  expect(todayBox!.x).toBeLessThanOrEqual(barBox!.x + barBox!.width);

  // On a phone nothing of Tasks widens the page (the shell's own bar aside): the
  // timeline and the board scroll inside themselves, the sheet fills the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.addStyleTag({ content: '.sidebar { display: none !important; }' });
  const pageOverflow = () =>
    page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
  const scroller = page.getByRole('region', { name: 'Timeline chart' });
  await expect.poll(() => scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await expect.poll(pageOverflow).toBe(0);
  await page.getByRole('radio', { name: 'Board' }).check();
  await expect(column(page, 'Done')).toBeAttached();
  await expect.poll(() => board.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await expect.poll(pageOverflow).toBe(0);
  await card(page, 'Plan the launch').click();
  const sheet = await dialog.boundingBox();
  expect(sheet).toEqual({ x: 0, y: 0, width: 390, height: 844 });
});
