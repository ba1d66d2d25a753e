/**
 * Rooms this device created whose registration with the relay (POST /api/rooms) is
 * still pending. Such a room must never be connected: if its id leaked and someone
 * else registered it first, connecting would pour this device's copy into their
 * room ([OFFL2] in shared/protocol/SECURITY.md).
 */
export interface RegistrationGate {
  /** True while `roomId` (a room id, not a part name) waits for registration or a move. */
  awaiting(roomId: string): boolean;
  /** Called after every change of the set; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** For rooms that are never created offline (tests, tools): nothing waits. */
export const noRegistrationGate: RegistrationGate = {
  awaiting: () => false,
  subscribe: () => () => {},
};
