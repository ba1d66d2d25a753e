/**
 * Switching between the app's main pages in a large workspace, for
 * bench/workspace-scale.ts: each switch clicks the main nav's link and waits until the
 * page is usable (its page-specific content is drawn), measuring the time since the
 * click and the main thread's long-task time (the Long Tasks API: tasks over 50 ms,
 * main thread only; CDP's TaskDuration also counts the AI worker) until then and in
 * the second after, when work per summary or per room would still be running.
 * With PROFILE_DIR set, the first visit to each page writes a CPU profile there
 * (summarised with bench/lib/cpu-profile.ts; build with `--minify false` for names).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { summarise } from './cpu-profile.js';

export type MainPage = 'Home' | 'Chat' | 'Docs' | 'Tasks';

export interface SwitchFigures {
  page: MainPage;
  /** Click to usable (ms). */
  usable: number;
  /** Main-thread long-task time from the click to usable (ms). */
  busy: number;
  /** Main-thread long-task time in the second after usable (ms). */
  after: number;
}

const HREF: Record<MainPage, string> = { Home: '/', Chat: '/chat', Docs: '/docs', Tasks: '/tasks' };
const SETTLE_MS = 1000;

interface UsableArgs {
  page: MainPage;
  channels: number;
  projects: number;
}

/**
 * performance.now() once `page` shows what a person came for, else false. Runs in the
 * browser (Playwright serialises it), so it refers to nothing outside itself.
 */
function usableAt({ page, channels, projects }: UsableArgs): number | false {
  // No helper functions in here: tsx wraps named ones in a `__name` the page lacks.
  const all = document.querySelectorAll.bind(document);
  const h1 = document.querySelector('h1')?.textContent ?? '';
  const ready =
    page === 'Home'
      ? h1 === 'Home' &&
        all('ul[aria-label="Rooms"] > li').length === 8 &&
        all('[data-testid="home-activity-item"]').length > 0
      : page === 'Chat'
        ? all('nav[aria-label="Conversations"] a').length === channels
        : page === 'Docs'
          ? h1 === 'Docs' && all('.docs-sidebar a[href^="/docs/"]').length > 0
          : all('ul[aria-label="Projects"] > li').length === projects;
  return ready ? performance.now() : false;
}

/** Long-task milliseconds on the page's main thread since the observer was installed. */
async function taskMs(page: Page): Promise<number> {
  return page.evaluate(
    () => (window as unknown as { benchLongTasks?: number }).benchLongTasks ?? 0,
  );
}

async function observeLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { benchLongTasks?: number };
    if (w.benchLongTasks !== undefined) return;
    w.benchLongTasks = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        w.benchLongTasks = (w.benchLongTasks ?? 0) + entry.duration;
    }).observe({ type: 'longtask' });
  });
}

/** Visits `order` in turn from whatever page is open, once each. */
export async function switchPages(
  page: Page,
  order: readonly MainPage[],
  counts: { channels: number; projects: number },
  progress: (line: string) => void,
): Promise<SwitchFigures[]> {
  const cdp = await page.context().newCDPSession(page);
  await observeLongTasks(page);
  const profileDir = process.env.PROFILE_DIR;
  const profiled = new Set<MainPage>();
  const figures: SwitchFigures[] = [];
  try {
    for (const which of order) {
      const profile = profileDir !== undefined && !profiled.has(which);
      if (profile) {
        profiled.add(which);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const busyBefore = await taskMs(page);
      const clicked = await page.evaluate(() => performance.now());
      await page.locator(`nav[aria-label="Main"] a[href="${HREF[which]}"]`).click();
      const handle = await page.waitForFunction(
        usableAt,
        { page: which, ...counts },
        { timeout: 10 * 60_000, polling: 10 },
      );
      const usable = ((await handle.jsonValue()) as number) - clicked;
      const busyUsable = await taskMs(page);
      await page.waitForTimeout(SETTLE_MS);
      const busyAfter = await taskMs(page);
      if (profile && profileDir !== undefined) {
        const { profile: data } = await cdp.send('Profiler.stop');
        const file = join(profileDir, `${which.toLowerCase()}.cpuprofile`);
        writeFileSync(file, JSON.stringify(data));
        progress(`${which} profile (${file}):\n${summarise(file, 15)}`);
      }
      figures.push({
        page: which,
        usable,
        busy: busyUsable - busyBefore,
        after: busyAfter - busyUsable,
      });
      progress(`${which}: usable in ${Math.round(usable)} ms`);
    }
  } finally {
    await cdp.detach();
  }
  return figures;
}
