/**
 * What one Yjs update may contain before the relay applies it (PROTOCOL.md,
 * "Update admission", rules ADMIT1–ADMIT7). Each limit sits far above what an
 * honest client writes (the figures and how they were measured are in
 * PROTOCOL.md) and far below where Yjs' cost stops being linear in the bytes sent.
 */
export const ADMISSION_LIMITS = {
  /** [ADMIT1] Nesting of shared types (a root type is depth 1). Yjs overflows the stack near 1,500. */
  maxDepth: 128,
  /** [ADMIT2] Sub-documents in one room; each costs the relay ~2.4 KB of heap for ~16 wire bytes. */
  maxSubdocsPerRoom: 256,
  /** [ADMIT2] New shared types in one update; each costs ~600 B of heap for ~10 wire bytes. */
  maxTypesPerUpdate: 65_536,
  /** [ADMIT3] Distinct client ids writing structs in one update. */
  maxClientsPerUpdate: 1_024,
  /** [ADMIT3] Distinct client ids inserting at one spot (same left origin, or the same map key with no origin) in one update. */
  maxClientsPerSlot: 32,
  /** [ADMIT4] Delete ranges naming items the room does not have (they stay pending and are retried on every later update). */
  maxUnknownDeleteRanges: 1_024,
  /** [ADMIT4] Bytes of pending deletes a room may hold before such updates are refused. */
  maxPendingDeleteBytes: 64 * 1024,
  /** [ADMIT5] Bytes of pending structs (items waiting for items the room lacks) a room may hold, this update included. */
  maxPendingStructBytes: 64 * 1024,
  /** [ADMIT6] New root type names in one update, and in one room. */
  maxNewRootsPerUpdate: 32,
  maxRootsPerRoom: 256,
} as const;

export type AdmissionLimits = { readonly [K in keyof typeof ADMISSION_LIMITS]: number };
