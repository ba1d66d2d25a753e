import { expect, OWNER, test } from './fixtures.js';

test('shots', async ({ openApp }) => {
  const { page } = await openApp('/');
  await expect(page.getByRole('region', { name: "Today's tasks" })).toBeVisible();
  await page.screenshot({ path: '/work/scratch/shots/home/empty-1280.png', fullPage: true });
  await page.goto('/tasks');
  await page.getByRole('button', { name: 'New project' }).click();
  const form = page.getByRole('form', { name: 'New project' });
  await form.getByLabel('Title').fill('Launch');
  await form.getByRole('button', { name: 'Create project' }).click();
  for (const [title, days] of [['Ship the release', 0], ['Pay invoices', -2], ['Write the announcement blog post for the new release', 0]] as const) {
    const input = page.getByLabel('Add a task to To do');
    await input.fill(title);
    await input.press('Enter');
    await page.getByRole('button', { name: new RegExp(`^${title}`) }).click();
    const dialog = page.getByRole('dialog', { name: title });
    await dialog.getByLabel(OWNER.name, { exact: true }).check();
    const date = await page.evaluate((d) => { const at = new Date(); at.setDate(at.getDate() + d); const p = (n: number) => String(n).padStart(2, '0'); return `${at.getFullYear()}-${p(at.getMonth()+1)}-${p(at.getDate())}`; }, days);
    await dialog.getByLabel('Due date').fill(date);
    await dialog.getByRole('button', { name: 'Close' }).click();
  }
  await page.goto('/chat');
  for (const name of ['ops', 'design-reviews']) {
    await page.getByRole('button', { name: 'New channel' }).click();
    const nc = page.getByRole('dialog', { name: 'New channel' });
    await nc.getByLabel('Channel name').fill(name);
    await nc.getByRole('button', { name: 'Create' }).click();
    const composer = page.getByRole('textbox', { name: /^Message / });
    await composer.fill(`In #${name}: Lunch at noon in the big room, then we go over the figures for the quarter and decide what ships next week`);
    await composer.press('Enter');
    await expect(page.getByTestId('message').first()).toBeVisible();
  }
  await page.goto('/');
  await expect(page.getByTestId('home-activity-item')).toHaveCount(2);
  for (const theme of ['Light', 'Dark']) {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('radio', { name: theme }).check();
    await page.screenshot({ path: `/work/scratch/shots/home/home-1280-${theme}.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `/work/scratch/shots/home/home-390-${theme}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 2560, height: 1200 });
  await page.screenshot({ path: `/work/scratch/shots/home/home-2560.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/settings');
  const storage = page.getByRole('region', { name: 'Storage on this device' });
  await expect(storage.getByTestId('storage-usage')).toBeVisible();
  await storage.screenshot({ path: `/work/scratch/shots/home/storage-390.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
  await storage.screenshot({ path: `/work/scratch/shots/home/storage-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Notifications' }).click();
  await expect(page.getByRole('heading', { name: 'You are all caught up' })).toBeVisible();
  await page.screenshot({ path: `/work/scratch/shots/home/notifications-390.png` });
});
