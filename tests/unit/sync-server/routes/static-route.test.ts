import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticRoute } from '../../../../sync-server/src/routes/static-route.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ws-static-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(dir, 'assets', 'ChatPage-abc.js'), 'export const chat = 1;');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('static route', () => {
  it('[LOAD3] a chunk the build does not have is a 404, not the app shell', async () => {
    const app = staticRoute(dir);
    const present = await app.request('/assets/ChatPage-abc.js');
    expect(present.status).toBe(200);
    expect(await present.text()).toContain('chat');

    const stale = await app.request('/assets/ChatPage-old.js');
    expect(stale.status).toBe(404);
    expect(stale.headers.get('Cache-Control')).not.toContain('immutable');
    expect(await stale.text()).not.toContain('<!doctype html>');

    const page = await app.request('/chat/general');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>app</title>');
  });
});
