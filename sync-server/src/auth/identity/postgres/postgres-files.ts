import type { FileStore } from '../file-store.js';
import type { FileRow } from '../rows.js';
import type { Sql } from './sql.js';

export class PostgresFiles implements FileStore {
  constructor(private readonly sql: Sql) {}

  async get(roomId: string, id: string) {
    const [row] = await this.sql.rows<FileRow>(
      `SELECT room_id, id, content_type, size, name, uploaded_by, created_at FROM files
        WHERE room_id = $1 AND id = $2`,
      [roomId, id],
    );
    return row;
  }

  async insert(row: FileRow) {
    await this.sql.rows(
      `INSERT INTO files (room_id, id, content_type, size, name, uploaded_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [row.room_id, row.id, row.content_type, row.size, row.name, row.uploaded_by, row.created_at],
    );
  }
}
