import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';

export const TRACE_ROOM = 'automerge-paper';

/**
 * Writes a keystroke log into `<dataDir>/relay.sqlite` through the relay's own
 * SqlitePersistence.append(), with the relay not running, so the room is stored as
 * one log entry per update and no snapshot. Returns the new DATA_DIR.
 */
export async function writeTraceLog(updates: Uint8Array[], batch = 10_000): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-trace-'));
  const persistence = new SqlitePersistence({ file: join(dataDir, 'relay.sqlite') });
  for (let i = 0; i < updates.length; i += batch) {
    await persistence.append(
      updates.slice(i, i + batch).map((update) => ({ room: TRACE_ROOM, update })),
    );
  }
  await persistence.close();
  return dataDir;
}
