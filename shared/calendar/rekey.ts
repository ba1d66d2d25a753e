/**
 * Exdates and overrides are keyed by the occurrence's original start. When a
 * series' start moves (09:00 -> 10:00, or two days later), every key moves by the
 * same wall-clock shift so the exceptions keep naming the same occurrences. A
 * switch between all-day and timed has no such mapping: the exceptions are dropped.
 */
import * as Y from 'yjs';
import { dateOf, floating, localOf } from './local-time.js';
import { FIELD, readYMap, type YRecord } from './layout.js';
import type { EventTime } from './schemas.js';

export function rekeyExceptions(map: YRecord, from: EventTime, to: EventTime): void {
  if (from.kind !== to.kind) {
    map.delete(FIELD.exdates);
    map.delete(FIELD.overrides);
    return;
  }
  const shift = floating(to.start) - floating(from.start);
  if (shift === 0) return;
  const move = (rid: string): string =>
    to.kind === 'allDay' ? dateOf(floating(rid) + shift) : localOf(floating(rid) + shift);
  const exdates = readYMap(map, FIELD.exdates);
  if (exdates) {
    const keys = [...exdates.keys()];
    for (const key of keys) exdates.delete(key);
    for (const key of keys) exdates.set(move(key), true);
  }
  const overrides = readYMap(map, FIELD.overrides);
  if (overrides) {
    // A Y type cannot be re-inserted once removed, and its content goes with it:
    // take the fields as JSON first, then write them into new maps.
    const entries = [...overrides.entries()].flatMap(([key, value]) =>
      value instanceof Y.Map ? [[key, (value as YRecord).toJSON()] as const] : [],
    );
    for (const key of [...overrides.keys()]) overrides.delete(key);
    for (const [key, fields] of entries) {
      const copy: YRecord = new Y.Map();
      overrides.set(move(key), copy);
      for (const [name, value] of Object.entries(fields)) copy.set(name, value);
    }
  }
}
