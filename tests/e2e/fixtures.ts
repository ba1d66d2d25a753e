import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_OWNER, launchE2eRelay, type E2eRelay } from '../support/e2e-relay.js';
import { installTinyModels } from '../support/tiny-models/install.js';

export { expect };

export interface AppPage {
  context: BrowserContext;
  page: Page;
}

export interface Credentials {
  email: string;
  password: string;
}

export interface Person extends Credentials {
  name: string;
}

export const OWNER: Person = E2E_OWNER;

interface OpenOptions {
  /** Who is signed in when the page opens; null for nobody. Defaults to the owner. */
  as?: Credentials | null;
}

interface Fixtures {
  /** Serve the generated tiny AI models from the relay (default: no model installed). */
  aiModels: boolean;
  /** The real relay for this test: fresh data directory, own port, own workspace. */
  relay: E2eRelay;
  /**
   * Opens the app in a fresh browser context (own IndexedDB, service worker and
   * cookies), signed in through the API the way the sign-in form does it.
   */
  openApp: (path?: string, options?: OpenOptions) => Promise<AppPage>;
}

let tinyModels: Promise<string> | null = null;
/** The tiny models (tests/support/tiny-models), generated once per test process. */
function tinyModelsDir(): Promise<string> {
  tinyModels ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ws-models-'));
    await installTinyModels(dir);
    return dir;
  })();
  return tinyModels;
}

export const test = base.extend<Fixtures>({
  aiModels: [false, { option: true }],
  relay: async ({ aiModels }, use) => {
    const relay = await launchE2eRelay(aiModels ? { modelsDir: await tinyModelsDir() } : {});
    await use(relay);
    await relay.dispose();
  },
  openApp: async ({ browser, relay }, use) => {
    const contexts: BrowserContext[] = [];
    const dialogs: string[] = [];
    await use(async (path = '/', { as = OWNER } = {}) => {
      const context = await browser.newContext({ baseURL: relay.url });
      contexts.push(context);
      if (as) await signIn(context, as);
      return openPage(context, path, as !== null, dialogs);
    });
    for (const context of contexts) await context.close();
    // The app asks in its own dialogs; a browser alert, confirm or prompt is a defect.
    expect(dialogs, 'browser dialogs the app opened').toEqual([]);
  },
});

/** POST /api/auth/login from the context: its cookie jar is the browser's. */
export async function signIn(context: BrowserContext, who: Credentials): Promise<void> {
  const response = await context.request.post('/api/auth/login', {
    data: { email: who.email, password: who.password },
  });
  expect(response.status(), await response.text()).toBe(200);
}

async function openPage(
  context: BrowserContext,
  path: string,
  signedIn: boolean,
  dialogs: string[],
): Promise<AppPage> {
  const page = await context.newPage();
  // Reloading with unsaved changes asks "leave site?"; a person would confirm. Any
  // other browser dialog is dismissed and recorded: the test fails on it at the end.
  page.on('dialog', (dialog) => {
    if (dialog.type() !== 'beforeunload') dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void (dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss());
  });
  await page.goto(path);
  await expect(page.getByRole('main')).toBeVisible();
  if (signedIn) await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  return { context, page };
}

/**
 * Makes a new person through the API: an invite from `admin`'s session, accepted in
 * `context` (which is then signed in as them). Returns their user id.
 */
export async function addPerson(
  admin: BrowserContext,
  context: BrowserContext,
  person: Person,
  role: 'admin' | 'member' | 'guest' = 'member',
): Promise<string> {
  const invite = await admin.request.post('/api/invites', { data: { role } });
  expect(invite.status(), await invite.text()).toBe(201);
  const { token } = (await invite.json()) as { token: string };
  const accepted = await context.request.post(`/api/invites/${encodeURIComponent(token)}/accept`, {
    data: person,
  });
  expect(accepted.status(), await accepted.text()).toBe(200);
  const me = (await accepted.json()) as { user: { id: string } };
  return me.user.id;
}

export function scratchpad(page: Page) {
  return page.getByRole('textbox', { name: 'Team scratchpad' });
}

/** The avatar button that opens the account menu (theme, settings, sign out). */
export function accountButton(page: Page) {
  return page.getByRole('button', { name: /account and settings$/ });
}

/** Picks a theme in the account menu, then closes it. */
export async function chooseTheme(page: Page, theme: 'Light' | 'Dark' | 'System'): Promise<void> {
  await accountButton(page).click();
  await page
    .getByRole('dialog', { name: 'Account and settings' })
    .getByRole('radio', { name: theme })
    .check();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Account and settings' })).toBeHidden();
}

export async function signOut(page: Page): Promise<void> {
  await accountButton(page).click();
  await page
    .getByRole('dialog', { name: 'Account and settings' })
    .getByRole('button', { name: 'Sign out' })
    .click();
}

export function indicator(page: Page) {
  return page.getByRole('status').filter({ has: page.locator('.connection-state') });
}

/** Waits until the local copy is loaded, then types at the end of the scratchpad. */
export async function appendToScratchpad(page: Page, text: string): Promise<void> {
  const pad = scratchpad(page);
  await expect(pad).toHaveAttribute('data-loaded', 'true');
  await pad.focus();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(text);
}

export async function expectAllSaved(page: Page): Promise<void> {
  await expect(indicator(page)).toHaveAttribute('data-status', 'synced');
  await expect(indicator(page)).toContainText('All changes saved on the relay');
}

/** Every edit so far is committed to IndexedDB, so a reload cannot lose it. */
export async function expectSavedOnDevice(page: Page): Promise<void> {
  await expect(indicator(page)).toHaveAttribute('data-saved-locally', 'true');
}

/** Room parts with data on this device, as `ws:<part>` (see below). */
export function roomDatabases(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    // Room parts kept in the workspace store (client/src/sync/device-store/), named as
    // their own databases were before it (`ws:<part>`), plus every other `ws:` database
    // (AI vectors `ws:<room>:~ai`, anything not migrated), without the store and the feed
    // ledger themselves: so "no room data left" is an empty list either way.
    const names = (await indexedDB.databases()).map((db) => db.name ?? '');
    const parts = new Set<string>();
    if (names.includes('ws:~workspace')) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('ws:~workspace');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('cannot open ws:~workspace'));
      });
      try {
        if (db.objectStoreNames.contains('updates')) {
          const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
            const request = db
              .transaction('updates', 'readonly')
              .objectStore('updates')
              .getAllKeys();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error ?? new Error('cannot read updates'));
          });
          for (const key of keys) if (Array.isArray(key)) parts.add(`ws:${String(key[0])}`);
        }
      } finally {
        db.close();
      }
    }
    for (const name of names)
      if (name.startsWith('ws:') && name !== 'ws:~workspace' && name !== 'ws:~feed')
        parts.add(name);
    return [...parts].sort();
  });
}

/** The service worker controls the page, so the precached shell can load offline. */
export async function expectServiceWorkerInControl(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        return navigator.serviceWorker.controller !== null;
      }),
    )
    .toBe(true);
}
