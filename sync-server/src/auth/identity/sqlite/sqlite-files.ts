import type Database from 'better-sqlite3';
import type { FileStore } from '../file-store.js';
import type { FileRow } from '../rows.js';
import type { Exec } from './gate.js';

export class SqliteFiles implements FileStore {
  constructor(
    private readonly db: Database.Database,
    private readonly exec: Exec,
  ) {}

  get(roomId: string, id: string) {
    return this.exec(() =>
      this.db
        .prepare<[string, string], FileRow>('SELECT * FROM files WHERE room_id = ? AND id = ?')
        .get(roomId, id),
    );
  }

  insert(row: FileRow) {
    return this.exec(() => {
      this.db
        .prepare(
          `INSERT OR IGNORE INTO files (room_id, id, content_type, size, name, uploaded_by, created_at)
           VALUES (@room_id, @id, @content_type, @size, @name, @uploaded_by, @created_at)`,
        )
        .run(row);
    });
  }
}
