/**
 * Meeting notes (CALENDAR.md [CAL70]–[CAL76]): a notes doc per meeting, shared with
 * its guests; Summarise turns its action items into tasks; a recording made with
 * Chromium's fake microphone is transcribed by the tiny Whisper model on the device.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import config from '../../playwright.config.js';
import { DEFAULT_TRANSCRIPT } from '../support/tiny-models/index.js';
import { encodeWav, toneSamples } from '../support/wav.js';
import { addPerson, expect, test, type Person } from './fixtures.js';

const MIA: Person = { name: 'Mia Member', email: 'mia@e2e.example', password: 'mia-password-1' };

const microphoneWav = join(tmpdir(), `meeting-microphone-${process.pid}.wav`);
writeFileSync(microphoneWav, encodeWav(toneSamples(4, 16_000, 330), 16_000));
test.afterAll(() => rmSync(microphoneWav, { force: true }));

const launch = config.use?.launchOptions ?? {};
test.use({
  aiModels: true,
  launchOptions: {
    ...launch,
    args: [
      ...(launch.args ?? []),
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-audio-capture=${microphoneWav}`,
    ],
  },
});

/** A room through the API that the whole workspace may edit; returns its id. */
async function createRoom(context: BrowserContext, kind: 'calendar' | 'board', title: string) {
  const id = `${kind}${Math.random().toString(36).slice(2, 12)}`;
  const created = await context.request.post('/api/rooms', {
    data: { id, kind, title, access: { workspace: 'write', groups: [], users: [] } },
  });
  expect(created.status(), await created.text()).toBe(201);
  return id;
}

/** The event in the calendar's view (named "<title>, <time>"). */
function eventButton(page: Page, title: string) {
  return page.getByRole('button', { name: new RegExp(`^${title},`) }).first();
}

/** A new event today through the editor, with `guests` invited. */
async function addMeeting(page: Page, title: string, guests: string[] = []) {
  await page.getByRole('button', { name: 'New event' }).click();
  const dialog = page.getByRole('dialog', { name: 'New event' });
  await dialog.getByLabel('Title').fill(title);
  for (const guest of guests) {
    await dialog.getByLabel('Add people or departments').fill(guest);
    await dialog.getByRole('button', { name: `Add ${guest}` }).click();
  }
  await dialog.getByRole('button', { name: 'Create event' }).click();
  await expect(eventButton(page, title)).toBeVisible();
}

/** Opens the meeting's editor and returns its notes area. */
async function notesArea(page: Page, title: string) {
  await eventButton(page, title).click();
  return page.getByRole('group', { name: 'Meeting notes' });
}

function body(page: Page) {
  return page.getByRole('textbox', { name: /body$/ });
}

test('[CAL70] [CAL72] [CAL75] meeting notes turn an action item into a task for the other person', async ({
  openApp,
}) => {
  const admin = await openApp();
  const member = await openApp('/', { as: null });
  const miaId = await addPerson(admin.context, member.context, MIA);
  const calendar = await createRoom(admin.context, 'calendar', 'Team');
  await createRoom(admin.context, 'board', 'Launch');
  await admin.page.goto(`/calendar/${calendar}`);
  await addMeeting(admin.page, 'Weekly sync', [MIA.name]);

  await (
    await notesArea(admin.page, 'Weekly sync')
  )
    .getByRole('button', { name: 'Start notes' })
    .click();
  await expect(admin.page).toHaveURL(/\/docs\/notes_[0-9a-f]{40}$/);
  const notesPath = new URL(admin.page.url()).pathname;
  await expect(admin.page.getByRole('article', { name: /^Notes — Weekly sync / })).toBeVisible();
  await body(admin.page).click();
  await admin.page.keyboard.type('Decision: ship on Monday\n@mia will send the report by Friday');

  // The guest can open the same notes: shared with them when created.
  await member.page.goto(notesPath);
  await expect(body(member.page)).toContainText('send the report by Friday');

  await admin.page.goto(`/calendar/${calendar}`);
  const area = await notesArea(admin.page, 'Weekly sync');
  await area.getByRole('button', { name: 'Open notes' }).waitFor();
  await area.getByRole('button', { name: 'Summarise' }).click();
  const summary = area.getByRole('region', { name: 'Meeting summary' });
  await expect(summary).toContainText('Ship on Monday');
  await summary.getByRole('button', { name: 'Make task: Send the report' }).click();

  const form = admin.page.getByRole('dialog', { name: 'Create a task' });
  await expect(form.getByLabel('Title')).toHaveValue('Send the report');
  await expect(form.getByLabel('Assign to')).toHaveValue(miaId);
  await expect(form.getByLabel('Due')).not.toHaveValue('');
  await form.getByRole('button', { name: 'Create task' }).click();
  await expect(form.getByRole('status')).toHaveText('Task created. It links back here.');

  await member.page.goto('/tasks');
  await expect(member.page.getByRole('list', { name: /^My tasks/ }).first()).toContainText(
    'Send the report',
  );

  // [CAL77] The guest's Home lists the meeting from the calendar's summary, with its notes.
  await member.page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Home' })
    .click();
  const meetings = member.page.getByRole('list', { name: "Today's meetings" });
  await expect(meetings).toContainText('Weekly sync');
  await meetings.getByRole('button', { name: 'Notes of Weekly sync' }).click();
  await expect(member.page).toHaveURL(new RegExp(`${notesPath}$`));
});

const MAGIC = ['RIFF', 'WAVE', '\u001aE\u00df\u00a3' /* EBML (WebM) */, 'OpusHead', 'OggS'];

test('[CAL76] a recorded meeting is transcribed on the device and no request carries audio', async ({
  openApp,
}) => {
  const { page, context } = await openApp();
  const calendar = await createRoom(context, 'calendar', 'Mine');
  await page.goto(`/calendar/${calendar}`);
  await addMeeting(page, 'Standup');
  await (await notesArea(page, 'Standup')).getByRole('button', { name: 'Start notes' }).click();
  await expect(page).toHaveURL(/\/docs\/notes_/);
  const notesPath = new URL(page.url()).pathname;

  await page.goto(`/calendar/${calendar}`);
  const area = await notesArea(page, 'Standup');
  const sent: { url: string; type: string; body: Buffer }[] = [];
  context.on('request', (r) =>
    sent.push({
      url: r.url(),
      type: r.headers()['content-type'] ?? '',
      body: r.postDataBuffer() ?? Buffer.alloc(0),
    }),
  );
  const frames: Buffer[] = [];
  page.on('websocket', (ws) => ws.on('framesent', (f) => frames.push(Buffer.from(f.payload))));

  await area.getByRole('button', { name: 'Record' }).click();
  await expect(area.getByText('Recording on this device…')).toBeVisible();
  // The length of the recording, not a wait for the app.
  await page.waitForTimeout(1500);
  await area.getByRole('button', { name: 'Stop recording' }).click();
  await expect(area.getByTestId('meeting-transcript')).toHaveText(DEFAULT_TRANSCRIPT, {
    timeout: 60_000,
  });
  const sentWhileRecording = [...sent.map((s) => s.body), ...frames];
  const bytesWhileRecording = sentWhileRecording.reduce((sum, b) => sum + b.length, 0);

  await area.getByRole('button', { name: 'Add to notes' }).click();
  await page.goto(notesPath);
  await expect(body(page)).toContainText(DEFAULT_TRANSCRIPT);

  for (const request of sent) expect(request.type, request.url).not.toMatch(/^(audio|video)\//);
  for (const bytes of [...sent.map((s) => s.body), ...frames])
    for (const magic of MAGIC) expect(bytes.includes(Buffer.from(magic, 'latin1'))).toBe(false);
  // 1.5 s of Opus is several kilobytes; while recording and transcribing the app only
  // keeps its connection alive.
  expect(bytesWhileRecording, sent.map((s) => s.url).join('\n')).toBeLessThan(4096);
});
