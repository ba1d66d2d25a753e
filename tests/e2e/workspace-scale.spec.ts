import type { APIRequestContext, Page } from '@playwright/test';
import { parseMux } from '../../shared/protocol/mux.js';
import {
  addMessage,
  bucketOf,
  encodeHlc,
  noteBucket,
} from '../../client/src/workspace/chat/index.js';
import { createTestClient } from '../support/test-client.js';
import { addPerson, expect, test, type Person } from './fixtures.js';

const BOB: Person = { name: 'Bob Builder', email: 'bob@e2e.example', password: 'bob-password-1' };
const CHANNELS = 1000;

/** Creates `count` channels everyone may write, through the API; returns their ids in order. */
async function seedChannels(request: APIRequestContext, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `scale${String(i).padStart(4, '0')}x`);
  for (let start = 0; start < ids.length; start += 50) {
    await Promise.all(
      ids.slice(start, start + 50).map(async (id, i) => {
        const response = await request.post('/api/rooms', {
          data: {
            id,
            kind: 'channel',
            title: `c${String(start + i).padStart(4, '0')}`,
            access: { workspace: 'write', groups: [], users: [] },
          },
        });
        expect(response.status(), await response.text()).toBe(201);
      }),
    );
  }
  return ids;
}

/**
 * Posts one message into each channel as another device would: stock y-websocket clients
 * on the channel's meta part and its current month, waiting until the relay confirmed both.
 */
async function postFromAnotherDevice(
  syncUrl: string,
  token: string,
  channelIds: readonly string[],
  text: string,
): Promise<void> {
  const now = Date.now();
  const bucket = bucketOf(now);
  for (let start = 0; start < channelIds.length; start += 10) {
    await Promise.all(
      channelIds.slice(start, start + 10).map(async (id, i) => {
        const meta = createTestClient(syncUrl, `${id}:meta`, { token, confirm: true });
        const month = createTestClient(syncUrl, `${id}:${bucket}`, { token, confirm: true });
        try {
          await Promise.all([meta.synced(), month.synced()]);
          const key = encodeHlc({ wall: now, counter: start + i, node: 'ann' });
          addMessage(month.doc, { id: `${id}-${now}`, key, author: 'ann', createdAt: now, text });
          noteBucket(meta.doc, bucket);
          await Promise.all([meta.allConfirmed(), month.allConfirmed()]);
        } finally {
          meta.destroy();
          month.destroy();
        }
      }),
    );
  }
}

function unreadBadge(page: Page, channelId: string) {
  return page.locator(`a[href="/chat/${channelId}"] [data-testid="unread-count"]`);
}

/**
 * Counts the relay sockets a page has open at once, and the most it ever had, and
 * lists the room parts it subscribed to (each room part a view or a fetch opens).
 */
function watchSockets(page: Page) {
  const seen = { open: 0, most: 0, total: 0, subscribed: [] as string[] };
  page.on('websocket', (socket) => {
    if (!socket.url().includes('/sync')) return;
    seen.open += 1;
    seen.total += 1;
    seen.most = Math.max(seen.most, seen.open);
    socket.on('close', () => (seen.open -= 1));
    socket.on('framesent', ({ payload }) => {
      if (typeof payload === 'string') return;
      const frame = parseMux(new Uint8Array(payload));
      if (frame.kind === 'subscribe') seen.subscribed.push(frame.room);
    });
  });
  return seen;
}

/** Resolves once the connection indicator says every readable room is on the device. */
async function everyRoomCurrent(page: Page): Promise<void> {
  const status = page.locator('.connection[data-rooms]');
  await expect
    .poll(async () => {
      const rooms = Number(await status.getAttribute('data-rooms'));
      const current = Number(await status.getAttribute('data-rooms-current'));
      return rooms > 0 && current === rooms;
    })
    .toBe(true);
}

test('[MUX2] [FEED2] [FEED1] [HOME5] with 1,000 channels, one socket carries a new message in any channel to the sidebar, and 30 changed while offline all show unread after reconnecting; Home then lists eight rooms and opens none of the rest', async ({
  openApp,
  relay,
}) => {
  test.setTimeout(600_000);
  const ann = await openApp('/');
  const bob = await openApp('/', { as: null });
  const sockets = watchSockets(bob.page);
  await addPerson(ann.context, bob.context, BOB);
  const ids = await seedChannels(ann.context.request, CHANNELS);
  const { token } = (await (
    await ann.context.request.post('/api/auth/token', { data: {} })
  ).json()) as { token: string };
  const syncUrl = `ws://127.0.0.1:${relay.port}/sync`;

  await bob.page.goto('/chat');
  const links = bob.page.getByRole('navigation', { name: 'Conversations' }).locator('a');
  await expect(links).toHaveCount(CHANNELS);

  // A message in channel 997 while Bob's tab is open: the feed notice brings that part
  // onto his device and its summary shows it unread, with no room of his held open.
  const late = ids[997] ?? '';
  await postFromAnotherDevice(syncUrl, token, [late], 'hello from far down the list');
  await expect(unreadBadge(bob.page, late)).toHaveText('1');
  expect(sockets.most).toBe(1);

  // Offline while 30 channels change; after reconnecting, all 30 show unread.
  await bob.context.setOffline(true);
  const changed = ids.filter((_, i) => i % 33 === 5).slice(0, 30);
  expect(changed).toHaveLength(30);
  await postFromAnotherDevice(syncUrl, token, changed, 'while you were away');
  await bob.context.setOffline(false);
  for (const id of changed) await expect(unreadBadge(bob.page, id)).toHaveText('1');
  await expect(unreadBadge(bob.page, late)).toHaveText('1');
  // Channels nobody wrote in show nothing.
  await expect(unreadBadge(bob.page, ids[1] ?? '')).toHaveCount(0);
  // The socket the reconnect replaced may report its close just after the new one
  // opens; once it has, one socket is left.
  await expect.poll(() => sockets.open).toBe(1);
  expect(sockets.most).toBeLessThanOrEqual(2);

  // Home in the same workspace [HOME5]: eight rooms and "Show all", the nav's Chat count
  // from the summaries, and no room subscribed for it beyond what its cards show.
  await everyRoomCurrent(bob.page);
  const before = sockets.subscribed.length;
  const nav = bob.page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Home' }).click();
  await expect(bob.page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  const rooms = bob.page.getByRole('list', { name: 'Rooms' }).getByRole('listitem');
  await expect(rooms).toHaveCount(8);
  // The channels and the workspace's scratchpad.
  await expect(bob.page.getByRole('button', { name: 'Show all 1,001 rooms' })).toBeVisible();
  await expect(
    bob.page.getByRole('region', { name: 'Recent activity' }).getByTestId('home-activity-item'),
  ).toHaveCount(6);
  await expect(nav.getByRole('link', { name: /Chat/ })).toContainText('31 unread');
  expect(sockets.subscribed.slice(before)).toEqual([]);
  expect(sockets.total).toBeGreaterThanOrEqual(1);
});

test('[FEED3] a channel newly shared with someone whose app is open, and a DING in it, reach them at once (not at the next directory poll)', async ({
  openApp,
}) => {
  const ann = await openApp('/chat');
  const bob = await openApp('/', { as: null });
  await addPerson(ann.context, bob.context, BOB);
  await bob.page.goto('/');
  await expect(bob.page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();

  // Created after Bob's app loaded its directory: only the relay's directory notice
  // tells his device about it (the periodic re-read is a minute away).
  await ann.page.goto('/chat');
  await ann.page.getByRole('button', { name: 'New channel' }).click();
  const create = ann.page.getByRole('dialog', { name: 'New channel' });
  await create.getByLabel('Channel name').fill('incident');
  await create.getByRole('radio', { name: 'Only chosen people (private)' }).check();
  await create.getByRole('checkbox', { name: BOB.name }).check();
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(ann.page.getByRole('heading', { level: 1, name: '#incident' })).toBeVisible();
  const composer = ann.page.getByRole('textbox', { name: /^Message / });
  await composer.fill('the site is down');
  await composer.press('Enter');
  const message = ann.page.getByTestId('message').filter({ hasText: 'the site is down' });
  await message.getByRole('button', { name: 'More actions' }).click();
  await message.getByRole('menuitem', { name: 'DING (urgent)' }).click();
  const ding = ann.page.getByRole('dialog', { name: 'Send as urgent (DING)' });
  await ding.getByRole('checkbox', { name: BOB.name }).check();
  await ding.getByRole('button', { name: 'Send urgent alert' }).click();

  const alert = bob.page.getByTestId('ding-alert');
  await expect(alert).toContainText('the site is down', { timeout: 15_000 });
  await bob.page.goto('/chat');
  await expect(
    bob.page.getByRole('navigation', { name: 'Conversations' }).getByText('#incident'),
  ).toBeVisible();
});
