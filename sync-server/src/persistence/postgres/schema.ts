import { randomBytes } from 'node:crypto';
import type { Migration } from '../../postgres/migrations.js';

/** The component name of the document store in schema_migrations. */
export const DOCUMENTS = 'documents';

/**
 * The document store's tables, prefixed `doc_` because the identity store may share
 * the database. Room names are compared byte by byte (COLLATE "C") whatever the
 * database's locale, so headsOf's ranges `id:` .. `id;` hold exactly the parts of `id`.
 * `doc_rooms` holds, per room, the last seq handed out (the counter appends lock)
 * and the head (feed position of the last append that wrote it [FEED5]).
 */
export const documentMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'rooms, log, snapshots, quarantine and the feed',
    async up(client) {
      await client.query(`
        CREATE TABLE doc_rooms (
          room text COLLATE "C" PRIMARY KEY,
          last_seq bigint NOT NULL,
          head bigint NOT NULL
        );
        CREATE INDEX doc_rooms_by_head ON doc_rooms (head);
        CREATE TABLE doc_updates (
          room text COLLATE "C" NOT NULL,
          seq bigint NOT NULL,
          data bytea NOT NULL,
          PRIMARY KEY (room, seq)
        );
        CREATE TABLE doc_snapshots (
          room text COLLATE "C" PRIMARY KEY,
          through_seq bigint NOT NULL,
          data bytea NOT NULL
        );
        CREATE TABLE doc_quarantine (
          room text COLLATE "C" PRIMARY KEY,
          reason text NOT NULL,
          at bigint NOT NULL
        );
        CREATE TABLE doc_feed (
          id integer PRIMARY KEY CHECK (id = 1),
          feed_id text NOT NULL,
          position bigint NOT NULL
        );
      `);
      await client.query('INSERT INTO doc_feed (id, feed_id, position) VALUES (1, $1, 0)', [
        randomBytes(12).toString('base64url'),
      ]);
    },
  },
];
