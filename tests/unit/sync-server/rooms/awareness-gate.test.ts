import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../../sync-server/src/clock.js';
import { AwarenessGate } from '../../../../sync-server/src/rooms/awareness-gate.js';

/** A clock the test moves by hand; due timers fire in order. */
function manualClock() {
  let now = 0;
  let timers: { at: number; fn: () => void }[] = [];
  const clock: Clock = {
    now: () => now,
    setTimeout(fn, ms) {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return () => (timers = timers.filter((t) => t !== timer));
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at)) {
      timers = timers.filter((t) => t !== timer);
      timer.fn();
    }
  };
  return { clock, advance };
}

describe('AwarenessGate [BAD5]', () => {
  it('passes frames within the budget straight through', () => {
    const { clock } = manualClock();
    const applied: number[] = [];
    const gate = new AwarenessGate<number>({ rate: 10, burst: 3 }, clock, (n) => applied.push(n));
    expect([gate.offer(1), gate.offer(2), gate.offer(3)]).toEqual([true, true, true]);
    expect(applied).toEqual([1, 2, 3]);
  });

  it('coalesces frames over budget and applies only the newest when a token frees up', () => {
    const { clock, advance } = manualClock();
    const applied: number[] = [];
    const gate = new AwarenessGate<number>({ rate: 10, burst: 1 }, clock, (n) => applied.push(n));
    gate.offer(1);
    gate.offer(2);
    gate.offer(3);
    gate.offer(4);
    expect(applied).toEqual([1]);
    advance(100);
    expect(applied).toEqual([1, 4]);
    advance(1000);
    expect(applied).toEqual([1, 4]);
  });

  it('reports a sustained flood after about ten seconds of budget', () => {
    const { clock, advance } = manualClock();
    const gate = new AwarenessGate<number>({ rate: 10, burst: 1 }, clock, () => {});
    let offered = 0;
    let accepted = true;
    while (accepted && offered < 10_000) {
      accepted = gate.offer(offered++);
      if (offered % 10 === 0) advance(10);
    }
    expect(accepted).toBe(false);
    expect(offered).toBeGreaterThan(100);
  });

  it('dispose cancels the pending frame', () => {
    const { clock, advance } = manualClock();
    const applied: number[] = [];
    const gate = new AwarenessGate<number>({ rate: 1, burst: 1 }, clock, (n) => applied.push(n));
    gate.offer(1);
    gate.offer(2);
    gate.dispose();
    advance(5000);
    expect(applied).toEqual([1]);
  });
});
