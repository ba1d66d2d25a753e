import { z } from 'zod';

export const Role = z.enum(['owner', 'admin', 'member', 'guest']);
export type Role = z.infer<typeof Role>;

/** What a person may do in a room. `none` means the relay never sends them a byte of it. */
export const AccessLevel = z.enum(['none', 'read', 'write']);
export type AccessLevel = z.infer<typeof AccessLevel>;

/** A level that can be granted (granting `none` is expressed by leaving the grant out). */
export const GrantLevel = z.enum(['read', 'write']);
export type GrantLevel = z.infer<typeof GrantLevel>;

const rank: Record<AccessLevel, number> = { none: 0, read: 1, write: 2 };

export function maxLevel(a: AccessLevel, b: AccessLevel): AccessLevel {
  return rank[a] >= rank[b] ? a : b;
}

export function atLeast(level: AccessLevel, wanted: AccessLevel): boolean {
  return rank[level] >= rank[wanted];
}
