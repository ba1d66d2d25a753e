import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, expectAllSaved, OWNER, test } from './fixtures.js';

/**
 * Every main page at phone and desktop size, in one relay and one page: no horizontal
 * overflow, the page's primary action on screen without scrolling, axe clean, and a
 * screenshot of each in both themes for a person to look at (not compared).
 * Soft assertions, so one run reports every page that fails, not just the first.
 */
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? join('test-results', 'screenshots');

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844, axeTheme: 'dark' },
  { name: 'desktop', width: 1280, height: 800, axeTheme: 'light' },
] as const;

interface MainPage {
  name: string;
  path: string;
  /** What a person came to this page to do. */
  primary: (page: Page) => Locator;
}

function mainPages(ids: { channel: string; doc: string; board: string }): MainPage[] {
  return [
    {
      name: 'home',
      path: '/',
      primary: (page) =>
        page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }),
    },
    {
      name: 'chat',
      path: `/chat/${ids.channel}`,
      primary: (page) => page.getByRole('textbox', { name: /^Message / }),
    },
    {
      name: 'docs',
      path: `/docs/${ids.doc}`,
      primary: (page) => page.getByRole('textbox', { name: 'Plan body' }),
    },
    {
      name: 'tasks',
      path: `/tasks/${ids.board}`,
      primary: (page) =>
        page
          .getByRole('button', { name: 'New task' })
          .or(page.getByLabel('Add a task to To do'))
          .first(),
    },
    {
      name: 'search',
      path: '/search',
      primary: (page) => page.getByRole('searchbox', { name: 'Search chat, docs and tasks' }),
    },
    {
      name: 'settings',
      path: '/settings',
      primary: (page) => page.getByRole('heading', { level: 1, name: 'Settings' }),
    },
    {
      name: 'notifications',
      path: '/notifications',
      primary: (page) => page.getByRole('heading', { level: 1, name: 'Notifications' }),
    },
  ];
}

async function createRoom(page: Page, kind: 'channel' | 'doc' | 'board', title: string) {
  const id = `layout${kind}01`;
  const response = await page.request.post('/api/rooms', {
    data: { id, kind, title, access: { workspace: 'write', groups: [], users: [] } },
  });
  expect(response.status(), await response.text()).toBe(201);
  return id;
}

/** How far the page reaches past the window's right edge, in CSS pixels (0 when it fits). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Where the element is, and how much of the window is not under the bottom bar. */
function placement(target: Locator) {
  return target.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    const bar = getComputedStyle(document.documentElement).getPropertyValue('--bottom-nav-height');
    const probe = document.createElement('div');
    probe.style.height = bar || '0px';
    document.body.append(probe);
    // The bottom bar's own links are above nothing; everything else must clear the bar.
    const barHeight = element.closest('.rail') ? 0 : probe.getBoundingClientRect().height;
    probe.remove();
    return {
      scrolled: window.scrollY,
      onScreen:
        rect.width > 0 &&
        rect.top >= 0 &&
        rect.left >= 0 &&
        rect.right <= window.innerWidth &&
        rect.bottom <= window.innerHeight - barHeight,
    };
  });
}

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(({ id, help, nodes }) => ({ id, help, nodes: nodes.length }));
}

function setTheme(page: Page, theme: 'light' | 'dark') {
  return page.evaluate((value) => {
    document.documentElement.dataset.theme = value;
  }, theme);
}

function accountButton(page: Page) {
  return page.getByRole('button', { name: /account and settings$/ });
}

test('[LAYOUT1] [LAYOUT2] every main page fits 390 px and 1280 px, shows its primary action without scrolling and passes axe in both themes', async ({
  openApp,
}) => {
  test.setTimeout(180_000);
  const { page } = await openApp('/');
  const ids = {
    channel: await createRoom(page, 'channel', 'general'),
    doc: await createRoom(page, 'doc', 'Plan'),
    board: await createRoom(page, 'board', 'Launch'),
  };
  await mkdir(SCREENSHOT_DIR, { recursive: true });

  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    for (const main of mainPages(ids)) {
      await page.goto(main.path);
      const primary = main.primary(page);
      await expect(primary).toBeVisible();
      await expectAllSaved(page);
      const where = `${main.name} at ${viewport.width}x${viewport.height}`;
      expect.soft(await overflow(page), `${where}: wider than the window`).toBeLessThanOrEqual(0);
      expect
        .soft(await placement(primary), `${where}: primary action not on screen`)
        .toEqual({ scrolled: 0, onScreen: true });
      for (const theme of ['light', 'dark'] as const) {
        await setTheme(page, theme);
        // axe takes seconds a page: each viewport checks one theme, so every page is
        // checked in both themes and at both sizes (accessibility.spec.ts does more).
        if (theme === viewport.axeTheme)
          expect.soft(await axeViolations(page), `${where} (${theme}): axe`).toEqual([]);
        await page.screenshot({
          path: join(SCREENSHOT_DIR, `${viewport.name}-${main.name}-${theme}.png`),
        });
      }
    }
  }
});

test('[LAYOUT3] phones get a bottom bar and an account menu for the rest; desktops a rail with the workspace name', async ({
  openApp,
}) => {
  const { page } = await openApp('/');
  const nav = page.getByRole('navigation', { name: 'Main' });

  await expect(page.getByRole('banner')).toContainText('E2E Workspace');
  await expect(nav.getByRole('link', { name: 'Notifications' })).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  for (const name of ['Home', 'Chat', 'Docs', 'Tasks']) {
    const link = nav.getByRole('link', { name });
    await expect(link).toBeInViewport({ ratio: 1 });
    const box = await link.boundingBox();
    expect(box && box.y + box.height, `${name} sits at the bottom`).toBeGreaterThan(844 - 80);
  }
  await expect(nav.getByRole('link', { name: 'Notifications' })).toBeHidden();

  const button = accountButton(page);
  await expect(button).toBeInViewport({ ratio: 1 });
  await button.click();
  const menu = page.getByRole('dialog', { name: 'Account and settings' });
  await expect(menu).toBeInViewport({ ratio: 1 });
  await expect(menu).toContainText(OWNER.name);
  await expect(menu).toContainText(OWNER.email);
  await expect(menu.getByRole('radio', { name: 'Dark' })).toBeVisible();
  await expect(menu.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();

  await button.click();
  await menu.getByRole('link', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/search$/);
  await expect(menu).toBeHidden();

  await button.click();
  await page.getByRole('heading', { level: 1, name: 'Search' }).click();
  await expect(menu).toBeHidden();

  await button.click();
  await menu.getByRole('link', { name: 'Notification settings' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Notifications' })).toBeInViewport();
});
