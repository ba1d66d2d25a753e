import type { Locator, Page } from '@playwright/test';
import { addPerson, expect, test, type Person } from './fixtures.js';

const MIA: Person = { name: 'Mia Member', email: 'mia@e2e.example', password: 'mia-password-1' };

/** Calendar → New calendar that everyone can edit; returns its path. */
async function createCalendar(page: Page, title: string): Promise<string> {
  await page.goto('/calendar');
  // [CAL35] the person's own calendar is made on the first visit and listed first.
  const list = page.getByRole('list', { name: 'Calendars' });
  await expect(list.getByRole('listitem').first()).toContainText('My calendar');
  await page.getByRole('button', { name: 'New calendar' }).click();
  const form = page.getByRole('form', { name: 'New calendar' });
  await form.getByLabel('Title').fill(title);
  await form.getByRole('radio', { name: 'Everyone in the workspace can edit' }).check();
  await form.getByRole('button', { name: 'Create calendar' }).click();
  await expect(page).toHaveURL(/\/calendar\/[\w-]+$/);
  return new URL(page.url()).pathname;
}

const event = (page: Page, name: string): Locator =>
  page.getByRole('button', { name: new RegExp(`^${name}`) });

const editor = (page: Page): Locator => page.getByRole('dialog');

test('[CAL30] [CAL32] [CAL34] [CAL35] a weekly event is made in the editor, shown in week and month, dragged, and edited this and following', async ({
  openApp,
}) => {
  const { page } = await openApp();
  const path = await createCalendar(page, 'Team');
  await page.goto(`${path}?view=week`);
  await page.getByRole('button', { name: 'New event' }).click();
  await editor(page).getByLabel('Title').fill('Standup');
  await editor(page).getByLabel('Repeats').selectOption('weekly');
  await editor(page).getByRole('button', { name: 'Create event' }).click();
  await expect(editor(page)).toBeHidden();
  await expect(event(page, 'Standup, 09:00–10:00')).toHaveCount(1);

  // Next month has at least four weeks of it, whatever day today is.
  await page.getByRole('radio', { name: 'Month' }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => event(page, 'Standup').count()).toBeGreaterThanOrEqual(4);
  await page.getByRole('button', { name: 'Today' }).click();

  // Drag this week's occurrence an hour down (48 px an hour), for this event only.
  await page.getByRole('radio', { name: 'Week' }).check();
  const box = await event(page, 'Standup, 09:00').boundingBox();
  if (!box) throw new Error('the event has no box');
  await page.mouse.move(box.x + box.width / 2, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 34, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2, box.y + 58, { steps: 4 });
  await page.mouse.up();
  await page.getByRole('dialog').getByRole('button', { name: 'This event' }).click();
  await expect(event(page, 'Standup, 10:00–11:00')).toHaveCount(1);

  // Next week is still at 09:00; rename it and every later one.
  await page.getByRole('button', { name: 'Next' }).click();
  await event(page, 'Standup, 09:00–10:00').click();
  await editor(page).getByRole('radio', { name: 'This and following' }).check();
  await editor(page).getByLabel('Title').fill('Sync');
  await editor(page).getByRole('button', { name: 'Save' }).click();
  await expect(event(page, 'Sync, 09:00–10:00')).toHaveCount(1);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(event(page, 'Sync, 09:00–10:00')).toHaveCount(1);
  await page.getByRole('button', { name: 'Today' }).click();
  await expect(event(page, 'Standup, 10:00–11:00')).toHaveCount(1);
});

test('[CAL30] offline edits of different fields of one event converge', async ({ openApp }) => {
  const admin = await openApp();
  const member = await openApp('/', { as: null });
  await addPerson(admin.context, member.context, MIA);
  const path = await createCalendar(admin.page, 'Shared');
  await admin.page.goto(`${path}?view=agenda`);
  await admin.page.getByRole('button', { name: 'New event' }).click();
  await editor(admin.page).getByLabel('Title').fill('Review');
  await editor(admin.page).getByRole('button', { name: 'Create event' }).click();
  await member.page.goto(`${path}?view=agenda`);
  await expect(event(member.page, 'Review')).toBeVisible();

  await admin.context.setOffline(true);
  await member.context.setOffline(true);
  await event(admin.page, 'Review').click();
  await editor(admin.page).getByLabel('Title').fill('Design review');
  await editor(admin.page).getByRole('button', { name: 'Save' }).click();
  await event(member.page, 'Review').click();
  await editor(member.page).getByLabel('Location').fill('Room 4');
  await editor(member.page).getByRole('button', { name: 'Save' }).click();
  await admin.context.setOffline(false);
  await member.context.setOffline(false);

  for (const { page } of [admin, member]) {
    await event(page, 'Design review').click();
    await expect(editor(page).getByLabel('Location')).toHaveValue('Room 4');
    await editor(page).getByRole('button', { name: 'Cancel' }).click();
  }
});
