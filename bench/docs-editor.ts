/**
 * Docs editor in a real browser (Debian's Chromium) against a real relay child
 * process, with the automerge-paper trace's final text (about 105k characters):
 *
 * - open: a fresh browser profile (empty IndexedDB) opens the doc until the last
 *   words are on screen, in the Tiptap editor (/docs/:id, Y.XmlFragment) and, as
 *   the baseline in the same run, in the plain textarea room view bound to a
 *   Y.Text with the same text (/rooms/:id);
 * - keystroke to remote screen: person A presses a key at the end of the doc, and
 *   person B's page notices the character on screen (both pages read the same
 *   clock), again for the editor and for the textarea baseline.
 *
 *   npm run build && node --import tsx bench/docs-editor.ts
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type * as Y from 'yjs';
import { writeDocJson } from '../client/src/workspace/docs/write-doc.js';
import { E2E_OWNER, launchE2eRelay } from '../tests/support/e2e-relay.js';
import { createTestClient } from '../tests/support/test-client.js';
import { loadTrace, traceAvailable } from '../tests/support/editing-traces.js';
import { fmt, markdownTable, ms, percentile, progress } from './lib/report.js';

const OPEN_RUNS = Number(process.env.BENCH_RUNS ?? 3);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 30);

declare global {
  interface Window {
    benchSeen?: Promise<number>;
  }
}

async function signedIn(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  const response = await context.request.post('/api/auth/login', {
    data: { email: E2E_OWNER.email, password: E2E_OWNER.password },
  });
  if (!response.ok()) throw new Error(`login: ${response.status()}`);
  return context;
}

async function createRoom(context: BrowserContext, id: string, title: string): Promise<void> {
  const response = await context.request.post('/api/rooms', {
    data: { id, kind: 'doc', title, access: { workspace: 'write', groups: [], users: [] } },
  });
  if (!response.ok()) throw new Error(`create room: ${response.status()}`);
}

async function seed(wsUrl: string, token: string, room: string, fill: (doc: Y.Doc) => void) {
  const client = createTestClient(wsUrl, room, { token, confirm: true });
  await client.synced();
  fill(client.doc);
  await client.allConfirmed();
  client.destroy();
}

const median = (xs: number[]) => percentile(xs, 50);

/** Which element shows the text in each view, and how to read its last bit cheaply. */
const views = {
  editor: { path: (id: string) => `/docs/${id}`, selector: '.doc-body' },
  textarea: { path: (id: string) => `/rooms/${id}`, selector: 'textarea' },
} as const;
type View = keyof typeof views;

async function armSeen(page: Page, view: View, token: string): Promise<void> {
  // A string, not a function: tsx's name-keeping helpers do not exist in the page.
  const read =
    view === 'textarea'
      ? 'element.value.slice(-40)'
      : "(element.lastElementChild ? element.lastElementChild.textContent : '')";
  await page.evaluate(`(() => {
    const element = document.querySelector(${JSON.stringify(views[view].selector)});
    window.benchSeen = new Promise(function (resolve) {
      function check() {
        if (${read}.includes(${JSON.stringify(token)})) resolve(Date.now());
        else setTimeout(check, 0);
      }
      check();
    });
  })()`);
}

async function openTime(browser: Browser, baseURL: string, view: View, id: string, text: string) {
  const context = await signedIn(browser, baseURL);
  const page = await context.newPage();
  // The last words of the last non-empty line (the editor shows lines as paragraphs).
  const end = text.trimEnd().split('\n').at(-1)!.slice(-20);
  const started = Date.now();
  await page.goto(views[view].path(id));
  await page.waitForFunction(
    ({ selector, end, textarea }) => {
      const element = document.querySelector(selector);
      if (!element) return false;
      const value = textarea ? (element as HTMLTextAreaElement).value : (element.textContent ?? '');
      return value.includes(end);
    },
    { selector: views[view].selector, end, textarea: view === 'textarea' },
    { timeout: 120_000, polling: 5 },
  );
  const elapsed = Date.now() - started;
  await context.close();
  return elapsed;
}

async function latencies(browser: Browser, baseURL: string, view: View, id: string) {
  const a = await (await signedIn(browser, baseURL)).newPage();
  const b = await (await signedIn(browser, baseURL)).newPage();
  for (const page of [a, b]) {
    await page.goto(views[view].path(id));
    await page.waitForSelector(views[view].selector);
  }
  await a.click(views[view].selector);
  await a.keyboard.press('ControlOrMeta+End');
  const out: number[] = [];
  for (let i = 0; i < KEYSTROKES; i += 1) {
    await a.keyboard.type(` k${i}`);
    await armSeen(b, view, `k${i}.`);
    const before = await a.evaluate(() => Date.now());
    await a.keyboard.press('.');
    out.push((await b.evaluate(() => window.benchSeen!)) - before);
  }
  await a.context().close();
  await b.context().close();
  return out;
}

async function main(): Promise<void> {
  if (!traceAvailable('automerge-paper')) throw new Error('automerge-paper trace not found');
  const text = loadTrace('automerge-paper').endContent;
  const relay = await launchE2eRelay();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const owner = await signedIn(browser, relay.url);
    const token = (
      (await (await owner.request.post('/api/auth/token')).json()) as { token: string }
    ).token;
    const wsUrl = `${relay.url.replace('http', 'ws')}/sync`;
    const paragraphs = text
      .split('\n')
      .map((line) =>
        line
          ? { type: 'paragraph', content: [{ type: 'text', text: line }] }
          : { type: 'paragraph' },
      );
    const rooms: Record<View, string> = {
      editor: 'benchDocEditor0001',
      textarea: 'benchDocTextarea001',
    };
    await createRoom(owner, rooms.editor, 'Paper (editor)');
    await createRoom(owner, rooms.textarea, 'Paper (textarea)');
    await seed(wsUrl, token, rooms.editor, (doc) =>
      writeDocJson(doc, { type: 'doc', content: paragraphs }),
    );
    await seed(wsUrl, token, rooms.textarea, (doc) => doc.getText('body').insert(0, text));
    progress(`seeded ${text.length} characters, ${paragraphs.length} paragraphs`);

    const rows: string[][] = [];
    const opens: Record<View, number[]> = { editor: [], textarea: [] };
    for (let run = 0; run < OPEN_RUNS; run += 1) {
      // Alternate the order so neither view always runs on a warmer machine.
      const order: View[] = run % 2 ? ['textarea', 'editor'] : ['editor', 'textarea'];
      for (const view of order) {
        opens[view].push(await openTime(browser, relay.url, view, rooms[view], text));
      }
    }
    const typed: Record<View, number[]> = {
      editor: await latencies(browser, relay.url, 'editor', rooms.editor),
      textarea: await latencies(browser, relay.url, 'textarea', rooms.textarea),
    };
    for (const view of ['editor', 'textarea'] as View[]) {
      rows.push([
        view === 'editor' ? 'Tiptap editor (Y.XmlFragment)' : 'baseline: textarea (Y.Text)',
        `${ms(median(opens[view]))} (${fmt(Math.min(...opens[view]))}–${fmt(Math.max(...opens[view]))})`,
        ms(median(typed[view])),
        ms(percentile(typed[view], 95)),
      ]);
    }
    const ratio = median(opens.editor) / median(opens.textarea);
    process.stdout.write(
      `### Docs editor: ${text.length.toLocaleString('en')}-character automerge-paper text\n\n` +
        markdownTable(
          [
            'view',
            `open, fresh profile (median of ${OPEN_RUNS}, range)`,
            `keystroke → other screen, median of ${KEYSTROKES}`,
            'p95',
          ],
          rows,
        ) +
        `\n\nOpening in the editor takes ${fmt(ratio, 2)}× the textarea baseline.\n`,
    );
  } finally {
    await browser.close();
    await relay.dispose();
  }
}

await main();
