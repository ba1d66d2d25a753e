import { z } from 'zod';

/** The archive layout this code writes and reads; a newer one is refused, never guessed at. */
export const FORMAT_VERSION = 1;
export const FORMAT = 'localfirst-workspace-backup';
/** The first entry of every archive. */
export const MANIFEST = 'manifest.json';
export const IDENTITY_FILE = 'identity.sqlite';
export const RELAY_FILE = 'relay.sqlite';

/** Names an archive may hold besides the manifest: nothing else is ever extracted. */
export function isDataEntry(name: string): boolean {
  return name === IDENTITY_FILE || name === RELAY_FILE || /^files\/[0-9a-f]{64}$/.test(name);
}

export const Entry = z.object({
  name: z.string().refine(isDataEntry, 'not a name a backup holds'),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Entry = z.infer<typeof Entry>;

/** Only the fields that tell what the archive is; read before anything else. */
const Header = z.object({ format: z.literal(FORMAT), formatVersion: z.number().int() });

export const Manifest = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  relayVersion: z.string(),
  createdAt: z.string(),
  mode: z.enum(['embedded', 'scaled']),
  workspace: z.string().nullable(),
  /**
   * The schema version of each SQLite file as archived (its schema_migrations), and, for a backup of the
   * scaled mode, the PostgreSQL schema version of each component (schema_migrations).
   */
  schemaVersions: z.record(z.string(), z.number().int()),
  /** Rows per table of the archived SQLite files, and `uploaded files`. */
  counts: z.record(z.string(), z.number().int()),
  entries: z.array(Entry),
});
export type Manifest = z.infer<typeof Manifest>;

/** The archive is not one this relay can restore; the message is the operator's one line. */
export class BackupDamaged extends Error {}

/** Parses manifest.json, telling "not ours", "too new" and "damaged" apart. */
export function parseManifest(text: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupDamaged('its manifest.json is not JSON');
  }
  const header = Header.safeParse(json);
  if (!header.success) throw new BackupDamaged('its manifest.json is not a backup manifest');
  if (header.data.formatVersion !== FORMAT_VERSION)
    throw new BackupDamaged(
      `it is in backup format version ${header.data.formatVersion}, and this relay reads only version ${FORMAT_VERSION}: restore it with the relay version that wrote it`,
    );
  const manifest = Manifest.safeParse(json);
  if (!manifest.success)
    throw new BackupDamaged(
      `its manifest is damaged (${manifest.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`,
    );
  return manifest.data;
}
