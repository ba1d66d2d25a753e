import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  addMessage,
  bucketOf,
  createDing,
  encodeHlc,
  noteBucket,
} from '../../client/src/workspace/chat/index.js';
import { createTestClient } from '../support/test-client.js';
import {
  addPerson,
  expect,
  expectServiceWorkerInControl,
  OWNER,
  roomDatabases,
  test,
  type AppPage,
  type Person,
} from './fixtures.js';

const BOB: Person = { name: 'Bob Builder', email: 'bob@e2e.example', password: 'bob-password-1' };
const CY: Person = { name: 'Cy Outsider', email: 'cy@e2e.example', password: 'cy-password-1' };

/** Chat → New channel; returns the channel id from the URL it opens. */
async function createChannel(page: Page, name: string, members: string[] | null): Promise<string> {
  await page.goto('/chat');
  await page.getByRole('button', { name: 'New channel' }).click();
  const dialog = page.getByRole('dialog', { name: 'New channel' });
  await dialog.getByLabel('Channel name').fill(name);
  if (members !== null) {
    await dialog.getByRole('radio', { name: 'Only chosen people (private)' }).check();
    for (const person of members) await dialog.getByRole('checkbox', { name: person }).check();
  }
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/chat\/[A-Za-z0-9_-]{8,64}$/);
  await expect(page.getByRole('heading', { level: 1, name: `#${name}` })).toBeVisible();
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}

function composer(page: Page) {
  return page.getByRole('textbox', { name: /^Message / });
}

async function send(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

function texts(page: Page): Promise<string[]> {
  return page.getByTestId('message-text').allInnerTexts();
}

async function openChannel(app: AppPage, id: string): Promise<void> {
  // A fresh load reads the directory (with the new room) from the relay.
  await app.page.goto(`/chat/${id}`);
  await expect(app.page.getByRole('log', { name: 'Messages' })).toHaveAttribute(
    'data-loaded',
    'true',
  );
}

/** Opens raw sockets to a channel's meta and current month with this page's own token. */
function probeRooms(page: Page, roomId: string): Promise<string[]> {
  return page.evaluate(async (id) => {
    const response = await fetch('/api/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const { token } = (await response.json()) as { token: string };
    const parts = [`${id}:meta`, `${id}:m${new Date().toISOString().slice(0, 7)}`];
    return Promise.all(
      parts.map(
        (part) =>
          new Promise<string>((resolve) => {
            const url = `${location.origin.replace('http', 'ws')}/sync/${part}?token=${token}`;
            const ws = new WebSocket(url);
            ws.onmessage = () => {
              resolve('received data');
              ws.close();
            };
            ws.onclose = () => resolve('refused');
          }),
      ),
    );
  }, roomId);
}

/**
 * The same probe over the workspace connection (protocol version 2, `/sync?v=2`):
 * subscribes the two parts on a socket of its own and reports, per part, whether
 * room frames came back or `closed(part, 4403)` [MUX2]. Frames are written by hand
 * (lib0 varUint / varString; the part names are under 128 bytes).
 */
function probeParts(page: Page, roomId: string): Promise<string[]> {
  return page.evaluate(async (id) => {
    const response = await fetch('/api/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const { token } = (await response.json()) as { token: string };
    const parts = [`${id}:meta`, `${id}:m${new Date().toISOString().slice(0, 7)}`];
    const url = `${location.origin.replace('http', 'ws')}/sync?v=2&probe=1&token=${token}`;
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    const outcomes = new Map<string, string>();
    const encoder = new TextEncoder();
    await new Promise<void>((resolve) => {
      ws.onopen = () => {
        for (const part of parts) {
          const name = encoder.encode(part);
          ws.send(new Uint8Array([1, name.length, ...name]));
        }
      };
      ws.onmessage = (event: MessageEvent<ArrayBuffer>) => {
        const data = new Uint8Array(event.data);
        const kind = data[0];
        if (kind !== 3 && kind !== 5) return; // room, closed
        const length = data[1] ?? 0;
        const part = new TextDecoder().decode(data.slice(2, 2 + length));
        let code = 0;
        for (let i = 2 + length, shift = 0; i < data.length; i++, shift += 7) {
          code += ((data[i] ?? 0) & 0x7f) * 2 ** shift;
          if (((data[i] ?? 0) & 0x80) === 0) break;
        }
        if (!outcomes.has(part))
          outcomes.set(
            part,
            kind === 3 ? 'received data' : code === 4403 ? 'refused' : `closed ${code}`,
          );
        if (parts.every((p) => outcomes.has(p))) resolve();
      };
      ws.onclose = () => resolve();
    });
    ws.close();
    return parts.map((part) => outcomes.get(part) ?? 'no answer');
  }, roomId);
}

/** A message row found by its text, then held by its id (its text may change). */
async function byText(page: Page, text: string) {
  const id = await page
    .getByTestId('message')
    .filter({ hasText: text })
    .getAttribute('data-message-id');
  return page.locator(`[data-message-id="${id ?? ''}"]`);
}

async function ownerAndBob(openApp: (path?: string, o?: { as?: null }) => Promise<AppPage>) {
  const ann = await openApp('/chat');
  const bob = await openApp('/', { as: null });
  const bobId = await addPerson(ann.context, bob.context, BOB);
  return { ann, bob, bobId };
}

test('two people chat; offline messages wait as "not yet sent", then both screens show one order', async ({
  openApp,
}) => {
  const { ann, bob } = await ownerAndBob(openApp);
  const id = await createChannel(ann.page, 'general', null);
  await openChannel(bob, id);

  await send(ann.page, 'hello **Bob**');
  await expect(bob.page.getByTestId('message-text')).toHaveText(['hello Bob']);
  await expect(bob.page.locator('strong', { hasText: 'Bob' })).toBeVisible(); // Markdown rendered
  await send(bob.page, 'hi Ann');
  await expect(ann.page.getByTestId('message-text')).toHaveText(['hello Bob', 'hi Ann']);
  // Ann's first message has been read by Bob (he had the channel open).
  await expect(ann.page.getByTestId('receipt').first()).toHaveText('✓✓ 1/1');

  await bob.context.setOffline(true);
  for (const text of ['offline one', 'offline two', 'offline three']) await send(bob.page, text);
  await expect(bob.page.getByTestId('not-sent')).toHaveCount(3);
  await send(ann.page, 'ann while bob is away');
  await expect(ann.page.getByTestId('message-text')).toHaveCount(3);

  await bob.context.setOffline(false);
  await expect(bob.page.getByTestId('not-sent')).toHaveCount(0);
  await expect(ann.page.getByTestId('message-text')).toHaveCount(6);
  await expect(bob.page.getByTestId('message-text')).toHaveCount(6);
  const order = await texts(ann.page);
  expect(await texts(bob.page)).toEqual(order);
  // Bob's offline messages kept their own order.
  const bobs = order.filter((t) => t.startsWith('offline'));
  expect(bobs).toEqual(['offline one', 'offline two', 'offline three']);
});

test('a DING rings again until acknowledged, and the sender sees who acknowledged', async ({
  openApp,
}) => {
  const { ann, bob } = await ownerAndBob(openApp);
  const id = await createChannel(ann.page, 'ops', null);
  await openChannel(bob, id);
  // The documented per-device setting (the channel's settings menu), shortened so the repeat is seen quickly.
  await bob.page.getByRole('button', { name: 'Channel settings' }).click();
  await bob.page.getByLabel('Repeat urgent alerts every (seconds)').fill('1');
  await bob.page.getByLabel('Repeat urgent alerts every (seconds)').press('Tab');
  // Count the browser notifications the app raises (permission granted as if Bob agreed).
  await bob.context.grantPermissions(['notifications']);
  await bob.page.addInitScript(() => {
    const shown: string[] = [];
    Object.assign(window, { shownNotifications: shown });
    const Original = window.Notification;
    window.Notification = class extends Original {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push(options?.body ?? title);
      }
    };
  });
  await bob.page.goto('/'); // the alert reaches any page

  await send(ann.page, 'the site is down');
  const message = ann.page.getByTestId('message').filter({ hasText: 'the site is down' });
  await message.getByRole('button', { name: 'More actions' }).click();
  await message.getByRole('menuitem', { name: 'DING (urgent)' }).click();
  const dialog = ann.page.getByRole('dialog', { name: 'Send as urgent (DING)' });
  await dialog.getByRole('checkbox', { name: BOB.name }).check();
  await dialog.getByRole('button', { name: 'Send urgent alert' }).click();
  await expect(message.getByTestId('ding-status')).toContainText('acknowledged by 0 / 1');

  const alert = bob.page.getByTestId('ding-alert');
  await expect(alert).toContainText(`Urgent from ${OWNER.name}`);
  await expect(alert).toContainText('the site is down');
  await expect
    .poll(async () => Number(await alert.getAttribute('data-rings')))
    .toBeGreaterThanOrEqual(3);
  const notifications = () =>
    bob.page.evaluate(
      () => (window as unknown as { shownNotifications: string[] }).shownNotifications,
    );
  await expect.poll(async () => (await notifications()).length).toBeGreaterThanOrEqual(2);
  expect((await notifications())[0]).toContain('the site is down');
  await alert.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(alert).toHaveCount(0);
  await expect(message.getByTestId('ding-status')).toContainText(
    `acknowledged by 1 / 1: ${BOB.name}`,
  );
  expect(id).not.toBe('');
});

test('[ACCESS] a private channel never reaches a non-member: not in the UI, IndexedDB or the network', async ({
  openApp,
}) => {
  const { ann, bob } = await ownerAndBob(openApp);
  const cy = await openApp('/', { as: null });
  await addPerson(ann.context, cy.context, CY);
  const received: string[] = [];
  // What Cy's app connection itself received (the probes below use sockets of their own).
  const appReceived: string[] = [];
  cy.page.on('websocket', (socket) => {
    const url = new URL(socket.url());
    const app = url.pathname === '/sync' && !url.searchParams.has('probe');
    received.push(`open ${socket.url()}`);
    socket.on('framereceived', (frame) => {
      received.push(String(frame.payload));
      if (app) appReceived.push(String(frame.payload));
    });
  });

  const id = await createChannel(ann.page, 'secret-project', [BOB.name]);
  await send(ann.page, 'the launch date is classified');
  await openChannel(bob, id);
  await expect(bob.page.getByTestId('message-text')).toHaveText(['the launch date is classified']);

  await cy.page.goto(`/chat/${id}`);
  await expect(cy.page.getByRole('heading', { name: 'Conversation not found' })).toBeVisible();
  await expect(cy.page.getByRole('link', { name: '#secret-project' })).toHaveCount(0);
  // Cy's own client, with a valid token, tries the channel's rooms directly: refused,
  // while the same probe from Bob's page gets data (so the probe can tell).
  expect(await probeRooms(bob.page, id)).toEqual(['received data', 'received data']);
  const outcomes = await probeRooms(cy.page, id);
  expect(outcomes).toEqual(['refused', 'refused']);
  expect(await probeParts(bob.page, id)).toEqual(['received data', 'received data']);
  expect(await probeParts(cy.page, id)).toEqual(['refused', 'refused']);
  expect(received.some((r) => r.includes('classified'))).toBe(false);
  // Cy's one connection carried the feed and the rooms Cy may read, and never named the channel [FEED4].
  expect(appReceived.length).toBeGreaterThan(0);
  expect(appReceived.some((r) => r.includes(id))).toBe(false);
  expect((await roomDatabases(cy.page)).filter((name) => name.includes(id))).toEqual([]);
});

test('the chat page is axe-clean with messages, a thread and the mention picker', async ({
  openApp,
}) => {
  const { ann } = await ownerAndBob(openApp);
  await createChannel(ann.page, 'design', null);
  await send(ann.page, 'see [the spec](/docs/abc) and vote');
  const message = ann.page.getByTestId('message').first();
  await message.hover();
  await message.getByRole('button', { name: 'React with 👍' }).click();
  await expect(message.getByRole('button', { name: /^👍 1/ })).toBeVisible();
  await message.getByRole('button', { name: 'Reply in thread' }).click();
  const thread = ann.page.getByRole('complementary', { name: 'Thread' });
  await thread.getByRole('textbox', { name: 'Reply in thread' }).fill('a reply');
  await thread.getByRole('textbox', { name: 'Reply in thread' }).press('Enter');
  await expect(thread.getByTestId('reply')).toContainText('a reply');
  // The thread shows avatars as the main list does: the parent's and the reply's.
  await expect(thread.locator('.person-avatar')).toHaveCount(2);
  await expect(message.getByRole('button', { name: '1 reply' })).toBeVisible();
  await composer(ann.page).fill('ping @Bo');
  await expect(ann.page.getByRole('option', { name: `@${BOB.name}` })).toBeVisible();
  const results = await new AxeBuilder({ page: ann.page }).analyze();
  expect(
    results.violations.map(({ id, help, nodes }) => ({ id, help, nodes: nodes.length })),
  ).toEqual([]);
  await composer(ann.page).press('Enter');
  await expect(composer(ann.page)).toHaveValue(`ping @${BOB.name} `);
});

test('[CHAT8] [CHAT10] offline after a reload: history reads from the device, delivered stays delivered, writing and reacting wait for the relay; deletes can be undone', async ({
  openApp,
}) => {
  const { ann, bob } = await ownerAndBob(openApp);
  const id = await createChannel(ann.page, 'notes', null);
  await send(ann.page, 'typo hre');
  await send(ann.page, 'to be removed');
  await openChannel(bob, id);
  await send(bob.page, 'bob was here');
  await expect(ann.page.getByTestId('message-text')).toHaveText([
    'typo hre',
    'to be removed',
    'bob was here',
  ]);

  const first = await byText(ann.page, 'typo hre');
  // The message menu is a menu button (ui/Menu): keys move, Escape gives focus back.
  const more = first.getByRole('button', { name: 'More actions' });
  const menu = first.getByRole('menu', { name: 'More actions' });
  await more.focus();
  await ann.page.keyboard.press('Enter');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await ann.page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: 'Delete' })).toBeFocused();
  await ann.page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(more).toBeFocused();
  await more.click();
  await first.getByRole('menuitem', { name: 'Edit' }).click();
  await first.getByLabel('Edit message').fill('typo here');
  await first.getByRole('button', { name: 'Save' }).click();
  const second = await byText(ann.page, 'to be removed');
  await second.getByRole('button', { name: 'More actions' }).click();
  await second.getByRole('menuitem', { name: 'Delete' }).click();
  // Deleting waits for "Undo": the message looks deleted here only, and comes back.
  const toast = ann.page.getByRole('status').filter({ hasText: 'Message deleted' });
  await expect(second.getByTestId('message-text')).toHaveText('This message was deleted.');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(second.getByTestId('message-text')).toHaveText('to be removed');
  await expect(toast).toHaveCount(0);
  await second.getByRole('button', { name: 'More actions' }).click();
  await second.getByRole('menuitem', { name: 'Delete' }).click();
  await toast.getByRole('button', { name: 'Dismiss' }).click(); // write it now
  await expect(bob.page.getByTestId('message-text')).toHaveText([
    'typo here',
    'This message was deleted.',
    'bob was here',
  ]);
  await expect(bob.page.getByText('(edited)')).toHaveCount(1);

  await expectServiceWorkerInControl(bob.page);
  await expect(bob.page.getByTestId('not-sent')).toHaveCount(0);
  await bob.context.setOffline(true);
  await bob.page.reload();
  await expect(bob.page.getByTestId('message-text')).toHaveText([
    'typo here',
    'This message was deleted.',
    'bob was here',
  ]);
  await send(bob.page, 'written offline after a reload');
  await send(bob.page, 'and one more'); // a reload with one waiting
  await bob.page.reload();
  await expect(bob.page.getByTestId('message-text')).toHaveCount(5);
  // Only the messages written offline wait; the one delivered before stays sent.
  await expect(bob.page.getByTestId('not-sent')).toHaveCount(2);
  const edited = bob.page.getByTestId('message').filter({ hasText: 'typo here' });
  await edited.getByRole('button', { name: 'More actions' }).click();
  await edited.getByRole('menuitem', { name: 'React with 🎉' }).click();
  await expect(edited.getByRole('button', { name: /^🎉 1/ })).toBeVisible();

  await bob.context.setOffline(false);
  await expect(bob.page.getByTestId('not-sent')).toHaveCount(0);
  await expect(ann.page.getByTestId('message-text')).toHaveText([
    'typo here',
    'This message was deleted.',
    'bob was here',
    'written offline after a reload',
    'and one more',
  ]);
  await expect(first.getByRole('button', { name: /^🎉 1/ })).toBeVisible();
});

test('[CHAT9] [CHAT11] [CHAT12] unread and mention counts, the divider, who has read, the mention in the inbox, and the phone layout', async ({
  openApp,
}) => {
  const { ann, bob } = await ownerAndBob(openApp);
  const id = await createChannel(ann.page, 'team', null);
  await send(ann.page, 'before Bob looks');
  await bob.page.goto('/chat');
  const link = bob.page.getByRole('link', { name: /#team/ });
  await expect(link.getByTestId('unread-count')).toHaveText('1');
  await send(ann.page, `@${BOB.name} please check`);
  await expect(link.getByTestId('unread-count')).toHaveText('2');
  await expect(link.getByLabel('1 mentions')).toBeVisible();
  // The main nav sums the channels' unread counts.
  const chatNav = bob.page.getByRole('navigation', { name: 'Main' }).getByRole('link', {
    name: /^Chat/,
  });
  await expect(chatNav).toHaveAccessibleName('Chat 2 unread');
  const receipt = ann.page.getByTestId('receipt').last();
  await expect(receipt).toHaveText('✓ 0/1');

  await link.click();
  await expect(bob.page).toHaveURL(new RegExp(`/chat/${id}$`));
  await expect(bob.page.getByRole('separator', { name: 'New messages' })).toBeVisible();
  await expect(link.getByTestId('unread-count')).toHaveCount(0);
  await expect(chatNav).toHaveAccessibleName('Chat');
  await expect(receipt).toHaveText('✓✓ 1/1');
  await receipt.click();
  const dialog = ann.page.getByRole('dialog', { name: 'Read receipts' });
  await expect(dialog.getByRole('list', { name: 'Have read' })).toHaveText(BOB.name);
  await expect(dialog.getByRole('list', { name: 'Have not read' })).toHaveText(
    'Everyone has read it',
  );

  // The mention reached Bob's Notifications inbox.
  const inbox = () =>
    bob.page.evaluate(async () => {
      const response = await fetch('/api/notifications');
      const list = (await response.json()) as { roomId: string; excerpt: string }[];
      return list.map((n) => `${n.roomId} ${n.excerpt}`);
    });
  await expect.poll(inbox).toContain(`${id} @${BOB.name} please check`);
  // The inbox item opens the very message, not only the channel [CHAT12].
  await bob.page.goto('/notifications');
  await bob.page.getByRole('link', { name: `${OWNER.name} mentioned you in team` }).click();
  await expect(bob.page).toHaveURL(new RegExp(`/chat/${id}\\?message=[\\w-]+$`));
  await expect(bob.page.getByRole('article', { name: /please check/ })).toBeFocused();

  // A phone: the list, then the conversation, then the thread, one at a time.
  const { page } = bob;
  await page.setViewportSize({ width: 390, height: 844 });
  const list = page.getByRole('navigation', { name: 'Conversations' });
  const conversation = page.getByRole('region', { name: 'Conversation' });
  const noSidewaysScroll = () =>
    page
      .locator('.chat')
      .evaluate(
        (el) =>
          el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= window.innerWidth,
      );
  await expect(list).toBeHidden();
  await expect(composer(page)).toBeVisible();
  await page.locator('.chat').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await expect(composer(page)).toBeInViewport();
  expect(await noSidewaysScroll()).toBe(true);
  const mention = page.getByTestId('message').filter({ hasText: 'please check' });
  await mention.getByRole('button', { name: 'More actions' }).click();
  await mention
    .getByRole('menu', { name: 'More actions' })
    .getByRole('menuitem', { name: 'Reply in thread' })
    .click();
  const thread = page.getByRole('complementary', { name: 'Thread' });
  await expect(thread).toBeVisible();
  await expect(page.getByRole('log', { name: 'Messages' })).toBeHidden();
  await thread.getByRole('button', { name: 'Close thread' }).click();
  await expect(page.getByRole('log', { name: 'Messages' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to conversations' }).click();
  await expect(list).toBeVisible();
  await expect(conversation).toBeHidden();
  expect(await noSidewaysScroll()).toBe(true);
});

test('[DING4] a DING written without the relay’s permit (a modified client) never rings', async ({
  openApp,
  relay,
}) => {
  const { ann, bob, bobId } = await ownerAndBob(openApp);
  const id = await createChannel(ann.page, 'alerts', null);
  await openChannel(bob, id);
  await bob.page.getByRole('button', { name: 'Channel settings' }).click();
  await bob.page.getByLabel('Repeat urgent alerts every (seconds)').fill('1');
  await bob.page.getByLabel('Repeat urgent alerts every (seconds)').press('Tab');
  await bob.page.goto('/');

  // A client of Ann's that skips the permit writes two DINGs straight into the doc.
  const me = (await (await ann.context.request.get('/api/me')).json()) as { user: { id: string } };
  const { token } = (await (
    await ann.context.request.post('/api/auth/token', { data: {} })
  ).json()) as { token: string };
  const rogue = createTestClient(`ws://127.0.0.1:${relay.port}/sync`, `${id}:meta`, {
    token,
    confirm: true,
  });
  try {
    await rogue.synced();
    const forged = { sender: me.user.id, recipients: [bobId], key: 'k', bucket: 'm2026-11' };
    const now = Date.now();
    createDing(rogue.doc, {
      ...forged,
      messageId: 'f1',
      preview: 'forged, no permit',
      now,
      permit: '',
    });
    createDing(rogue.doc, {
      ...forged,
      messageId: 'f2',
      preview: 'forged permit',
      now,
      permit: 'a.b.c',
    });
    await rogue.allConfirmed();
  } finally {
    rogue.destroy();
  }

  await send(ann.page, 'a real alert');
  const message = ann.page.getByTestId('message').filter({ hasText: 'a real alert' });
  await message.getByRole('button', { name: 'More actions' }).click();
  await message.getByRole('menuitem', { name: 'DING (urgent)' }).click();
  const dialog = ann.page.getByRole('dialog', { name: 'Send as urgent (DING)' });
  await dialog.getByRole('checkbox', { name: BOB.name }).check();
  await dialog.getByRole('button', { name: 'Send urgent alert' }).click();

  const alerts = bob.page.getByTestId('ding-alert');
  await expect(alerts.first()).toContainText('a real alert');
  await expect
    .poll(async () => Number(await alerts.first().getAttribute('data-rings')))
    .toBeGreaterThanOrEqual(2);
  await expect(alerts).toHaveCount(1);
  await expect(bob.page.getByText(/forged/)).toHaveCount(0);
});

test('a long channel opens with only its newest month, renders few rows, and loads the month before on scroll', async ({
  openApp,
  relay,
}) => {
  const { ann, bob } = await ownerAndBob(openApp);
  const id = await createChannel(ann.page, 'history', null);
  const { token } = (await (
    await ann.context.request.post('/api/auth/token', { data: {} })
  ).json()) as { token: string };
  const now = new Date();
  const lastMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15);
  const months = [
    { bucket: bucketOf(lastMonth), wall: lastMonth, count: 30, label: 'old message' },
    {
      bucket: bucketOf(now.getTime()),
      wall: now.getTime() - 60_000,
      count: 3000,
      label: 'new message',
    },
  ];
  const url = `ws://127.0.0.1:${relay.port}/sync`;
  const clients = [
    createTestClient(url, `${id}:meta`, { token, confirm: true }),
    ...months.map((m) => createTestClient(url, `${id}:${m.bucket}`, { token, confirm: true })),
  ];
  try {
    await Promise.all(clients.map((c) => c.synced()));
    months.forEach((month, i) => {
      const doc = clients[i + 1]?.doc;
      if (!doc) return;
      doc.transact(() => {
        for (let n = 0; n < month.count; n += 1) {
          const key = encodeHlc({ wall: month.wall, counter: n, node: 'seed' });
          const input = { id: `${month.label}-${n}`, key, author: 'seed', createdAt: month.wall };
          addMessage(doc, { ...input, text: `${month.label} ${n}` });
        }
      });
      if (clients[0]) noteBucket(clients[0].doc, month.bucket);
    });
    await Promise.all(clients.map((c) => c.allConfirmed()));
  } finally {
    clients.forEach((c) => c.destroy());
  }

  // Bob has never opened it: everything comes from the relay, newest month only.
  await openChannel(bob, id);
  await expect(bob.page.getByText('new message 2999', { exact: true })).toBeVisible();
  expect(await bob.page.getByTestId('message').count()).toBeLessThan(60);
  // The view renders the newest month only (the device may fetch the older one in
  // the background, but the view does not load it until scrolled to).
  await expect(bob.page.getByText('old message 0', { exact: true })).toHaveCount(0);

  const log = bob.page.getByRole('log', { name: 'Messages' });
  await expect
    .poll(async () => {
      await log.evaluate((el) => el.scrollTo({ top: 0 }));
      return bob.page.getByText('old message 0', { exact: true }).count();
    })
    .toBe(1);
  expect(await bob.page.getByTestId('message').count()).toBeLessThan(60);
});

test('search finds messages on the device across conversations, with filters', async ({
  openApp,
}) => {
  const { ann } = await ownerAndBob(openApp);
  await createChannel(ann.page, 'finance', null);
  await send(ann.page, 'the quarterly budget is ready');
  await createChannel(ann.page, 'random', null);
  await send(ann.page, 'budget for pizza?');
  await send(ann.page, 'unrelated chatter');

  await ann.page.getByRole('button', { name: 'Search messages' }).click();
  const dialog = ann.page.getByRole('dialog', { name: 'Search messages' });
  await dialog.getByLabel('Words').fill('budget');
  const results = dialog.getByRole('list', { name: 'Results' }).getByRole('listitem');
  await expect(results).toHaveCount(2);
  await dialog.getByLabel('Conversation').selectOption({ label: 'finance' });
  await expect(results).toHaveCount(1);
  await expect(results).toContainText('the quarterly budget is ready');
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await dialog.getByLabel('From').fill(tomorrow);
  await expect(results).toHaveCount(0);
});

const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

test('an attachment is stored by the relay under the channel’s access rule', async ({
  openApp,
}) => {
  const ann = await openApp();
  const bob = await openApp('/', { as: null });
  const cy = await openApp('/', { as: null });
  await addPerson(ann.context, bob.context, BOB);
  await addPerson(ann.context, cy.context, CY);
  const id = await createChannel(ann.page, 'design', [BOB.name]);

  await ann.page.getByLabel('Attach a file (PNG, JPEG, GIF, WebP or PDF)').setInputFiles({
    name: 'mockup.png',
    mimeType: 'image/png',
    buffer: PIXEL,
  });
  await expect(composer(ann.page)).toHaveValue(
    /\[📎 mockup\.png\]\(\/api\/rooms\/.+\/files\/[0-9a-f]{64}\)/,
  );
  await composer(ann.page).press('End');
  await ann.page.keyboard.type('first draft');
  await composer(ann.page).press('Enter');

  await openChannel(bob, id);
  const link = bob.page.getByRole('link', { name: '📎 mockup.png' });
  await expect(link).toBeVisible();
  const href = (await link.getAttribute('href')) ?? '';
  const fetched = await bob.page.request.get(href);
  expect(fetched.status()).toBe(200);
  expect(fetched.headers()['content-type']).toBe('image/png');
  expect(Buffer.from(await fetched.body()).equals(PIXEL)).toBe(true);
  // Cy is in the workspace but not in the channel: the file is not there for him.
  expect((await cy.page.request.get(href)).status()).toBe(404);
  // Something that is not an allowed file type is refused with a clear message.
  await ann.page.getByLabel('Attach a file (PNG, JPEG, GIF, WebP or PDF)').setInputFiles({
    name: 'notes.png',
    mimeType: 'image/png',
    buffer: Buffer.from('this is not a png'),
  });
  await expect(ann.page.getByRole('alert').filter({ hasText: /PNG|type|file/i })).toBeVisible();
});

test('[CHAT4] Arabic and Hebrew messages read right to left; English ones left to right', async ({
  openApp,
}) => {
  const { ann, bob } = await ownerAndBob(openApp);
  const id = await createChannel(ann.page, 'languages', null);
  await openChannel(bob, id);
  await send(ann.page, 'مرحبا بالجميع');
  await send(ann.page, 'שלום לכולם');
  await send(ann.page, 'hello everyone');
  const messages = bob.page.getByTestId('message-text');
  await expect(messages).toHaveCount(3);
  const directions = await messages.evaluateAll((nodes) =>
    nodes.map((node) => getComputedStyle(node.querySelector('p') ?? node).direction),
  );
  expect(directions).toEqual(['rtl', 'rtl', 'ltr']);
  await composer(bob.page).fill('أهلا');
  expect(await composer(bob.page).evaluate((node) => node.matches(':dir(rtl)'))).toBe(true);
});

test('[CHAT5] a paste longer than a message can hold is refused whole and says why', async ({
  openApp,
}) => {
  const ann = await openApp('/chat');
  await createChannel(ann.page, 'long-paste', null);
  await composer(ann.page).fill('draft: ');
  const long = 'word '.repeat(10_000);
  await composer(ann.page).evaluate((node, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    node.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, long);
  await expect(ann.page.getByRole('alert')).toContainText(
    'that text is 50,000 characters, and a message holds at most 10,000',
  );
  await expect(composer(ann.page)).toHaveValue('draft: ');
  // A paste that fits goes in as it is.
  await composer(ann.page).evaluate((node) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'short');
    const event = new ClipboardEvent('paste', {
      clipboardData: data,
      bubbles: true,
      cancelable: true,
    });
    node.dispatchEvent(event);
    // A synthetic paste inserts nothing by itself; the handler must not have refused it.
    if (!event.defaultPrevented) (node as HTMLTextAreaElement).setRangeText('short');
  });
  await expect(composer(ann.page)).toHaveValue('draft: short');
});
