/**
 * Opening "To approve" with 5,000 requests waiting (issue 15): the owner clicks
 * Approvals in the main nav of the real app (Chromium, built client, real relay on
 * SQLite) and waits for the box's first page of rows; beside it, in the same run, the
 * same page with 50 waiting (the floor: one full page, nothing else), and the relay's
 * answer to the box's first page alone (GET, median of 30) at both sizes. The box is
 * paged by the relay (50 rows), so opening it should cost the same at any size.
 *
 *   npx vite build && node --import tsx bench/approvals-box.ts   (BENCH_REQUESTS=5000)
 */
import { randomUUID } from 'node:crypto';
import { chromium, type Page } from '@playwright/test';
import { ActionResult, TemplateRecord } from '../shared/api/approvals.js';
import { Me } from '../shared/api/schemas.js';
import { ApiClient } from '../tests/support/api-client.js';
import { E2E_OWNER, launchE2eRelay } from '../tests/support/e2e-relay.js';
import { invitePerson, type Person } from '../tests/support/workspace-people.js';
import { fmt, markdownTable, ms, percentile, progress } from './lib/report.js';

const WAITING = Number(process.env.BENCH_REQUESTS ?? 5000);
const PAGE = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

async function submit(member: Person, templateId: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await member.api.ok(ActionResult, 'POST', '/approvals/requests', {
      actionId: randomUUID(),
      templateId,
      form: { note: `Taxi to the airport ${i}` },
    });
    if (i % 500 === 499) progress(`submitted ${i + 1} of ${count}`);
  }
}

/** Median ms of the relay answering the box's first page. */
async function firstPageMs(owner: Person): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    await owner.api.call('GET', '/approvals/requests?box=toApprove');
    times.push(performance.now() - started);
  }
  return percentile(times, 50);
}

/** Median ms from the nav click to the box's first page of rows drawn. */
async function openBoxMs(page: Page): Promise<number> {
  const times: number[] = [];
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (let i = 0; i < ROUNDS; i++) {
    await nav.getByRole('link', { name: 'Home', exact: true }).click();
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
    const started = performance.now();
    await nav.locator('a[href="/approvals"]').click();
    await page.waitForFunction(
      (rows) => document.querySelectorAll('ul[aria-label="To approve"] > li').length === rows,
      PAGE,
    );
    times.push(performance.now() - started);
  }
  return percentile(times, 50);
}

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
try {
  const api = new ApiClient(relay.url);
  const me = await api.ok(Me, 'POST', '/auth/login', {
    email: E2E_OWNER.email,
    password: E2E_OWNER.password,
  });
  const owner: Person = { id: me.user.id, email: me.user.email, api };
  const member = await invitePerson({ httpUrl: relay.url }, owner);
  const template = await owner.api.ok(TemplateRecord, 'POST', '/approvals/templates', {
    name: 'Travel',
    fields: [{ id: 'note', label: 'Note', type: 'text', required: true }],
    flow: [
      { kind: 'approve', id: 's', mode: 'any', approvers: [{ kind: 'people', ids: [owner.id] }] },
    ],
  });
  const context = await browser.newContext({ baseURL: relay.url, serviceWorkers: 'block' });
  const login = await context.request.post('/api/auth/login', {
    data: { email: E2E_OWNER.email, password: E2E_OWNER.password },
  });
  if (!login.ok()) throw new Error(`login: ${login.status()} ${await login.text()}`);
  const page = await context.newPage();
  await page.goto('/');

  const rows: string[][] = [];
  const measure = async (waiting: number) => {
    const get = await firstPageMs(owner);
    const open = await openBoxMs(page);
    progress(`${waiting} waiting: GET ${ms(get)}, open ${ms(open)}`);
    rows.push([fmt(waiting), ms(get), ms(open)]);
    return open;
  };
  await submit(member, template.template.id, PAGE);
  const floor = await measure(PAGE);
  await submit(member, template.template.id, WAITING - PAGE);
  const big = await measure(WAITING);
  console.log(`### Opening "To approve" (Chromium, embedded relay, median of ${ROUNDS})\n`);
  console.log(
    markdownTable(
      ['requests waiting', 'relay: GET first page (median of 30)', 'click → 50 rows drawn'],
      rows,
    ),
  );
  console.log(`\n${fmt(WAITING)} waiting vs the 50-waiting floor: ${(big / floor).toFixed(2)}×`);
} finally {
  await browser.close();
  await relay.dispose();
}
