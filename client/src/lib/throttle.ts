import { systemTimers, type Timers } from './timers.js';

export interface Throttled {
  (): void;
  cancel(): void;
}

/**
 * Runs `run` at once unless it ran less than `gapMs` ago; then runs it once more when
 * the gap is over, however many calls came in between. So a burst of triggers (every
 * room's socket failing at once) costs one call now and one later, and the last
 * trigger is never lost.
 */
export function throttle(run: () => void, gapMs: number, timers: Timers = systemTimers): Throttled {
  let lastRun = -Infinity;
  let pending: unknown = null;
  const fire = () => {
    pending = null;
    lastRun = timers.now();
    run();
  };
  const throttled = () => {
    if (pending !== null) return;
    const wait = lastRun + gapMs - timers.now();
    if (wait <= 0) fire();
    else pending = timers.setTimeout(fire, wait);
  };
  throttled.cancel = () => {
    if (pending !== null) timers.clearTimeout(pending);
    pending = null;
  };
  return throttled;
}
