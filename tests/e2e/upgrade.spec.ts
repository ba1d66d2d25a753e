/**
 * The browser side of upgrades (OPERATIONS.md "Schema versions and upgrades"): what
 * a device holds survives an app of another version, in Debian's Chromium with its
 * real IndexedDB and localStorage.
 */
import { expect, test } from './fixtures.js';

test('[UPGRADE7] a device store saved by a newer app is named in a message, and kept', async ({
  openApp,
}) => {
  const { page } = await openApp('/');
  // A page of the same origin that does not run the app, so nothing holds the
  // database open while a "newer app" takes it to a version this one does not know.
  await page.goto('/healthz');
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('ws:~workspace', 99);
        open.onupgradeneeded = () => {
          if (!open.result.objectStoreNames.contains('from-the-future')) {
            open.result.createObjectStore('from-the-future');
          }
        };
        open.onsuccess = () => {
          open.result.close();
          resolve();
        };
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onblocked = () => reject(new Error('the app still holds the database open'));
      }),
  );
  await page.goto('/');
  await expect(
    page.getByRole('alert').filter({ hasText: 'saved by a newer version' }),
  ).toBeVisible();
  const kept = await page.evaluate(async () =>
    (await indexedDB.databases()).find((db) => db.name === 'ws:~workspace'),
  );
  expect(kept?.version).toBe(99);
});

test('[UPGRADE6] an unreadable setting is kept aside and the app still opens signed in', async ({
  openApp,
}) => {
  const { page } = await openApp('/');
  await page.evaluate(() => {
    localStorage.setItem('ai.settings', '{"truncated');
    // A device of the first release recorded no layout version.
    localStorage.removeItem('ws:layout');
  });
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  const storage = await page.evaluate(() => ({
    layout: localStorage.getItem('ws:layout'),
    settings: localStorage.getItem('ai.settings'),
    quarantined: localStorage.getItem('ws:quarantine:ai.settings'),
    session: localStorage.getItem('ws:session'),
  }));
  expect(storage).toEqual({
    layout: '1',
    settings: null,
    quarantined: '{"truncated',
    session: expect.any(String) as unknown,
  });
});
