import { z } from 'zod';
import { LOG_LEVELS } from './logger.js';

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
  // JSON log lines on stderr at this level and above [METRIC7].
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  // When set, GET /metrics answers only `Authorization: Bearer <METRICS_TOKEN>` [METRIC6].
  METRICS_TOKEN: z.string().min(16).optional(),
  // Scheduled backups [BACKUP7]: set BACKUP_DIR to take one every BACKUP_INTERVAL_HOURS
  // (fractions allowed) and keep the newest BACKUP_KEEP there. In the scaled mode one
  // relay takes each backup; give every relay the same (shared) BACKUP_DIR.
  BACKUP_DIR: z.string().optional(),
  BACKUP_INTERVAL_HOURS: z.coerce.number().positive().default(24),
  BACKUP_KEEP: z.coerce.number().int().min(1).default(7),
  // The address people open the app at (https://team.example.org), for links the relay
  // hands to others, such as the single sign-on callback; no trailing path.
  PUBLIC_URL: z.string().url().optional(),
  // Single sign-on with OpenID Connect (OPERATIONS.md, "Single sign-on"): off unless
  // OIDC_ISSUER is set; sso-settings.ts checks the whole set and says what is missing.
  OIDC_ISSUER: z.string().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  // Absent for a public client (PKCE alone).
  OIDC_CLIENT_SECRET: z.string().optional(),
  // Default: PUBLIC_URL + /api/auth/sso/callback. Register it at the provider.
  OIDC_REDIRECT_URL: z.string().optional(),
  // allow: SSO next to passwords; require: passwords only for OIDC_PASSWORD_ADMINS [SSO2].
  OIDC_MODE: z.string().default('allow'),
  // Comma-separated emails of admins who may still use a password in require mode.
  OIDC_PASSWORD_ADMINS: z.string().default(''),
  // domains: new people from OIDC_ALLOWED_DOMAINS join; invites: only with an invite [SSO7].
  OIDC_PROVISION: z.string().default('invites'),
  OIDC_ALLOWED_DOMAINS: z.string().default(''),
  OIDC_DEFAULT_ROLE: z.string().default('member'),
  OIDC_GROUPS_CLAIM: z.string().default('groups'),
  OIDC_SCOPES: z.string().default('openid email profile'),
  // The button: "Sign in with <label>".
  OIDC_LABEL: z.string().default('single sign-on'),
  // Treat the provider's email as verified without email_verified=true [SSO6].
  OIDC_TRUST_EMAIL: z.string().default('false'),
  // Plain http to the provider (tests, a provider on a private network); never on the internet.
  OIDC_ALLOW_HTTP: z.string().default('false'),
  // The approvals signing key (hex Ed25519 seed) in a file of its own instead of the
  // identity database, so that a dump or backup of the database cannot forge approvals
  // [APPR30]. Created (mode 0600) when missing; every relay of a cluster needs the same file.
  APPROVALS_KEY_FILE: z.string().optional(),
});
export type Config = z.infer<typeof ConfigSchema>;

/** An environment variable the relay cannot use; main.ts prints it and exits 1. */
export class ConfigError extends Error {}

/** Parses the environment; throws a readable error naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
}
