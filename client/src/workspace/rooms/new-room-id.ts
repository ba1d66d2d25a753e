/**
 * Rooms are named by the device that creates them (RoomId: 8–64 of [A-Za-z0-9_-]), so
 * a room can exist locally before the relay hears of it: a UUID without dashes.
 */
export function newRoomId(random: Pick<Crypto, 'randomUUID'> = crypto): string {
  return random.randomUUID().replaceAll('-', '');
}
