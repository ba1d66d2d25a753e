/**
 * A workspace of 2,000 rooms in a real browser (Debian's Chromium) against a real
 * relay child process (SQLite, fresh DATA_DIR) serving the built client:
 *
 * - fresh device: from opening the app signed in until the indicator says every
 *   room is on the device (data-rooms-current == data-rooms > 0), JS heap then;
 * - warm device: reload; from navigation start until the chat sidebar shows every
 *   unread channel with its right count (and no other badge), JS heap then;
 * - catch-up: the page closed, 100 read channels get a message from Node; a new
 *   page, from navigation start until those 100 show "1 unread" and every room is
 *   current, and the bytes the page's WebSocket received meanwhile next to the
 *   bytes of the 100 updates;
 * - WebSockets each page opened, and the relay's /healthz connections;
 * - page switches in the caught-up tab: Home, Chat, Docs, Tasks, then Home and Chat
 *   again, each from the nav click until the page is usable, with the main thread's
 *   busy time until then and in the second after (bench/lib/page-switch.ts), and the
 *   room parts the tab subscribed to for Home (Home reads summaries, opens none).
 *
 * PROFILE_DIR=/tmp/prof writes a CPU profile of each page's first visit there.
 *
 *   npm run build && node --import tsx bench/workspace-scale.ts
 *
 * Channels get their history through the client's real v2 transport from Node
 * (bench/lib/scale-seed.ts); the measured person is the workspace owner.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { z } from 'zod';
import { Me } from '../shared/api/schemas.js';
import { MessageType } from '../shared/protocol/message-types.js';
import { parseMux } from '../shared/protocol/mux.js';
import { ApiClient } from '../tests/support/api-client.js';
import { E2E_OWNER, launchE2eRelay } from '../tests/support/e2e-relay.js';
import { createMuxClient } from '../tests/support/mux-client.js';
import { switchPages } from './lib/page-switch.js';
import { markdownTable, mib, ms, fmt, progress } from './lib/report.js';
import { postInEach, seedScale, type ScaleCounts } from './lib/scale-seed.js';

const counts: ScaleCounts = {
  channels: Number(process.env.SCALE_CHANNELS ?? 1200),
  docs: Number(process.env.SCALE_DOCS ?? 600),
  projects: Number(process.env.SCALE_PROJECTS ?? 200),
  messages: Number(process.env.SCALE_MESSAGES ?? 20),
  unread: Number(process.env.SCALE_UNREAD ?? 50),
};
const CHANGED = Number(process.env.SCALE_CHANGED ?? 100);
const HEAD_BYTES_PER_ROOM = 40;
const LONG = 30 * 60_000;

/** A tab whose WebSockets and received WebSocket bytes are counted. */
interface Tab {
  page: Page;
  sockets: () => number;
  received: () => number;
  /** Received bytes by what they carried (mux frame kind, and inside `room` frames, the v1 type). */
  receivedBy: Map<string, number>;
  /** Room parts listed in the feed frames received. */
  feedHeads: () => number;
  /** Distinct room parts that `room` frames came for. */
  partsSynced: Set<string>;
  /** What the tab sent: the cursor of each hello, room ids asked for with `heads`, parts subscribed. */
  sent: { helloCursors: number[]; headsAsked: number; subscribed: number };
}

const syncTypes = ['sync step 1', 'sync step 2', 'sync update'];

function carried(frame: ReturnType<typeof parseMux>): string {
  if (frame.kind !== 'room') return frame.kind;
  const [type, subtype] = frame.frame;
  if (type === MessageType.sync) return `room: ${syncTypes[subtype ?? 0] ?? 'sync'}`;
  if (type === MessageType.confirm) return 'room: confirm';
  if (type === MessageType.awareness) return 'room: awareness';
  return `room: type ${type}`;
}

async function openTab(context: BrowserContext): Promise<Tab> {
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  let sockets = 0;
  let received = 0;
  let feedHeads = 0;
  const receivedBy = new Map<string, number>();
  const partsSynced = new Set<string>();
  const sent = { helloCursors: [] as number[], headsAsked: 0, subscribed: 0 };
  page.on('websocket', (ws) => {
    sockets += 1;
    ws.on('framesent', ({ payload }) => {
      if (typeof payload === 'string') return;
      const frame = parseMux(new Uint8Array(payload));
      if (frame.kind === 'hello') sent.helloCursors.push(frame.cursor);
      if (frame.kind === 'heads') sent.headsAsked += frame.roomIds.length;
      if (frame.kind === 'subscribe') sent.subscribed += 1;
    });
    ws.on('framereceived', ({ payload }) => {
      const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
      received += bytes.byteLength;
      const frame = parseMux(new Uint8Array(bytes));
      if (frame.kind === 'feed') feedHeads += frame.heads.length;
      if (frame.kind === 'room') partsSynced.add(frame.room);
      const label = carried(frame);
      receivedBy.set(label, (receivedBy.get(label) ?? 0) + bytes.byteLength);
    });
  });
  return {
    page,
    sockets: () => sockets,
    received: () => received,
    receivedBy,
    feedHeads: () => feedHeads,
    partsSynced,
    sent,
  };
}

/** Used JS heap after a full GC, through CDP. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/**
 * Resolves with performance.now() (ms since this page's navigation start) once every
 * room is current, and, when `badges` is given, the sidebar shows exactly those
 * unread counts (channel id -> count) and no other.
 */
async function until(page: Page, badges: Record<string, number> | null): Promise<number> {
  const handle = await page.waitForFunction(
    (expected) => {
      const status = document.querySelector('.connection[data-rooms]');
      const rooms = Number(status?.getAttribute('data-rooms') ?? 0);
      const current = Number(status?.getAttribute('data-rooms-current') ?? -1);
      if (!(rooms > 0 && current === rooms)) return false;
      if (expected) {
        const shown = document.querySelectorAll('.chat-room-link [data-testid="unread-count"]');
        if (shown.length !== Object.keys(expected).length) return false;
        for (const badge of shown) {
          const id = badge.closest('a')?.getAttribute('href')?.split('/').pop() ?? '';
          if (expected[id] !== Number(badge.textContent)) return false;
        }
      }
      return performance.now();
    },
    badges,
    { timeout: LONG, polling: 10 },
  );
  return (await handle.jsonValue()) as number;
}

async function relayConnections(url: string): Promise<string> {
  const health = z
    .object({ connections: z.number() })
    .safeParse(await (await fetch(`${url}/healthz`)).json());
  return health.success ? String(health.data.connections) : 'not reported';
}

async function main(): Promise<void> {
  const relay = await launchE2eRelay();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const rows: string[][] = [];
  const row = (what: string, value: string, target = '') => rows.push([what, value, target]);
  try {
    const api = new ApiClient(relay.url);
    const me = await api.ok(Me, 'POST', '/auth/login', {
      email: E2E_OWNER.email,
      password: E2E_OWNER.password,
    });
    const writer = createMuxClient(`${relay.url.replace('http', 'ws')}/sync`, await api.token());
    const seedStart = performance.now();
    const seeded = await seedScale(api, writer, me.user.id, counts, progress);
    progress(`seeded in ${fmt((performance.now() - seedStart) / 1000)} s`);
    const allRead = Object.fromEntries(seeded.unread);

    const context = await browser.newContext({ baseURL: relay.url, serviceWorkers: 'block' });
    const login = await context.request.post('/api/auth/login', {
      data: { email: E2E_OWNER.email, password: E2E_OWNER.password },
    });
    if (!login.ok()) throw new Error(`login: ${login.status()}`);

    const first = await openTab(context);
    const opened = Date.now();
    await first.page.goto('/chat');
    await until(first.page, null);
    const fresh = Date.now() - opened;
    const freshHeap = await heapAfterGc(first.page);
    progress(`fresh device: ${ms(fresh)}`);
    // The summaries must be on the device before a reload can show them.
    await until(first.page, allRead);
    const whileOpen = await relayConnections(relay.url);
    const firstLoadSockets = first.sockets();

    await first.page.reload();
    const warm = await until(first.page, allRead);
    const warmHeap = await heapAfterGc(first.page);
    progress(`warm device: ${ms(warm)}`);
    await first.page.close();

    const changed = seeded.channels.filter((id) => !seeded.unread.has(id)).slice(0, CHANGED);
    const changeBytes = await postInEach(writer, changed);
    const second = await openTab(context);
    await second.page.goto('/chat');
    const caught = await until(second.page, {
      ...allRead,
      ...Object.fromEntries(changed.map((id) => [id, 1])),
    });
    const caughtBytes = second.received();
    const budget = (changeBytes + HEAD_BYTES_PER_ROOM * changed.length) * 1.5;

    const rooms = counts.channels + counts.docs + counts.projects;
    row(
      'rooms readable (channels / docs / projects)',
      `${fmt(rooms)} (${counts.channels} / ${counts.docs} / ${counts.projects})`,
    );
    row(
      'WebSockets per tab (fresh load / its reload / catch-up tab)',
      `${firstLoadSockets} / ${first.sockets() - firstLoadSockets} / ${second.sockets()}`,
      '1',
    );
    row(
      'relay /healthz `connections` (peers: subscriptions open; one tab open / after catch-up)',
      `${whileOpen} / ${await relayConnections(relay.url)}`,
    );
    row('fresh device: open → every room on the device', ms(fresh));
    row('fresh device: JS heap after GC', mib(freshHeap));
    row(
      `warm device: navigation → ${seeded.unread.size} unread badges right, all rooms current`,
      ms(warm),
      '< 1 s',
    );
    row('warm device: JS heap after GC', mib(warmHeap), '< 80 MiB');
    row(
      `catch-up: navigation → ${changed.length} changed channels unread, all rooms current`,
      ms(caught),
      '< 3 s',
    );
    row(`catch-up: WebSocket bytes received`, `${fmt(caughtBytes)} B`, `≤ ${fmt(budget)} B`);
    row(
      `catch-up: the ${changed.length} updates themselves + 40 B × ${changed.length}`,
      `${fmt(changeBytes)} B + ${fmt(HEAD_BYTES_PER_ROOM * changed.length)} B`,
    );
    row(
      'catch-up: received / (updates + heads)',
      `${fmt(caughtBytes / (budget / 1.5), 2)}×`,
      '≤ 1.5×',
    );
    const breakdown = [...second.receivedBy]
      .sort((a, b) => b[1] - a[1])
      .map(([label, bytes]) => `${label} ${fmt(bytes)} B`)
      .join(', ');
    row('catch-up: received bytes by content', breakdown);
    row(
      'catch-up: the tab sent hello with cursor / asked `heads` of rooms',
      `${second.sent.helloCursors.join(', ')} / ${fmt(second.sent.headsAsked)}`,
    );
    row(
      'catch-up: room parts listed in feed frames / synced over the socket',
      `${fmt(second.feedHeads())} / ${fmt(second.partsSynced.size)}`,
    );

    const beforeHome = second.sent.subscribed;
    const home = await switchPages(second.page, ['Home'], counts, progress);
    const homeSubscribed = second.sent.subscribed - beforeHome;
    const order = ['Chat', 'Docs', 'Tasks', 'Home', 'Chat'] as const;
    const switches = await switchPages(second.page, order, counts, progress);
    for (const figures of [...home, ...switches]) {
      row(
        `switch to ${figures.page}: click → usable (main thread busy until then / in the second after)`,
        `${ms(figures.usable)} (${ms(figures.busy)} / ${ms(figures.after)})`,
        figures.page === 'Home' ? '< 1 s' : '',
      );
    }
    row('room parts the tab subscribed to for its first Home visit', fmt(homeSubscribed), '0');
    writer.destroy();
    await context.close();
  } finally {
    await browser.close();
    await relay.dispose();
  }
  process.stdout.write(
    `### Workspace scale (${fmt(counts.channels + counts.docs + counts.projects)} rooms, ${counts.messages} messages per channel)\n\n` +
      `${markdownTable(['measure', 'figure', 'target'], rows)}\n`,
  );
}

await main();
