/**
 * What the PostgreSQL and the SQLite migration runners share: the rules of a
 * migration list and the errors a relay stops on. Every store keeps one numbered
 * list of migrations (1, 2, 3, ...), applies the ones its database lacks, each in
 * its own transaction, and records with each the relay release that applied it, so
 * that a database a newer relay migrated is refused naming that release [UPGRADE3].
 */
import { RELAY_VERSION } from '../version.js';

/** The numbering every migration list follows: version i+1 at index i, never reused. */
export function checkMigrationList(
  store: string,
  migrations: readonly { version: number; name: string }[],
): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`${store} migration "${migration.name}" must have version ${index + 1}`);
    }
  });
}

/** The database holds a schema version this code does not know [UPGRADE3]. */
export class SchemaTooNewError extends Error {
  constructor(
    /** Names the store as an operator knows it: "identity.sqlite", "PostgreSQL documents". */
    readonly store: string,
    readonly found: number,
    readonly known: number,
    /** The release that applied version `found`; null when an older runner did not record it. */
    readonly foundRelease: string | null,
    readonly release: string = RELAY_VERSION,
  ) {
    const by = foundRelease ? ` (migrated by relay ${foundRelease})` : '';
    super(
      `the ${store} schema is at version ${found}${by}, but this relay (${release}) knows only ` +
        `up to version ${known}: run relay ${foundRelease ?? 'at least as new as the one that migrated it'} ` +
        `or newer, or restore the backup taken before the upgrade`,
    );
    this.name = 'SchemaTooNewError';
  }
}

/** A migration threw: its transaction was rolled back, the schema is still at the version before it [UPGRADE2]. */
export class MigrationFailedError extends Error {
  constructor(
    readonly store: string,
    readonly version: number,
    readonly migrationName: string,
    cause: unknown,
  ) {
    super(
      `${store} migration ${version} ("${migrationName}") failed, the schema stays at version ` +
        `${version - 1}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'MigrationFailedError';
  }
}

/** A file that records no version and whose tables are not those of version 1 [UPGRADE4]. */
export class SchemaUnknownError extends Error {
  constructor(
    readonly store: string,
    readonly differences: readonly string[],
  ) {
    super(
      `${store} records no schema version and its tables are not those a relay wrote before ` +
        `versions were recorded (${differences.join('; ')}): it was not written by this relay; ` +
        `restore a backup or point DATA_DIR at the right directory`,
    );
    this.name = 'SchemaUnknownError';
  }
}

/** Any of the reasons a store refuses to open its database; the relay prints it and exits 1. */
export type SchemaVersionError = SchemaTooNewError | MigrationFailedError | SchemaUnknownError;

export function isSchemaVersionError(error: unknown): error is SchemaVersionError {
  return (
    error instanceof SchemaTooNewError ||
    error instanceof MigrationFailedError ||
    error instanceof SchemaUnknownError
  );
}
