/**
 * The workspace store (client/src/sync/device-store) in Debian's Chromium: real
 * IndexedDB, and real y-indexeddb databases for the migration. Each test gets a
 * fresh browser context (empty IndexedDB) on a blank page that runs
 * tests/support/device-store-page.ts; a reload is a restart of the app.
 */
import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { bundleForBrowser, routeScriptPage } from '../support/browser-page.js';
import type { DeviceStoreTest } from '../support/device-store-page.js';
import { expect, test } from './fixtures.js';

declare global {
  interface Window {
    deviceStoreTest: DeviceStoreTest;
  }
}

const ORIGIN = 'http://device-store.test';
let script: Promise<string> | null = null;

test.beforeEach(async ({ page }) => {
  script ??= bundleForBrowser(
    fileURLToPath(new URL('../support/device-store-page.ts', import.meta.url)),
  );
  await routeScriptPage(page.context(), ORIGIN, await script);
  await restart(page);
});

async function restart(page: Page): Promise<void> {
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => 'deviceStoreTest' in window);
}

const words = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i} `);

test('[DEV1] a part and its small values load back after a restart', async ({ page }) => {
  await page.evaluate(() => window.deviceStoreTest.writePart('doc1', ['hello ', 'world'], {}, 3));
  await restart(page);
  const part = await page.evaluate(() => window.deviceStoreTest.readPart('doc1'));
  expect(part).toMatchObject({ text: 'hello world', pending: 3, error: null });
  const empty = await page.evaluate(() => window.deviceStoreTest.readPart('doc2'));
  expect(empty).toMatchObject({ text: '', pending: undefined, error: null });
});

test('[DEV2] 1,200 updates appended one by one all load back', async ({ page }) => {
  const texts = words('w', 1200);
  await page.evaluate(
    (t) => window.deviceStoreTest.writePart('ch1:2026-01', t, { compactAfter: 5000 }),
    texts,
  );
  expect(await page.evaluate(() => window.deviceStoreTest.records('ch1:2026-01'))).toHaveLength(
    1200,
  );
  await restart(page);
  const part = await page.evaluate(() => window.deviceStoreTest.readPart('ch1:2026-01'));
  expect(part.text).toBe(texts.join(''));
});

test('[DEV2] every update a room makes is on disk once its whenSaved() resolves', async ({
  page,
}) => {
  const { counted, stored } = await page.evaluate(() =>
    window.deviceStoreTest.typeUntilSaved('doc1', 50),
  );
  expect(counted).toBe(50);
  expect(stored).toBe(50);
});

test('[DEV3] compaction replaces the updates with one and keeps the content', async ({ page }) => {
  const texts = words('c', 230);
  await page.evaluate(
    (t) => window.deviceStoreTest.writePart('doc1', t, { compactAfter: 50 }),
    texts,
  );
  const records = await page.evaluate(() => window.deviceStoreTest.records('doc1'));
  expect(records.length).toBeLessThan(50);
  await restart(page);
  expect((await page.evaluate(() => window.deviceStoreTest.readPart('doc1'))).text).toBe(
    texts.join(''),
  );

  // Two tabs on one part: each compaction takes in what the other tab stored.
  await page.evaluate(() => window.deviceStoreTest.twoWriters('doc2', 120, 40));
  const text = (await page.evaluate(() => window.deviceStoreTest.readPart('doc2'))).text;
  for (let i = 0; i < 120; i += 1) {
    expect(text).toContain(`a${i};`);
    expect(text).toContain(`b${i};`);
  }
  expect((await page.evaluate(() => window.deviceStoreTest.records('doc2'))).length).toBeLessThan(
    40,
  );
});

test('[DEV4] revoking a room deletes its parts and nothing of other rooms', async ({ page }) => {
  const parts = ['r1', 'r1:2026-01', 'r1:history', 'r10', 'r1x', 'r2', 'r2:2026-01'];
  for (const part of parts) {
    await page.evaluate((p) => window.deviceStoreTest.writePart(p, [`text of ${p}`], {}, 1), part);
  }
  const summaries = { r1: { title: 'one' }, r10: { title: 'ten' }, r2: { title: 'two' } };
  await page.evaluate((s) => window.deviceStoreTest.summaries(s), summaries);
  await page.evaluate(() => window.deviceStoreTest.deleteRooms(['r1']));
  await restart(page);
  for (const part of parts) {
    const gone = part === 'r1' || part.startsWith('r1:');
    expect(await page.evaluate((p) => window.deviceStoreTest.readPart(p), part)).toMatchObject(
      gone ? { text: '', pending: undefined } : { text: `text of ${part}`, pending: 1 },
    );
  }
  expect(await page.evaluate(() => window.deviceStoreTest.summaries({}))).toEqual({
    r10: { title: 'ten' },
    r2: { title: 'two' },
  });
});

test("[DEV4] revocation through DeviceData also deletes the room's other databases", async ({
  page,
}) => {
  await page.evaluate(() => window.deviceStoreTest.writePart('r1:2026-01', ['mine']));
  await page.evaluate(() => window.deviceStoreTest.writePart('r2', ['theirs']));
  await page.evaluate(() => window.deviceStoreTest.otherDatabase('ws:r1:~ai'));
  await page.evaluate(() => window.deviceStoreTest.otherDatabase('ws:r2:~ai'));
  await page.evaluate(() => window.deviceStoreTest.deviceData('forgetRooms', ['r1']));
  expect(await page.evaluate(() => window.deviceStoreTest.databaseNames())).toEqual([
    'ws:r2:~ai',
    'ws:~workspace',
  ]);
  expect((await page.evaluate(() => window.deviceStoreTest.readPart('r1:2026-01'))).text).toBe('');
  expect((await page.evaluate(() => window.deviceStoreTest.readPart('r2'))).text).toBe('theirs');
});

test('[DEV5] deactivation deletes everything, and open parts stop writing', async ({ page }) => {
  await page.evaluate(() => window.deviceStoreTest.writePart('r1', ['one']));
  await page.evaluate(() => window.deviceStoreTest.summaries({ r1: { title: 'one' } }));
  const summaries = await page.evaluate(() => window.deviceStoreTest.deleteAllWhileOpen('r1'));
  expect(summaries).toEqual({});
  expect(await page.evaluate(() => window.deviceStoreTest.records('r1'))).toEqual([]);
  expect((await page.evaluate(() => window.deviceStoreTest.readPart('after-wipe'))).text).toBe(
    'still usable',
  );

  await page.evaluate(() => window.deviceStoreTest.writePart('r2', ['two']));
  await page.evaluate(() => window.deviceStoreTest.legacyWrite('r3', ['old layout']));
  await page.evaluate(() => window.deviceStoreTest.otherDatabase('ws:r2:~ai'));
  await page.evaluate(() => window.deviceStoreTest.deviceData('forgetAll'));
  expect(await page.evaluate(() => window.deviceStoreTest.databaseNames())).toEqual([
    'ws:~workspace',
  ]);
  expect(await page.evaluate(() => window.deviceStoreTest.records('r2'))).toEqual([]);
});

test('[DEV6] y-indexeddb databases move into the store, identical, and go at the next start', async ({
  page,
}) => {
  const parts = { m1: words('a', 30), 'm1:2026-01': words('b', 5), m2: words('c', 700) };
  for (const [part, texts] of Object.entries(parts)) {
    await page.evaluate(([p, t]) => window.deviceStoreTest.legacyWrite(p, t, 2), [
      part,
      texts,
    ] as const);
  }
  await page.evaluate(() => window.deviceStoreTest.otherDatabase('ws:m1:~ai'));
  const before: Record<string, unknown> = {};
  for (const part of Object.keys(parts)) {
    before[part] = await page.evaluate((p) => window.deviceStoreTest.legacyRead(p), part);
  }
  const raw = await page.evaluate(() => window.deviceStoreTest.legacyRaw('m2'));
  const names = ['ws:m1', 'ws:m1:2026-01', 'ws:m2'];

  await restart(page);
  const first = await page.evaluate(() => window.deviceStoreTest.migrate({ batchSize: 2 }));
  expect(first).toMatchObject({ found: 3, copied: names, deleted: [] });
  expect(first.kept.map(({ reason }) => reason)).toEqual([
    'next-start',
    'next-start',
    'next-start',
  ]);
  // Byte for byte, in y-indexeddb's order (before loading compacts the 700 updates).
  const records = await page.evaluate(() => window.deviceStoreTest.records('m2'));
  expect(records.map(([, bytes]) => bytes)).toEqual(raw.map(({ value }) => value));
  for (const [part, texts] of Object.entries(parts)) {
    const after = await page.evaluate((p) => window.deviceStoreTest.readPart(p), part);
    expect(after).toEqual({ ...(before[part] as object), error: null });
    expect(after.text).toBe(texts.join(''));
  }

  await restart(page);
  const second = await page.evaluate(() => window.deviceStoreTest.migrate());
  expect(second).toMatchObject({ found: 3, copied: names, deleted: names, kept: [] });
  expect(await page.evaluate(() => window.deviceStoreTest.databaseNames())).toEqual([
    'ws:m1:~ai',
    'ws:~workspace',
  ]);
  for (const part of Object.keys(parts)) {
    const after = await page.evaluate((p) => window.deviceStoreTest.readPart(p), part);
    expect(after).toEqual({ ...(before[part] as object), error: null });
  }
});

test('[DEV6] a part opened during the migration waits only for its own database', async ({
  page,
}) => {
  for (let i = 0; i < 40; i += 1) {
    await page.evaluate((n) => window.deviceStoreTest.legacyWrite(`q${n}`, [`part ${n}`]), i);
  }
  const opened = await page.evaluate(() => window.deviceStoreTest.openDuringMigration('q39', 4));
  expect(opened.text).toBe('part 39');
  expect(opened.batches).toBe(10);
  // The batch under way when the part was opened, then the part's own.
  expect(opened.copiedBefore).toBeLessThanOrEqual(2);
});

test('[DEV7] a migration interrupted before its copy commits keeps the old data', async ({
  page,
}) => {
  await page.evaluate(() => window.deviceStoreTest.legacyWrite('i1', ['first ', 'second'], 4));
  const raw = await page.evaluate(() => window.deviceStoreTest.legacyRaw('i1'));

  const interrupted = await page.evaluate(() =>
    window.deviceStoreTest.migrate({ interruptAt: 'copying' }),
  );
  expect(interrupted).toMatchObject({
    copied: [],
    deleted: [],
    kept: [{ name: 'ws:i1', reason: 'interrupted' }],
  });
  expect(await page.evaluate(() => window.deviceStoreTest.records('i1'))).toEqual([]);
  expect(await page.evaluate(() => window.deviceStoreTest.legacyRaw('i1'))).toEqual(raw);

  await restart(page);
  expect(await page.evaluate(() => window.deviceStoreTest.migrate())).toMatchObject({
    copied: ['ws:i1'],
    kept: [{ name: 'ws:i1', reason: 'next-start' }],
  });
  expect(await page.evaluate(() => window.deviceStoreTest.migrate())).toMatchObject({
    deleted: ['ws:i1'],
    kept: [],
  });
  expect(await page.evaluate(() => window.deviceStoreTest.readPart('i1'))).toMatchObject({
    text: 'first second',
    pending: 4,
  });
});

test('[DEV7] interrupted between copy and deletion: the rerun copies nothing twice', async ({
  page,
}) => {
  const texts = words('x', 12);
  await page.evaluate((t) => window.deviceStoreTest.legacyWrite('i2', t), texts);
  await page.evaluate(() => window.deviceStoreTest.migrate());
  const records = await page.evaluate(() => window.deviceStoreTest.records('i2'));
  expect(records).toHaveLength(13); // y-indexeddb's first record and the 12 updates
  expect(
    await page.evaluate(() => window.deviceStoreTest.migrate({ interruptAt: 'found' })),
  ).toMatchObject({ deleted: [], kept: [{ name: 'ws:i2', reason: 'interrupted' }] });
  expect(await page.evaluate(() => window.deviceStoreTest.migrate())).toMatchObject({
    deleted: ['ws:i2'],
    kept: [],
  });
  expect(await page.evaluate(() => window.deviceStoreTest.records('i2'))).toEqual(records);
  expect((await page.evaluate(() => window.deviceStoreTest.readPart('i2'))).text).toBe(
    texts.join(''),
  );
});

test('[DEV7] what an older tab writes after the copy is copied before the database goes', async ({
  page,
}) => {
  await page.evaluate(() => window.deviceStoreTest.legacyWrite('h1', ['before ']));
  await page.evaluate(() => window.deviceStoreTest.holdLegacy('h1'));
  expect(await page.evaluate(() => window.deviceStoreTest.migrate())).toMatchObject({
    copied: ['ws:h1'],
    kept: [{ name: 'ws:h1', reason: 'next-start' }],
  });
  // The older tab types while the next start is about to delete its database.
  expect(
    await page.evaluate(() => window.deviceStoreTest.migrate({ typeInHeldAt: 'found' })),
  ).toMatchObject({ deleted: [], kept: [{ name: 'ws:h1', reason: 'changed' }] });
  await page.evaluate(() => window.deviceStoreTest.releaseHeld());
  expect(await page.evaluate(() => window.deviceStoreTest.migrate())).toMatchObject({
    kept: [{ name: 'ws:h1', reason: 'next-start' }],
  });
  expect(await page.evaluate(() => window.deviceStoreTest.migrate())).toMatchObject({
    deleted: ['ws:h1'],
    kept: [],
  });
  expect((await page.evaluate(() => window.deviceStoreTest.readPart('h1'))).text).toBe(
    'before late',
  );
});

test('[DEV8] unreadable records fail their part clearly and lose nothing else', async ({
  page,
}) => {
  await page.evaluate(() => window.deviceStoreTest.writePart('bad', ['kept ', 'text']));
  await page.evaluate(() => window.deviceStoreTest.writePart('good', ['fine']));
  const [first] = await page.evaluate(() => window.deviceStoreTest.records('bad'));
  const whole = first![1] as number[];
  await page.evaluate(() => window.deviceStoreTest.putRecord('bad', 50, 'not an update'));
  await page.evaluate(
    (bytes) => window.deviceStoreTest.putRecord('bad', 51, new Uint8Array(bytes.slice(0, -3))),
    whole,
  );

  const bad = await page.evaluate(() => window.deviceStoreTest.readPart('bad'));
  expect(bad.text).toBe('kept text');
  expect(bad.error).toMatchObject({
    name: 'PartLoadError',
    problems: [
      { kind: 'not-bytes', seq: 50, found: 'string' },
      { kind: 'undecodable', seq: 51 },
    ],
  });
  expect(bad.error?.message).toContain('room part "bad"');
  expect(await page.evaluate(() => window.deviceStoreTest.readPart('good'))).toMatchObject({
    text: 'fine',
    error: null,
  });

  // New edits are still stored, and compaction never drops the unreadable records.
  await page.evaluate(() => window.deviceStoreTest.writePart('bad', ['!'], { compactAfter: 2 }));
  const records = await page.evaluate(() => window.deviceStoreTest.records('bad'));
  expect(records.map(([seq]) => seq)).toEqual(expect.arrayContaining([50, 51]));
  expect(records.length).toBe(5);
  expect((await page.evaluate(() => window.deviceStoreTest.readPart('bad'))).text).toBe(
    'kept text!',
  );
});

test('[DEV8] an unreadable record in a y-indexeddb database is moved as it is', async ({
  page,
}) => {
  await page.evaluate(() => window.deviceStoreTest.legacyWrite('lb', ['legacy text']));
  await page.evaluate(() =>
    window.deviceStoreTest.legacyPut('ws:lb', 'updates', 99, { not: 'bytes' }),
  );
  expect(await page.evaluate(() => window.deviceStoreTest.migrate())).toMatchObject({
    copied: ['ws:lb'],
    kept: [{ name: 'ws:lb', reason: 'next-start' }],
  });
  const part = await page.evaluate(() => window.deviceStoreTest.readPart('lb'));
  expect(part.text).toBe('legacy text');
  expect(part.error?.problems).toEqual([
    { kind: 'not-bytes', seq: expect.any(Number), found: 'Object' },
  ]);
});

test('[DEV9] summaries are read all at once and put one by one', async ({ page }) => {
  const rows = Object.fromEntries(
    Array.from({ length: 300 }, (_, i) => [`room${i}`, { title: `Room ${i}`, unread: i % 5 }]),
  );
  await page.evaluate((r) => window.deviceStoreTest.summaries(r), rows);
  await restart(page);
  expect(await page.evaluate(() => window.deviceStoreTest.summaries({}))).toEqual(rows);
});
