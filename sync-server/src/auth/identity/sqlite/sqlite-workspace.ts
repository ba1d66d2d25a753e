import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { WorkspaceStore } from '../workspace-store.js';
import type { Exec } from './gate.js';

/** The workspace row, plus the `meta` key-value table (epoch, token secret). */
export class SqliteWorkspace implements WorkspaceStore {
  constructor(
    private readonly db: Database.Database,
    private readonly exec: Exec,
  ) {}

  private meta(key: string): string | null {
    const row = this.db
      .prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?')
      .get(key);
    return row?.value ?? null;
  }

  get() {
    return this.exec(
      () =>
        this.db.prepare<[], { name: string }>('SELECT name FROM workspace WHERE id = 1').get() ??
        null,
    );
  }

  create(name: string, at: number) {
    return this.exec(() => {
      this.db
        .prepare('INSERT INTO workspace (id, name, created_at) VALUES (1, ?, ?)')
        .run(name, at);
    });
  }

  epoch() {
    return this.exec(() => Number(this.meta('epoch') ?? 0));
  }

  bumpEpoch() {
    return this.exec(() => {
      this.db
        .prepare(
          `INSERT INTO meta (key, value) VALUES ('epoch', '1')
           ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`,
        )
        .run();
    });
  }

  secret() {
    return this.exec(() => {
      const existing = this.meta('token_secret');
      if (existing) return existing;
      // OR IGNORE: when the relay and the command line race, both end up with the first one.
      this.db
        .prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('token_secret', ?)")
        .run(randomBytes(32).toString('base64url'));
      return this.meta('token_secret') as string;
    });
  }
}
