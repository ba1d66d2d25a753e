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

  uploadedBefore(roomId: string, before: number) {
    return this.exec(() =>
      this.db
        .prepare<[string, number], FileRow>(
          'SELECT * FROM files WHERE room_id = ? AND created_at < ? ORDER BY created_at, id',
        )
        .all(roomId, before),
    );
  }

  delete(roomId: string, id: string) {
    return this.exec(
      () =>
        this.db.prepare('DELETE FROM files WHERE room_id = ? AND id = ?').run(roomId, id).changes >
        0,
    );
  }

  referenced(id: string) {
    return this.exec(
      () => this.db.prepare('SELECT 1 FROM files WHERE id = ? LIMIT 1').get(id) !== undefined,
    );
  }

  storedBytes() {
    return this.exec(
      () =>
        this.db
          .prepare<[], number>(
            'SELECT coalesce(sum(size), 0) FROM (SELECT max(size) AS size FROM files GROUP BY id)',
          )
          .pluck()
          .get() ?? 0,
    );
  }

  uploadedBytes() {
    return this.exec(() => {
      const rows = this.db
        .prepare<[], { person: string; bytes: number }>(
          `SELECT uploaded_by AS person, sum(size) AS bytes
             FROM (SELECT DISTINCT uploaded_by, id, size FROM files) GROUP BY uploaded_by`,
        )
        .all();
      return new Map(rows.map((row) => [row.person, row.bytes]));
    });
  }
}
