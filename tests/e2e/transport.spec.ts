import type { Page, WebSocket } from '@playwright/test';
import { parseMux } from '../../shared/protocol/mux.js';
import { expect, expectAllSaved, test } from './fixtures.js';

/** Every WebSocket the page opens, with the room parts it subscribed. */
function recordSockets(page: Page) {
  const sockets: { socket: WebSocket; subscribed: Set<string> }[] = [];
  page.on('websocket', (socket) => {
    const subscribed = new Set<string>();
    sockets.push({ socket, subscribed });
    socket.on('framesent', ({ payload }) => {
      if (typeof payload === 'string') return;
      const frame = parseMux(new Uint8Array(payload));
      if (frame.kind === 'subscribe') subscribed.add(frame.room);
    });
  });
  return sockets;
}

async function createChannel(page: Page, name: string): Promise<string> {
  await page.goto('/chat');
  await page.getByRole('button', { name: 'New channel' }).click();
  const dialog = page.getByRole('dialog', { name: 'New channel' });
  await dialog.getByLabel('Channel name').fill(name);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/chat\/[A-Za-z0-9_-]{8,64}$/);
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}

async function createDoc(page: Page, title: string): Promise<string> {
  await page.goto('/docs');
  const form = page.getByRole('form', { name: 'New doc' });
  await form.getByLabel('New doc title').fill(title);
  await form.getByRole('button', { name: 'New doc' }).click();
  await expect(page).toHaveURL(/\/docs\/[A-Za-z0-9_-]{8,64}$/);
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}

async function createProject(page: Page, title: string): Promise<string> {
  await page.goto('/tasks');
  await page.getByRole('button', { name: 'New project' }).click();
  const form = page.getByRole('form', { name: 'New project' });
  await form.getByLabel('Title').fill(title);
  await form.getByRole('radio', { name: 'Everyone in the workspace can edit' }).check();
  await form.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(/\/tasks\/[\w-]+$/);
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}

test('[MUX2] the app holds exactly one WebSocket while showing chat, a doc and a project', async ({
  openApp,
}) => {
  const { page } = await openApp('/');
  const channel = await createChannel(page, 'general');
  const doc = await createDoc(page, 'Launch plan');
  const project = await createProject(page, 'Launch');

  const sockets = recordSockets(page);
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });

  await nav.getByRole('link', { name: 'Chat' }).click();
  await page.getByRole('link', { name: '#general' }).click();
  const composer = page.getByRole('textbox', { name: /^Message / });
  await composer.fill('one socket for everything');
  await composer.press('Enter');
  await expect(page.getByTestId('message-text')).toHaveText(['one socket for everything']);

  await nav.getByRole('link', { name: 'Docs' }).click();
  await page.getByRole('link', { name: 'Launch plan' }).first().click();
  const body = page.getByRole('textbox', { name: 'Launch plan body' });
  await body.click();
  await page.keyboard.type('written over the same socket');

  await nav.getByRole('link', { name: 'Tasks' }).click();
  await page.getByRole('link', { name: 'Launch', exact: true }).click();
  const add = page.getByLabel('Add a task to To do');
  await add.fill('ship it');
  await add.press('Enter');
  await expect(page.getByRole('list', { name: 'To do cards' }).getByText('ship it')).toBeVisible();
  await expectAllSaved(page);

  expect(sockets.map(({ socket }) => new URL(socket.url()).pathname)).toEqual(['/sync']);
  const [only] = sockets;
  expect(new URL(only?.socket.url() ?? 'ws://x').searchParams.get('v')).toBe('2');
  expect(only?.socket.isClosed()).toBe(false);
  // Every room the three views use went through that one socket.
  const rooms = [...(only?.subscribed ?? [])];
  expect(rooms.some((room) => room.startsWith(`${channel}:`))).toBe(true);
  expect(rooms).toContain(doc);
  expect(rooms).toContain(project);
});
