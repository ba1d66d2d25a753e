import type { Page, Request } from '@playwright/test';
import {
  addMessage,
  bucketOf,
  encodeHlc,
  noteBucket,
} from '../../client/src/workspace/chat/index.js';
import { createTestClient } from '../support/test-client.js';
import { DEFAULT_SUMMARY } from '../support/tiny-models/index.js';
import { encodeWav, toneSamples } from '../support/wav.js';
import {
  expect,
  expectServiceWorkerInControl,
  roomDatabases,
  signOut,
  test,
  type AppPage,
} from './fixtures.js';

/** A release thread; the tiny summarizer always writes DEFAULT_SUMMARY about it. */
const THREAD = [
  'Morning all, where are we with the release candidate for the mobile app?',
  'QA signed off on the payments flow yesterday, only the settings screen is left.',
  'The settings screen bug is fixed in build 412, it needs one more pass.',
  'We agreed to ship the release on Friday once build 412 passes QA.',
  'Who is writing the release notes for the app store listing?',
  'I can draft the release notes today and share them by noon.',
  'Should we delay the marketing email until the release is live in every region?',
  'haha nice',
];
const SECRET_WORDS = ['payments flow', 'build 412', 'marketing email', 'release notes'];

/** A public channel through the API, filled with THREAD by a stock y-websocket client. */
async function seedChannel(
  app: AppPage,
  relayPort: number,
): Promise<{ id: string; ids: string[] }> {
  const id = `ai${Math.random().toString(36).slice(2, 12)}`;
  const created = await app.context.request.post('/api/rooms', {
    data: {
      id,
      kind: 'channel',
      title: 'launch',
      access: { workspace: 'write', groups: [], users: [] },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { token } = (await (
    await app.context.request.post('/api/auth/token', { data: {} })
  ).json()) as { token: string };
  const me = (await (await app.context.request.get('/api/me')).json()) as { user: { id: string } };
  const now = Date.now() - 60_000;
  const bucket = bucketOf(now);
  const url = `ws://127.0.0.1:${relayPort}/sync`;
  const meta = createTestClient(url, `${id}:meta`, { token, confirm: true });
  const month = createTestClient(url, `${id}:${bucket}`, { token, confirm: true });
  const ids = THREAD.map((_, n) => `seed-${n}`);
  try {
    await Promise.all([meta.synced(), month.synced()]);
    month.doc.transact(() =>
      THREAD.forEach((text, n) =>
        addMessage(month.doc, {
          id: ids[n]!,
          key: encodeHlc({ wall: now + n, counter: 0, node: 'seed' }),
          author: me.user.id,
          createdAt: now + n,
          text,
        }),
      ),
    );
    noteBucket(meta.doc, bucket);
    await Promise.all([meta.allConfirmed(), month.allConfirmed()]);
  } finally {
    meta.destroy();
    month.destroy();
  }
  return { id, ids };
}

/** Everything the page sends: requests (with bodies) and WebSocket frames. */
function recordTraffic(page: Page) {
  const requests: Request[] = [];
  const frames: string[] = [];
  page.on('request', (r) => requests.push(r));
  page.on('websocket', (ws) =>
    ws.on('framesent', (frame) =>
      frames.push(
        typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('latin1'),
      ),
    ),
  );
  return { requests, frames };
}

async function openChannel(page: Page, id: string) {
  await page.goto(`/chat/${id}`);
  await expect(page.getByRole('log', { name: 'Messages' })).toHaveAttribute('data-loaded', 'true');
  await expect(page.getByText(THREAD[0]!)).toBeVisible();
}

/** Signs in, seeds the release channel and opens it. */
async function openSeededChannel(openApp: (path?: string) => Promise<AppPage>, relayPort: number) {
  const app = await openApp('/');
  const seeded = await seedChannel(app, relayPort);
  await openChannel(app.page, seeded.id);
  return { app, page: app.page, ...seeded };
}

test.describe('with the generated models served by the relay', () => {
  test.use({ aiModels: true });

  test('catch me up writes the model summary with working source links, and nothing leaves for elsewhere', async ({
    openApp,
    relay,
  }) => {
    const app = await openApp('/');
    // Recorded before the channel page loads, so that the page's one WebSocket (every
    // room travels on it) is recorded from its first frame.
    const traffic = recordTraffic(app.page);
    const { id, ids } = await seedChannel(app, relay.port);
    const { page } = app;
    await openChannel(page, id);
    const startedAt = traffic.requests.length;

    await page.getByRole('button', { name: 'Catch me up' }).click();
    const panel = page.getByRole('region', { name: 'Catch me up on launch' });
    await panel.getByRole('radio', { name: 'Everything loaded' }).check();
    const summary = panel.locator('.ai-summary[data-method="model"]');
    await expect(summary).toBeVisible({ timeout: 60_000 });
    const written = summary.getByRole('region', { name: 'Summary' });
    await expect(written).toContainText(DEFAULT_SUMMARY);
    await expect(summary).toContainText('Written on this device by tiny-summarizer');
    // The extractive pass still finds the decision and the open question.
    await expect(summary.getByRole('region', { name: 'Decisions' })).toContainText(
      'We agreed to ship the release on Friday',
    );
    await expect(summary.getByRole('region', { name: 'Open questions' })).toContainText(
      'delay the marketing email',
    );

    // The model's sentence links to the message it came from; following it shows the message.
    const link = written.getByRole('link', { name: /^Source 1/ });
    const href = await link.getAttribute('href');
    expect(href).toBe(`/chat/${id}?message=${ids[3]}`);
    await link.click();
    await expect(page.locator(`[data-message-id="${ids[3]}"]`)).toBeFocused();
    // The same link opened on its own (a new tab) focuses the message too.
    const other = await app.context.newPage();
    await other.goto(href!);
    await expect(other.locator(`[data-message-id="${ids[3]}"]`)).toBeFocused();
    await other.close();

    const during = traffic.requests.slice(startedAt);
    const origin = new URL(relay.url).origin;
    // Only our relay was asked for anything: the models and the runtime's wasm.
    expect(during.filter((r) => new URL(r.url()).origin !== origin).map((r) => r.url())).toEqual(
      [],
    );
    expect(during.some((r) => r.url().includes('/models/tiny-summarizer/onnx/'))).toBe(true);
    expect(during.some((r) => /\/assets\/ort-wasm-simd-threaded.*\.wasm$/.test(r.url()))).toBe(
      true,
    );
    // No message text went to the relay: no request body and no WebSocket frame holds it.
    for (const request of during) {
      const body = request.postData() ?? '';
      for (const words of SECRET_WORDS) expect(body, request.url()).not.toContain(words);
    }
    expect(traffic.frames.length).toBeGreaterThan(0);
    for (const frame of traffic.frames)
      for (const words of SECRET_WORDS) expect(frame).not.toContain(words);
  });

  test('once downloaded, the summarizer works offline', async ({ openApp, relay }) => {
    const { app, page, id } = await openSeededChannel(openApp, relay.port);
    await expectServiceWorkerInControl(page);
    await page.goto('/settings');
    const summarizer = page.getByTestId('ai-model').filter({ hasText: 'tiny-summarizer' });
    await summarizer.getByRole('button', { name: 'Download now' }).click();
    await expect(summarizer).toContainText('Ready on this device', { timeout: 60_000 });

    await app.context.setOffline(true);
    await page.goto(`/chat/${id}`);
    await expect(page.getByText(THREAD[0]!)).toBeVisible();
    await page.getByRole('button', { name: 'Catch me up' }).click();
    const panel = page.getByRole('region', { name: 'Catch me up on launch' });
    await panel.getByRole('radio', { name: 'Everything loaded' }).check();
    await expect(panel.locator('.ai-summary[data-method="model"]')).toContainText(DEFAULT_SUMMARY, {
      timeout: 60_000,
    });
  });

  test('settings list the models; search matches by meaning on the device and its vectors go with sign-out', async ({
    openApp,
    relay,
  }) => {
    const app = await openApp('/');
    const { id } = await seedChannel(app, relay.port);
    const { page } = app;
    await page.goto('/settings');
    const models = page.getByTestId('ai-model');
    await expect(models).toHaveCount(3);
    await expect(models.filter({ hasText: 'Embedder: tiny-embedder' })).toContainText(
      'generated by tests/support/tiny-models',
    );
    const summarizer = models.filter({ hasText: 'Summarizer: tiny-summarizer' });
    await summarizer.getByRole('button', { name: 'Download now' }).click();
    await expect(summarizer).toContainText('Ready on this device (WebAssembly)', {
      timeout: 60_000,
    });

    const traffic = recordTraffic(page);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Search' })
      .click();
    await expect(page.getByTestId('search-mode')).toHaveText(
      /Matching words and meaning \(tiny-embedder/,
      {
        timeout: 60_000,
      },
    );
    await page
      .getByRole('searchbox', { name: 'Search chat, docs and tasks' })
      .fill('release notes');
    const results = page.getByTestId('search-result');
    await expect(results.first()).toBeVisible();
    await expect(results.first().locator('mark').first()).toHaveText(/release|notes/i);
    // The vectors are computed once the channel's content has loaded, then kept on the device.
    await expect.poll(() => roomDatabases(page), { timeout: 30_000 }).toContain(`ws:${id}:~ai`);
    await expect(page.getByTestId('search-mode')).toHaveText(/Matching words and meaning/);
    for (const request of traffic.requests)
      expect(request.postData() ?? '', request.url()).not.toContain('release notes');

    await signOut(page);
    await expect(page).toHaveURL(/\/login/);
    await expect.poll(() => roomDatabases(page)).not.toContain(`ws:${id}:~ai`);
  });
});

test('with no model installed, catch me up answers with the extractive summary and says why; a recording gets no transcript [SPEECH4]', async ({
  openApp,
  relay,
}) => {
  const { page, id, ids } = await openSeededChannel(openApp, relay.port);
  await page.getByRole('button', { name: 'Catch me up' }).click();
  const panel = page.getByRole('region', { name: 'Catch me up on launch' });
  const summary = panel.locator('.ai-summary[data-method="extractive"]');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('No summarization model is installed on the relay');
  const decisions = summary.getByRole('region', { name: 'Decisions' });
  await expect(decisions).toContainText('We agreed to ship the release on Friday');
  const decision = decisions.getByRole('listitem').filter({ hasText: 'We agreed to ship' });
  await expect(decision.getByRole('link', { name: /^Source 1/ })).toHaveAttribute(
    'href',
    `/chat/${id}?message=${ids[3]}`,
  );
  await expect(summary).not.toContainText('haha nice');

  await page.goto('/settings');
  await expect(page.getByTestId('ai-no-model')).toHaveCount(3);
  const transcribe = page.getByTestId('ai-transcribe');
  await transcribe.getByLabel('Audio file').setInputFiles({
    name: 'standup.wav',
    mimeType: 'audio/wav',
    buffer: Buffer.from(encodeWav(toneSamples(1, 16_000), 16_000)),
  });
  await expect(transcribe.getByRole('status')).toHaveText(
    'No speech model is installed on the relay, so there is no transcript: notes only.',
  );
  await page.getByRole('checkbox', { name: /Catch me up/ }).uncheck();
  await openChannel(page, id);
  await expect(page.getByRole('button', { name: 'Catch me up' })).toHaveCount(0);
});

test('doc TL;DR summarizes the doc, then only what changed since a version, with links to the blocks', async ({
  openApp,
}) => {
  const { page } = await openApp('/docs');
  const form = page.getByRole('form', { name: 'New doc' });
  await form.getByLabel('New doc title').fill('Launch plan');
  await form.getByRole('button', { name: 'New doc' }).click();
  const body = page.getByRole('textbox', { name: 'Launch plan body' });
  await body.click();
  await page.keyboard.type('The launch checklist covers payments, settings and the store listing.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('We decided to launch on Friday after the final QA pass.');
  await page.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('region', { name: 'Version history' });
  await history.getByLabel('Version name').fill('Draft');
  await history.getByRole('button', { name: 'Save version' }).click();
  await expect(history.getByRole('listitem').filter({ hasText: 'Draft' })).toBeVisible();

  await body.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Should we move the press release to Monday to avoid the holiday?');

  await page.getByRole('button', { name: 'TL;DR' }).click();
  const panel = page.getByRole('region', { name: 'TL;DR' });
  const summary = panel.locator('.ai-summary[data-method="extractive"]');
  await expect(summary.getByRole('region', { name: 'Decisions' })).toContainText(
    'We decided to launch on Friday',
  );
  await expect(summary.getByRole('region', { name: 'Open questions' })).toContainText(
    'move the press release to Monday',
  );

  const since = panel.getByLabel('Summarize');
  const draft = await since.locator('option', { hasText: 'Changes since Draft' }).textContent();
  await since.selectOption({ label: draft ?? '' });
  await expect(summary).toContainText('move the press release to Monday');
  await expect(summary).not.toContainText('We decided to launch on Friday');

  // A source link puts the caret in its block.
  await summary
    .getByRole('link', { name: /^Source 1/ })
    .first()
    .click();
  await expect(body).toBeFocused();
  const caretText = await page.evaluate(() => window.getSelection()?.anchorNode?.textContent ?? '');
  expect(caretText).toContain('press release');
});
