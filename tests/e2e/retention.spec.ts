import type { Page } from '@playwright/test';
import {
  addMessage,
  bucketOf,
  encodeHlc,
  noteBucket,
} from '../../client/src/workspace/chat/index.js';
import { createTestClient } from '../support/test-client.js';
import { addPerson, expect, test, type Person } from './fixtures.js';

const BOB: Person = { name: 'Bob Builder', email: 'bob@e2e.example', password: 'bob-password-1' };

async function createChannel(page: Page, name: string): Promise<string> {
  await page.goto('/chat');
  await page.getByRole('button', { name: 'New channel' }).click();
  const dialog = page.getByRole('dialog', { name: 'New channel' });
  await dialog.getByLabel('Channel name').fill(name);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/chat\/[A-Za-z0-9_-]{8,64}$/);
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}

test('[RETAIN2] the channel owner sets a retention policy; members see the notice and no longer see older messages', async ({
  openApp,
  relay,
}) => {
  const ann = await openApp('/chat');
  const bob = await openApp('/', { as: null });
  await addPerson(ann.context, bob.context, BOB);
  const id = await createChannel(ann.page, 'ephemeral');

  // Two messages of this month written by another device: one three days old.
  const { token } = (await (
    await ann.context.request.post('/api/auth/token', { data: {} })
  ).json()) as { token: string };
  const now = Date.now();
  const url = `ws://127.0.0.1:${relay.port}/sync`;
  const writes = [
    { wall: now - 3 * 86_400_000, text: 'three days old' },
    { wall: now - 60_000, text: 'a minute old' },
  ];
  const meta = createTestClient(url, `${id}:meta`, { token, confirm: true });
  const clients = writes.map((w) =>
    createTestClient(url, `${id}:${bucketOf(w.wall)}`, { token, confirm: true }),
  );
  try {
    await Promise.all([meta, ...clients].map((c) => c.synced()));
    writes.forEach((w, i) => {
      const doc = clients[i]?.doc;
      if (!doc) return;
      const key = encodeHlc({ wall: w.wall, counter: 0, node: 'seed' });
      addMessage(doc, { id: `m${i}`, key, author: 'seed', createdAt: w.wall, text: w.text });
      noteBucket(meta.doc, bucketOf(w.wall));
    });
    await Promise.all([meta, ...clients].map((c) => c.allConfirmed()));
  } finally {
    [meta, ...clients].forEach((c) => c.destroy());
  }

  await ann.page.goto(`/chat/${id}`);
  await expect(ann.page.getByText('a minute old', { exact: true })).toBeVisible();
  await ann.page.getByRole('button', { name: 'Channel settings' }).click();
  await ann.page.getByRole('button', { name: 'Message retention' }).click();
  await ann.page.getByLabel(/Delete messages older than/).fill('1');
  await ann.page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(ann.page.getByTestId('retention-notice')).toHaveText(
    'Messages older than 1 day are deleted.',
  );
  await expect(ann.page.getByText('three days old', { exact: true })).toHaveCount(0);
  await expect(ann.page.getByText('a minute old', { exact: true })).toBeVisible();

  await bob.page.goto(`/chat/${id}`);
  await expect(bob.page.getByTestId('retention-notice')).toHaveText(
    'Messages older than 1 day are deleted.',
  );
  await expect(bob.page.getByText('a minute old', { exact: true })).toBeVisible();
  await expect(bob.page.getByText('three days old', { exact: true })).toHaveCount(0);
  await expect(bob.page.getByRole('button', { name: 'Message retention' })).toHaveCount(0);
});
