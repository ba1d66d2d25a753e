import { expect, test } from './fixtures.js';

test('shots', async ({ openApp }) => {
  const { page } = await openApp();
  await page.goto('/calendar');
  await page.getByRole('button', { name: 'New calendar' }).click();
  const form = page.getByRole('form', { name: 'New calendar' });
  await form.getByLabel('Title').fill('Team');
  await form.getByRole('button', { name: 'Create calendar' }).click();
  await expect(page).toHaveURL(/\/calendar\/[\w-]+$/);
  const path = new URL(page.url()).pathname;
  await page.goto(`${path}?view=week`);
  const add = async (title: string, time: string, end: string, repeat?: string) => {
    await page.getByRole('button', { name: 'New event' }).click();
    const d = page.getByRole('dialog');
    await d.getByLabel('Title').fill(title);
    await d.getByLabel('Start time').fill(time);
    await d.getByLabel('End time').fill(end);
    if (repeat) await d.getByLabel('Repeats').selectOption(repeat);
    await d.getByRole('button', { name: 'Create event' }).click();
  };
  await add('Standup', '09:00', '09:30', 'weekdays');
  await add('Design review', '09:15', '10:30');
  await add('Lunch', '12:00', '13:00', 'daily');
  await add('1:1 with Mia', '10:00', '11:00');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [w, h] of [[1280, 800], [390, 844]] as const) {
      await page.setViewportSize({ width: w, height: h });
      for (const view of ['week', 'month', 'agenda', 'day']) {
        await page.goto(`${path}?view=${view}`);
        await page.waitForTimeout(300);
        await page.screenshot({ path: `/work/scratch/shots/cal-views/${view}-${w}-${scheme}.png` });
      }
      await page.getByRole('button', { name: /^Standup/ }).first().click();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `/work/scratch/shots/cal-views/dialog-${w}-${scheme}.png` });
      await page.keyboard.press('Escape');
    }
  }
});
