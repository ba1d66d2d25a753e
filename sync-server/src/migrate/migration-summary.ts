import type { MigrationReport } from './migrate-to-postgres.js';

const LABELS: Record<string, string> = {
  users: 'people',
  groups: 'groups',
  group_members: 'group memberships',
  sessions: 'sessions',
  invites: 'invites',
  rooms: 'rooms',
  room_grants: 'access grants',
  favourites: 'favourites',
  files: 'file records',
  notifications: 'notifications',
  audit: 'audit entries',
};

/** What the operator reads when the move succeeded: counts, bytes, time, and where the files are. */
export function describeMigration(report: MigrationReport): string {
  const rows = (table: string) => report.copied.get(table)?.rows ?? 0;
  const bytes = (table: string) => report.copied.get(table)?.bytes ?? 0;
  const epoch = report.epoch;
  const files = report.files;
  return [
    `moved workspace "${report.workspace}" into PostgreSQL in ${(report.ms / 1000).toFixed(1)} s`,
    `identity: ${Object.entries(LABELS)
      .map(([table, label]) => `${rows(table)} ${label}`)
      .join(', ')}; access epoch ${epoch} and workspace secret kept`,
    `documents: ${rows('doc_rooms')} rooms (${report.quarantined} quarantined, kept quarantined), ` +
      `${rows('doc_snapshots')} snapshots and ${rows('doc_updates')} log entries, ` +
      `${bytes('doc_snapshots') + bytes('doc_updates')} bytes; ` +
      `feed ${report.feed.feedId} kept at position ${report.feed.position}, so devices fetch only what changes from now on`,
    'left' in files
      ? `files: not copied (${files.left} uploaded files, in ${files.dir}): ` +
        'point FILES_DIR of every relay at a shared copy of that directory, or run again with --files-dir DIR'
      : `files: ${files.copied} copied, ${files.skipped} already there, ${files.bytes} bytes, hashes verified` +
        files.damaged.map((d) => `\n  not copied, already broken before the move: ${d}`).join(''),
    'check: every row, every room as stored and as loaded, identical in PostgreSQL',
  ].join('\n');
}
