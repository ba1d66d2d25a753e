/**
 * Exdates and overrides are keyed by the occurrence's original start. When a
 * series' start moves (09:00 -> 10:00, or two days later), every key moves by the
 * same wall-clock shift so the exceptions keep naming the same occurrences. A
 * switch between all-day and timed has no such mapping: the exceptions are dropped.
 */
import { dateOf, floating, localOf } from './local-time.js';
import { FIELD, overrideEntries, readYMap, writeOverride, type YRecord } from './layout.js';
import type { EventTime } from './schemas.js';

export function rekeyExceptions(map: YRecord, from: EventTime, to: EventTime): void {
  const exdates = readYMap(map, FIELD.exdates);
  const overrides = readYMap(map, FIELD.overrides);
  // The maps are emptied, never replaced: see layout.ts.
  if (from.kind !== to.kind) {
    for (const nested of [exdates, overrides])
      for (const key of [...(nested?.keys() ?? [])]) nested?.delete(key);
    return;
  }
  const shift = floating(to.start) - floating(from.start);
  if (shift === 0) return;
  const move = (rid: string): string =>
    to.kind === 'allDay' ? dateOf(floating(rid) + shift) : localOf(floating(rid) + shift);
  if (exdates) {
    const keys = [...exdates.keys()];
    for (const key of keys) exdates.delete(key);
    for (const key of keys) exdates.set(move(key), true);
  }
  if (overrides) {
    const entries = overrideEntries(overrides);
    for (const key of [...overrides.keys()]) overrides.delete(key);
    for (const [rid, fields] of entries)
      writeOverride(overrides, move(rid), Object.fromEntries(fields));
  }
}
