import type { Timers } from '../../../../client/src/lib/timers.js';

/** Timers driven by hand: advance(ms) runs what falls due, in order. */
export class FakeTimers implements Timers {
  #now = 1_000_000;
  #next = 1;
  readonly #due = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.#next++;
    this.#due.set(handle, { at: this.#now + Math.max(0, ms), callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.#due.delete(handle);
  }

  /** Delay until the next timer fires, or null when none is set. */
  nextDelay(): number | null {
    const times = [...this.#due.values()].map((timer) => timer.at);
    return times.length === 0 ? null : Math.min(...times) - this.#now;
  }

  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      const next = [...this.#due.entries()]
        .filter(([, timer]) => timer.at <= until)
        .sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
      if (!next) break;
      const [handle, timer] = next;
      this.#due.delete(handle);
      this.#now = timer.at;
      timer.callback();
    }
    this.#now = until;
  }
}
