import type { Page } from '@playwright/test';
import { expect, OWNER, test } from './fixtures.js';

/** The browser's own calendar date, as the date input takes it. */
function localToday(page: Page): Promise<string> {
  return page.evaluate(() => {
    const at = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  });
}

/** Neither the grid nor any card is wider than the space it is given. */
async function expectNoOverflow(page: Page, selector: string): Promise<void> {
  const widths = await page
    .locator(selector)
    .evaluateAll((els) => els.map((el) => el.scrollWidth - el.clientWidth));
  expect(widths.length).toBeGreaterThan(0);
  expect(widths.every((extra) => extra <= 0)).toBe(true);
}

test('Home shows my task due today and a recent message; Settings shows what the browser says about storage', async ({
  openApp,
}) => {
  const { page } = await openApp('/');
  const tasks = page.getByRole('region', { name: "Today's tasks" });
  const activity = page.getByRole('region', { name: 'Recent activity' });
  const docs = page.getByRole('region', { name: 'Followed docs' });

  // A new workspace: every card says what would be here and what to do next [HOME4].
  await expect(tasks.getByRole('heading', { name: 'No tasks due today' })).toBeVisible();
  await expect(tasks.getByRole('link', { name: 'Open Tasks' })).toBeVisible();
  await expect(activity.getByRole('heading', { name: 'No messages yet' })).toBeVisible();
  await expect(docs.getByRole('heading', { name: 'You follow no docs yet' })).toBeVisible();

  // A task due today, assigned to me.
  await page.goto('/tasks');
  await page.getByRole('button', { name: 'New project' }).click();
  const form = page.getByRole('form', { name: 'New project' });
  await form.getByLabel('Title').fill('Launch');
  await form.getByRole('button', { name: 'Create project' }).click();
  const input = page.getByLabel('Add a task to To do');
  await input.fill('Ship the release');
  await input.press('Enter');
  await page.getByRole('button', { name: /^Ship the release/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Ship the release' });
  await dialog.getByLabel(OWNER.name, { exact: true }).check();
  await dialog.getByLabel('Due date').fill(await localToday(page));
  await dialog.getByRole('button', { name: 'Close' }).click();

  // A message in a new channel.
  await page.goto('/chat');
  await page.getByRole('button', { name: 'New channel' }).click();
  const newChannel = page.getByRole('dialog', { name: 'New channel' });
  await newChannel.getByLabel('Channel name').fill('ops');
  await newChannel.getByRole('button', { name: 'Create' }).click();
  const composer = page.getByRole('textbox', { name: /^Message / });
  await composer.fill('Lunch at noon in the big room');
  await composer.press('Enter');
  await expect(page.getByTestId('message').filter({ hasText: 'Lunch at noon' })).toBeVisible();

  // Home, from the summaries [HOME1] [HOME2], through the nav as a person goes there.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Home', exact: true })
    .click();
  await expect(tasks.getByRole('link', { name: 'Ship the release' })).toBeVisible();
  await expect(tasks).toContainText('Due today · Launch');
  const recent = activity.getByTestId('home-activity-item');
  await expect(recent).toHaveCount(1);
  await expect(recent).toContainText('#ops');
  await expect(recent).toContainText(`${OWNER.name}: Lunch at noon in the big room`);

  // A tab closed before the summary was written: the device holds the room but no
  // summary of it. The next session summarises it again [HOME7].
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('ws:~workspace');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('cannot open ws:~workspace'));
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('summaries', 'readwrite');
      tx.objectStore('summaries').clear();
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('cannot clear summaries'));
    });
    db.close();
  });
  await page.reload();
  await expect(recent).toHaveCount(1);
  await expect(recent).toContainText(`${OWNER.name}: Lunch at noon in the big room`);

  // At phone width the cards stack and nothing is wider than the screen; the empty
  // inbox says so instead of showing a blank page.
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoOverflow(page, '.home-grid, .home-card');
  await page.goto('/notifications');
  await expect(page.getByRole('heading', { name: 'You are all caught up' })).toBeVisible();
  await expectNoOverflow(page, '.page');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');

  // The task link opens the task.
  await tasks.getByRole('link', { name: 'Ship the release' }).click();
  await expect(page.getByRole('dialog', { name: 'Ship the release' })).toBeVisible();

  // Settings states what navigator.storage says [DEV11].
  await page.goto('/settings');
  const storage = page.getByRole('region', { name: 'Storage on this device' });
  const said = await page.evaluate(async () => ({
    persisted: await navigator.storage.persisted(),
    asked: localStorage.getItem('ws:device:persist-asked') !== null,
  }));
  // The first sign-in asked once [DEV10].
  expect(said.asked).toBe(true);
  await expect(storage.getByTestId('storage-persisted')).toHaveAttribute(
    'data-persistence',
    said.persisted ? 'persisted' : 'may-evict',
  );
  await expect(storage.getByTestId('storage-usage')).toHaveText(/^\d+(\.\d)? (bytes|KB|MB|GB)$/);
  await expect(storage.getByTestId('storage-quota')).toHaveText(/^\d+(\.\d)? (KB|MB|GB|TB)$/);
  await expect(storage.getByRole('button', { name: 'Keep data on this device' })).toHaveCount(
    said.persisted ? 0 : 1,
  );
});
