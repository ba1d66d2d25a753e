/**
 * A sync room name is `<roomId>` or `<roomId>:<part>` (for example one document per
 * chat channel per month). Access rules belong to the room id, so every part of a
 * room shares its rule.
 */
export function roomIdOf(roomName: string): string {
  const colon = roomName.indexOf(':');
  return colon === -1 ? roomName : roomName.slice(0, colon);
}
