import { z } from 'zod';

const MiB = 1024 * 1024;
const int = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

/** Every environment variable the relay reads, with its default (README table). */
export const ConfigSchema = z.object({
  PORT: int(8787),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  STATIC_DIR: z.string().default('dist/client'),
  MODELS_DIR: z.string().default('./models'),
  MAX_FRAME_BYTES: int(4 * MiB),
  MAX_BUFFERED_BYTES: int(64 * MiB),
  ROOM_IDLE_MS: int(30_000),
  COMPACT_ENTRIES: int(1000),
  COMPACT_BYTES: int(MiB),
  AWARENESS_RATE: z.coerce.number().positive().default(30),
  AWARENESS_BURST: z.coerce.number().positive().default(60),
  // Presence limits [PRES1][PRES2]: an honest caret state is under 800 bytes (PROTOCOL.md).
  PRESENCE_STATE_BYTES: int(4096),
  PRESENCE_IDS_PER_CONNECTION: int(4),
  PRESENCE_ROOM_STATES: int(1024),
  PRESENCE_ROOM_BYTES: int(2 * MiB),
  MAX_FILE_BYTES: int(10 * MiB),
  // Rooms one version 2 connection may subscribe at once [MUX4].
  MUX_MAX_SUBSCRIPTIONS: int(1024),
  SQLITE_SYNCHRONOUS: z.enum(['full', 'normal']).default('full'),
  // Several relays (scale-out): PostgreSQL holds documents, the feed and identity;
  // Redis carries updates, presence, feed heads and access changes between relays.
  // Set both, or neither for one relay on SQLite (sync-server/src/stores.ts).
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  // PostgreSQL connections per relay (each store keeps a pool of this size).
  DATABASE_POOL: z.coerce.number().int().positive().default(10),
  // Uploaded file bytes; with several relays, a directory they all share.
  FILES_DIR: z.string().optional(),
  // Storage quotas in bytes, 0 = unlimited [QUOTA1][QUOTA2]: documents plus files of the
  // workspace, and files each person uploaded. Over either, uploads are refused (507/413).
  WORKSPACE_STORAGE_QUOTA_BYTES: int(0),
  UPLOAD_QUOTA_BYTES_PER_PERSON: int(0),
  // How often the relay enforces channels' retention policies [RETAIN3]; 0: only at
  // start and right after a policy changes.
  RETENTION_SWEEP_MS: int(3_600_000),
  // A relay that cannot hear Redis this long closes every socket with 4503 [SCALE5].
  BUS_FAIL_MS: int(3_000),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Parses the environment; throws a readable error naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid configuration: ${problems.join('; ')}`);
}
