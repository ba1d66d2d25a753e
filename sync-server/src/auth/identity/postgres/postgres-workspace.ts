import { randomBytes } from 'node:crypto';
import type { WorkspaceStore } from '../workspace-store.js';
import type { Sql } from './sql.js';

/** The workspace row, the access epoch counter row, and the `meta` key-value table (token secret). */
export class PostgresWorkspace implements WorkspaceStore {
  constructor(private readonly sql: Sql) {}

  async get() {
    const [row] = await this.sql.rows<{ name: string }>('SELECT name FROM workspace WHERE id = 1');
    return row ?? null;
  }

  async create(name: string, at: number) {
    await this.sql.rows('INSERT INTO workspace (id, name, created_at) VALUES (1, $1, $2)', [
      name,
      at,
    ]);
  }

  async epoch() {
    const [row] = await this.sql.rows<{ epoch: number }>(
      'SELECT epoch FROM access_epoch WHERE id = 1',
    );
    return row?.epoch ?? 0;
  }

  async bumpEpoch() {
    // In place: the row lock orders every access change of every relay, and the bump
    // commits or rolls back with the change it belongs to.
    await this.sql.rows('UPDATE access_epoch SET epoch = epoch + 1 WHERE id = 1');
  }

  async secret() {
    const existing = await this.readSecret();
    if (existing) return existing;
    // Relays starting together all try: the first insert wins, the others' do nothing,
    // and everyone reads the winner's (a later statement sees the committed row).
    await this.sql.rows(
      "INSERT INTO meta (key, value) VALUES ('token_secret', $1) ON CONFLICT (key) DO NOTHING",
      [randomBytes(32).toString('base64url')],
    );
    const secret = await this.readSecret();
    if (!secret) throw new Error('the token secret vanished right after it was stored');
    return secret;
  }

  private async readSecret(): Promise<string | null> {
    const [row] = await this.sql.rows<{ value: string }>(
      "SELECT value FROM meta WHERE key = 'token_secret'",
    );
    return row?.value ?? null;
  }
}
