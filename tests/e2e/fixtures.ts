import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { launchE2eRelay, type E2eRelay } from '../support/e2e-relay.js';

export { expect };

export interface AppPage {
  context: BrowserContext;
  page: Page;
}

interface Fixtures {
  /** The real relay for this test: fresh data directory, own port, so its own origin. */
  relay: E2eRelay;
  /** Opens the app in a fresh browser context (own IndexedDB and service worker). */
  openApp: (path?: string) => Promise<AppPage>;
}

export const test = base.extend<Fixtures>({
  // Playwright reads fixture dependencies from this destructuring pattern.
  // eslint-disable-next-line no-empty-pattern
  relay: async ({}, use) => {
    const relay = await launchE2eRelay();
    await use(relay);
    await relay.dispose();
  },
  openApp: async ({ browser, relay }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (path = '/') => {
      const context = await browser.newContext({ baseURL: relay.url });
      contexts.push(context);
      return openPage(context, path);
    });
    for (const context of contexts) await context.close();
  },
});

async function openPage(context: BrowserContext, path: string): Promise<AppPage> {
  const page = await context.newPage();
  // Reloading with unsaved changes asks "leave site?"; a person would confirm.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(path);
  await expect(page.getByRole('main')).toBeVisible();
  return { context, page };
}

export function scratchpad(page: Page) {
  return page.getByRole('textbox', { name: 'Team scratchpad' });
}

export function indicator(page: Page) {
  return page.getByRole('status');
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
