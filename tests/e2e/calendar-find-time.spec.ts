import type { Browser, BrowserContext } from '@playwright/test';
import { instantOf, localAt } from '../../shared/calendar/local-time.js';
import { addPerson, expect, OWNER, signIn, test } from './fixtures.js';

/**
 * [CAL56] Two people in two time zones schedule with "Find a time": each sets their
 * working hours in Settings in their own zone, Bob's device has published a busy
 * hour, and Ann's suggestion keeps to both working days and misses Bob's hour;
 * the meeting she saves then reaches Bob's view of her as busy time, without its title.
 * Kept apart from calendar.spec.ts (the views part) to merge cleanly; move it there.
 */
const DAY_MS = 86_400_000;

/** A Monday 7 to 13 days ahead: inside the 8 weeks a device publishes [CAL50]. */
function nextMonday(now = Date.now()): string {
  let day = now + 7 * DAY_MS;
  while (new Date(day).getUTCDay() !== 1) day += DAY_MS;
  return new Date(day).toISOString().slice(0, 10);
}

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
    // Bob's side through the API: a page of his would publish his (empty) calendars.
    const settings = await bob.request.put('/api/calendar/settings', {
      data: {
        timeZone: 'America/New_York',
        workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
        hidden: false,
      },
    });
    expect(settings.status(), await settings.text()).toBe(200);
    // Bob is busy 09:00-10:00 New York time that Monday; Berlin's 09-17 ends at New
    // York's 11:00 (or 12:00 in the weeks the two zones change clocks apart), so the
    // first slot for both is New York's 10:00.
    const MONDAY = nextMonday();
    const slot = instantOf(`${MONDAY}T10:00`, 'America/New_York');
    const busy = await bob.request.put('/api/calendar/busy', {
      data: {
        timeZone: 'America/New_York',
        busy: [{ start: slot - 3_600_000, end: slot }],
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
    const berlin = (instant: number) => localAt(instant, 'Europe/Berlin').slice(11);
    const first = panel.getByRole('button', { name: /^Mon / }).first();
    await expect(first).toHaveText(new RegExp(`, ${berlin(slot)}–${berlin(slot + 3_600_000)}$`));
    await first.click();
    await expect(panel).toBeHidden();
    await expect(dialog.getByLabel('Starts')).toHaveValue(MONDAY);
    await expect(dialog.getByLabel('Start time')).toHaveValue(berlin(slot));
    await expect(dialog.getByLabel('End time')).toHaveValue(berlin(slot + 3_600_000));
    await dialog.getByRole('button', { name: 'Create event' }).click();
    await expect(dialog).toBeHidden();

    // [CAL50] Ann's device publishes the new meeting as busy time, without its title:
    // Bob's next look sees the hour busy for Ann, and nothing more.
    const me = (await (await ann.request.get('/api/me')).json()) as { user: { id: string } };
    const from = slot - 12 * 3_600_000;
    const asked = `/api/calendar/availability?people=${me.user.id},${bobId}&from=${from}&to=${from + DAY_MS}`;
    await expect
      .poll(async () => (await bob.request.get(asked)).json() as Promise<unknown>)
      .toMatchObject({
        people: [
          { state: 'shared', busy: [{ start: slot, end: slot + 3_600_000 }] },
          { state: 'shared', busy: [{ start: slot - 3_600_000, end: slot }] },
        ],
      });
    expect(await (await bob.request.get(asked)).text()).not.toContain('Planning');
  } finally {
    await ann.close();
    await bob.close();
  }
});
