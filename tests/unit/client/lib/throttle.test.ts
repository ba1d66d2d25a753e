import { describe, expect, it } from 'vitest';
import { throttle } from '../../../../client/src/lib/throttle.js';
import { FakeTimers } from './fake-timers.js';

describe('throttle', () => {
  it('runs the first call at once and folds a burst into one trailing run', () => {
    const timers = new FakeTimers();
    let runs = 0;
    const run = throttle(() => runs++, 2_000, timers);
    run();
    expect(runs).toBe(1);
    run();
    run();
    run();
    expect(runs).toBe(1);
    timers.advance(1_999);
    expect(runs).toBe(1);
    timers.advance(1);
    expect(runs).toBe(2);
    timers.advance(10_000);
    expect(runs).toBe(2);
  });

  it('runs at once again once the gap has passed', () => {
    const timers = new FakeTimers();
    let runs = 0;
    const run = throttle(() => runs++, 2_000, timers);
    run();
    timers.advance(2_500);
    run();
    expect(runs).toBe(2);
  });

  it('cancel drops the trailing run', () => {
    const timers = new FakeTimers();
    let runs = 0;
    const run = throttle(() => runs++, 2_000, timers);
    run();
    run();
    run.cancel();
    timers.advance(5_000);
    expect(runs).toBe(1);
  });
});
