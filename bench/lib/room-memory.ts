/**
 * Child process of bench/compaction.ts (run with --expose-gc): loads one room from
 * a relay database into the relay's own Room class, as the relay does on first
 * connect, and prints RSS and heapUsed after GC, before and after, as JSON.
 *
 *   node --expose-gc --import tsx bench/lib/room-memory.ts <relay.sqlite> <room>
 */
import { Room } from '../../sync-server/src/rooms/room.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';

export interface RoomMemory {
  rssBefore: number;
  heapBefore: number;
  rssAfter: number;
  heapAfter: number;
  entries: number;
  chars: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const settle = (): NodeJS.MemoryUsage => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage();
};

const [file, name] = process.argv.slice(2);
if (!file || !name) throw new Error('usage: room-memory.ts <relay.sqlite> <room>');
const persistence = new SqlitePersistence({ file });
let entries = 0;
/** In its own scope, so the loaded rows are garbage once the Room is built, as in the relay. */
async function loadRoom(): Promise<Room> {
  const stored = await persistence.load(name as string);
  entries = stored.updates.length;
  return new Room(name as string, stored);
}
const before = settle();
const room = await loadRoom();
const after = settle();
const result: RoomMemory = {
  rssBefore: before.rss,
  heapBefore: before.heapUsed,
  rssAfter: after.rss,
  heapAfter: after.heapUsed,
  entries,
  chars: room.doc.getText('text').length,
};
process.stdout.write(JSON.stringify(result));
room.destroy(); // stops the awareness timer, which would keep this process alive
await persistence.close();
