import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Persistence } from '../persistence/persistence.js';
import { Room } from './room.js';

/** A room whose stored state is damaged; connections to it are refused [ISO3]. */
export class QuarantinedRoom extends Error {}

/**
 * Loads a room from storage. A room whose stored updates cannot be applied is
 * quarantined: recorded in storage (its data untouched), reported by /healthz,
 * and refused with 4504 until an operator repairs it [ISO3].
 */
export async function loadRoom(
  name: string,
  { persistence, clock, log }: { persistence: Persistence; clock: Clock; log: Logger },
): Promise<Room> {
  const quarantined = await persistence.quarantineOf(name);
  if (quarantined) throw new QuarantinedRoom(quarantined.reason);
  const stored = await persistence.load(name);
  try {
    return new Room(name, stored);
  } catch (error) {
    const reason = describe(error);
    log.error('stored room cannot be loaded; quarantined [ISO3]', { room: name, error });
    await persistence.quarantine({ room: name, reason, at: clock.now() });
    throw new QuarantinedRoom(reason);
  }
}

/** An error and its causes as one line, for the quarantine record. */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && parts.length < 4;) {
    parts.push(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(' <- ').slice(0, 500);
}
