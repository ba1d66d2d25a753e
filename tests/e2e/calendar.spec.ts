import { readFileSync } from 'node:fs';
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

test('[CAL43] [CAL44] [CAL49] an invite reaches a person who cannot read the calendar; they answer Maybe from Notifications and the organiser sees it', async ({
  openApp,
}) => {
  const admin = await openApp();
  const member = await openApp('/', { as: null });
  await addPerson(admin.context, member.context, MIA);
  await admin.page.goto('/calendar');
  await admin.page.getByRole('button', { name: 'New calendar' }).click();
  const form = admin.page.getByRole('form', { name: 'New calendar' });
  await form.getByLabel('Title').fill('Private plans');
  await form.getByRole('radio', { name: 'Only me' }).check();
  await form.getByRole('button', { name: 'Create calendar' }).click();
  await expect(admin.page).toHaveURL(/\/calendar\/[\w-]+$/);
  await admin.page.getByRole('button', { name: 'New event' }).click();
  await editor(admin.page).getByLabel('Title').fill('Budget talk');
  await editor(admin.page).getByLabel('Add people or departments').fill('Mia');
  await editor(admin.page).getByRole('button', { name: 'Add Mia Member' }).click();
  await editor(admin.page).getByRole('button', { name: 'Create event' }).click();
  await expect(editor(admin.page)).toBeHidden();

  await member.page.goto('/notifications');
  const invite = member.page.getByRole('link', { name: /invited you to Budget talk/ });
  await expect(async () => {
    await member.page.reload();
    await expect(invite).toBeVisible({ timeout: 2000 });
  }).toPass();
  await invite.click();
  await expect(member.page.getByRole('heading', { name: 'Budget talk' })).toBeVisible();
  await member.page.getByRole('radio', { name: 'Maybe' }).check();
  await member.page.getByLabel('Note for the organiser (optional)').fill('after lunch?');
  await member.page.getByRole('button', { name: 'Send answer' }).click();
  await expect(
    member.page.getByRole('status').filter({ hasText: 'Answered Maybe.' }),
  ).toBeVisible();

  await event(admin.page, 'Budget talk').first().click();
  const answers = editor(admin.page).getByRole('region', { name: 'Answers' });
  await expect(answers.getByTestId('answer-counts')).toHaveText(/1 maybe/);
  await expect(answers.getByText('Maybe', { exact: true })).toBeVisible();
  await expect(answers.getByText('“after lunch?”')).toBeVisible();

  // [CAL49] Mia's own calendar shows the event she is invited to; it opens the invitation.
  await member.page.goto('/calendar');
  await member.page
    .getByRole('list', { name: 'Calendars' })
    .getByRole('link', { name: 'My calendar' })
    .click();
  await expect(member.page).toHaveURL(/\/calendar\/personal-/);
  await member.page.goto(`${new URL(member.page.url()).pathname}?view=agenda`);
  await event(member.page, 'Budget talk').first().click();
  await expect(member.page).toHaveURL(/\/calendar\/invitations\//);
  await expect(member.page.getByRole('heading', { name: 'Budget talk' })).toBeVisible();
});

test('[CAL66] [CAL60] an .ics file is imported once, exported back, and served by a subscription URL until it is revoked', async ({
  openApp,
}) => {
  const { page } = await openApp();
  const path = await createCalendar(page, 'Imported');
  await page.goto(`${path}?view=agenda`);
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'UID:e2e-offsite',
    `DTSTART;VALUE=DATE:${day(2)}`,
    'SUMMARY:Offsite',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:e2e-broken',
    'SUMMARY:No start',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
  const file = { name: 'team.ics', mimeType: 'text/calendar', buffer: Buffer.from(ics) };
  const input = page.getByLabel('iCalendar file to import');
  await input.setInputFiles(file);
  const result = page.getByRole('status').filter({ hasText: 'Imported' });
  await expect(result).toContainText('Imported 1 event; 1 could not be read.');
  await expect(result).toContainText('Event 2 (e2e-broken): no DTSTART');
  await expect(event(page, 'Offsite')).toHaveCount(1);
  await input.setInputFiles(file);
  await expect(result).toContainText('Imported 0 events; 1 already in this calendar');
  await expect(event(page, 'Offsite')).toHaveCount(1);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export .ics' }).click();
  const exported = await download;
  expect(exported.suggestedFilename()).toBe('Imported.ics');
  expect(readFileSync(await exported.path(), 'utf8')).toContain('SUMMARY:Offsite');

  await page.getByRole('button', { name: 'Subscribe…' }).click();
  await expect(editor(page)).toContainText('Anyone who has the URL can read this calendar');
  await editor(page).getByRole('button', { name: 'Create subscription URL' }).click();
  const url = await editor(page).getByLabel('Subscription URL (shown only now)').inputValue();
  const served = await page.request.get(url);
  expect(served.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  expect(await served.text()).toContain('SUMMARY:Offsite');
  await editor(page).getByRole('button', { name: 'Revoke' }).click();
  await expect(editor(page).getByRole('list', { name: 'Your subscription URLs' })).toBeHidden();
  expect((await page.request.get(url)).status()).toBe(404);
});
