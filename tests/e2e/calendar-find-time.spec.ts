import type { Browser, BrowserContext } from '@playwright/test';
import { addPerson, expect, OWNER, signIn, test } from './fixtures.js';

/**
 * [CAL56] Two people in two time zones schedule with "Find a time": each sets their
 * working hours in Settings in their own zone, Bob's device has published a busy
 * hour, and Ann's suggestion keeps to both working days and misses Bob's hour.
 * Kept apart from calendar.spec.ts (the views part) to merge cleanly; move it there.
 */
const MONDAY = '2030-01-07'; // both zones on standard time: Berlin is UTC+1, New York UTC-5

async function contextIn(browser: Browser, baseURL: string, timezoneId: string) {
  return browser.newContext({ baseURL, timezoneId, locale: 'en-GB' });
}

async function saveWorkingHours(context: BrowserContext) {
  const page = await context.newPage();
  await page.goto('/settings#working-hours');
  const form = page.getByRole('form', { name: 'Working hours' });
  // The form proposes Mon-Fri 09:00-17:00 in the browser's own zone.
  await form.getByRole('button', { name: 'Save working hours' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await page.close();
}

test('[CAL56] two people in two zones find a time that keeps to both working hours', async ({
  browser,
  relay,
}) => {
  const ann = await contextIn(browser, relay.url, 'Europe/Berlin');
  const bob = await contextIn(browser, relay.url, 'America/New_York');
  try {
    await signIn(ann, OWNER);
    const bobId = await addPerson(ann, bob, {
      name: 'Bob Newyork',
      email: 'bob@example.test',
      password: 'a long enough password',
    });
    await saveWorkingHours(ann);
    await saveWorkingHours(bob);
    // Bob is busy 09:00-10:00 New York time (14:00-15:00 UTC) that Monday.
    const busy = await bob.request.put('/api/calendar/busy', {
      data: {
        timeZone: 'America/New_York',
        busy: [{ start: Date.parse(`${MONDAY}T14:00Z`), end: Date.parse(`${MONDAY}T15:00Z`) }],
      },
    });
    expect(busy.status(), await busy.text()).toBe(200);

    const created = await ann.request.post('/api/rooms', {
      data: {
        id: `cal-${Date.now().toString(36)}`,
        kind: 'calendar',
        title: 'Team',
        access: { workspace: 'write', groups: [], users: [] },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const page = await ann.newPage();
    await page.goto(`/calendar/${id}`);
    await page.getByRole('button', { name: 'New event' }).click();
    const dialog = page.getByRole('dialog', { name: 'New event' });
    await dialog.getByLabel('Title').fill('Planning');
    await dialog.getByLabel('Starts').fill(MONDAY);
    await dialog.getByLabel('Add people or departments').fill('Bob');
    await dialog.getByRole('button', { name: 'Add Bob Newyork' }).click();
    await dialog.getByRole('button', { name: 'Find a time' }).click();

    const panel = dialog.getByRole('region', { name: 'Find a time' });
    const rows = panel.getByRole('list', { name: 'Who is busy when' });
    await expect(rows.getByRole('listitem')).toHaveCount(2);
    await expect(rows).toContainText('Bob Newyork');
    // Berlin 09-17 and New York 09-17 overlap 15:00-17:00 Berlin; Bob is busy until 16:00.
    const first = panel.getByRole('button', { name: /^Mon 7 Jan/ }).first();
    await expect(first).toHaveText('Mon 7 Jan, 16:00–17:00');
    await first.click();
    await expect(panel).toBeHidden();
    await expect(dialog.getByLabel('Starts')).toHaveValue(MONDAY);
    await expect(dialog.getByLabel('Start time')).toHaveValue('16:00');
    await expect(dialog.getByLabel('End time')).toHaveValue('17:00');
    expect(bobId).not.toBe('');
  } finally {
    await ann.close();
    await bob.close();
  }
});
