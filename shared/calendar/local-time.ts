/**
 * Wall-clock values as "floating" instants: the wall clock read as if it were UTC
 * (2026-03-29T02:30 -> Date.UTC(2026, 2, 29, 2, 30)). Arithmetic on them is plain
 * calendar arithmetic with no zone, which is what recurrence needs (see expand.ts).
 */
import { zonedInstant, zonedParts } from '../model/time/zoned-time.js';

const MINUTE_MS = 60_000;

/** 'YYYY-MM-DDTHH:mm' (or a bare date, read as 00:00) as a floating instant. */
export function floating(local: string): number {
  return Date.parse(`${local.length === 10 ? `${local}T00:00` : local}:00Z`);
}

/** A floating instant back as 'YYYY-MM-DDTHH:mm'. */
export function localOf(float: number): string {
  return new Date(float).toISOString().slice(0, 16);
}

/** A floating instant back as 'YYYY-MM-DD'. */
export function dateOf(float: number): string {
  return new Date(float).toISOString().slice(0, 10);
}

/**
 * The real instant of wall-clock `local` in `zone` (RFC 5545 gap and overlap
 * rules). Memoized, as task deadlines are: a zone offset costs several Intl
 * calls, and a month view converts the same few thousand wall-clock times on
 * every re-render.
 */
export function instantOf(local: string, zone: string): number {
  const key = `${local}|${zone}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    instant = zonedInstant(local.slice(0, 10), local.slice(11, 16), zone);
    if (instants.size >= MAX_MEMO) instants.clear();
    instants.set(key, instant);
  }
  return instant;
}

const MAX_MEMO = 50_000;
const instants = new Map<string, number>();

/** What clocks in `zone` show at `instant`, as 'YYYY-MM-DDTHH:mm'. */
export function localAt(instant: number, zone: string): string {
  const parts = zonedParts(instant, zone);
  return `${parts.date}T${parts.time}`;
}

/** `local` moved by `minutes` of wall-clock time. */
export function addMinutes(local: string, minutes: number): string {
  return localOf(floating(local) + minutes * MINUTE_MS);
}

/** Wall-clock minutes from `from` to `to`. */
export function minutesBetween(from: string, to: string): number {
  return Math.round((floating(to) - floating(from)) / MINUTE_MS);
}
