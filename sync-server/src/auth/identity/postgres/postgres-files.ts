import type { FileStore } from '../file-store.js';
import type { FileRow } from '../rows.js';
import type { Sql } from './sql.js';

const FILE = 'room_id, id, content_type, size, name, uploaded_by, created_at';

export class PostgresFiles implements FileStore {
  constructor(private readonly sql: Sql) {}

  async get(roomId: string, id: string) {
    const [row] = await this.sql.rows<FileRow>(
      `SELECT ${FILE} FROM files WHERE room_id = $1 AND id = $2`,
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

  uploadedBefore(roomId: string, before: number) {
    return this.sql.rows<FileRow>(
      `SELECT ${FILE} FROM files WHERE room_id = $1 AND created_at < $2 ORDER BY created_at, id`,
      [roomId, before],
    );
  }

  async delete(roomId: string, id: string) {
    const rows = await this.sql.rows(
      'DELETE FROM files WHERE room_id = $1 AND id = $2 RETURNING id',
      [roomId, id],
    );
    return rows.length > 0;
  }

  async referenced(id: string) {
    return (await this.sql.rows('SELECT 1 FROM files WHERE id = $1 LIMIT 1', [id])).length > 0;
  }

  async storedBytes() {
    const [row] = await this.sql.rows<{ bytes: number }>(
      `SELECT coalesce(sum(size), 0)::bigint AS bytes
         FROM (SELECT max(size) AS size FROM files GROUP BY id) AS distinct_files`,
    );
    return row?.bytes ?? 0;
  }

  async uploadedBytes() {
    const rows = await this.sql.rows<{ person: string; bytes: number }>(
      `SELECT uploaded_by AS person, sum(size)::bigint AS bytes
         FROM (SELECT DISTINCT uploaded_by, id, size FROM files) AS own GROUP BY uploaded_by`,
    );
    return new Map(rows.map((row) => [row.person, row.bytes]));
  }
}
