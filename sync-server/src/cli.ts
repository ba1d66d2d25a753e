/**
 * The operator command line: `npm run admin -- <command> [options]`. It works on the
 * relay's data directory (DATA_DIR, default ./data) directly, or with DATABASE_URL on
 * the PostgreSQL database several relays share, whether or not a relay is running;
 * running relays notice access changes within a second (the access epoch).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SetupBody } from '../../shared/api/schemas.js';
import { Accounts } from './auth/accounts.js';
import { ApiFailure } from './auth/api-failure.js';
import type { IdentityStore } from './auth/identity/identity-store.js';
import { PostgresIdentityStore } from './auth/identity/postgres/postgres-identity-store.js';
import { SqliteIdentityStore } from './auth/identity/sqlite/sqlite-identity-store.js';
import { systemClock } from './clock.js';
import { ADMISSION_LIMITS } from '../../shared/protocol/admission-limits.js';
import type { Persistence } from './persistence/persistence.js';
import { PostgresPersistence } from './persistence/postgres/postgres-persistence.js';
import { SqlitePersistence } from './persistence/sqlite-persistence.js';
import { exportRoom, repairRoom } from './rooms/room-repair.js';
import { RoomDirectory } from './auth/room-directory.js';
import { exportToFile } from './export/export-to-file.js';
import { DiskBlobStore } from './files/blob-store.js';
import { parseConfig } from './config.js';
import { loadSigningKey, relayKey } from './approvals/signing-key.js';
import { verifyApproval } from './approvals/verify-approval-command.js';
import { describeUsage } from './files/describe-usage.js';
import { StorageUsage } from './files/storage-usage.js';
import { migrateToPostgres } from './migrate/migrate-to-postgres.js';
import { describeMigration } from './migrate/migration-summary.js';
import { runBackupCommand } from './backup/backup-commands.js';

const USAGE = `usage: npm run admin -- <command> [options]

  create-workspace --name <workspace> --email <owner email> --owner-name <name> [--password <pw>]
  invite [--role member|admin|guest] [--groups <name,name>] [--hours 72] [--uses 1] [--base-url <url>]
  reset-password --email <email> [--password <pw>]
  deactivate --email <email> [--transfer-to <email>]
  token --email <email> [--ttl-minutes 15]
  users
  verify-approval <bundle.json> [--key <fingerprint|public key|file>]
                                     checks an approval's proof bundle offline (no relay or
                                     database): prints each entry and the final state, exit 0;
                                     or the first failing entry and why, exit 1 (2: not a bundle)
  approvals-key                      the public key the relay signs approvals with and its
                                     fingerprint, to compare with what devices show (made when
                                     missing; APPROVALS_KEY_FILE if set)
  sso-group <group> <provider group>  the group mirrors the provider's group at each sign-in
  sso-group <group> --off             hands the group back to the admins
  sso-groups                          mirrored groups and their provider groups
  rooms                              quarantined rooms: id, since, reason
  room-export <room> <file.json>     a room's stored updates, exactly as stored (base64)
  room-repair <room>                 exports the room to DATA_DIR/quarantine/, rebuilds it from
                                     the updates that can be applied, and puts it back in service
  backup <file>                      writes a consistent archive of everything (both databases, or
                                     the PostgreSQL database, and the uploaded files) while relays run
  restore <file>                     restores an archive into a new or empty DATA_DIR, or with
                                     DATABASE_URL into an empty database (files into FILES_DIR)
  export <file.zip> [--person <email>]
                                     the whole workspace (or what one person can read) as a ZIP:
                                     docs as Markdown, chat as JSON and HTML, tasks as CSV and JSON,
                                     with their files; works while relays run
  usage                              bytes stored: documents, files, total, and files per person,
                                     against WORKSPACE_STORAGE_QUOTA_BYTES and
                                     UPLOAD_QUOTA_BYTES_PER_PERSON (0 = unlimited)
  migrate-to-postgres [--files-dir <dir>]
                                     moves the embedded install in DATA_DIR (relay stopped) into the
                                     empty database at DATABASE_URL, then checks that every row and
                                     room is identical; --files-dir copies uploaded files into the
                                     relays' shared FILES_DIR

A password left out is generated and printed once. Environment: DATA_DIR (default ./data),
or DATABASE_URL for the PostgreSQL database of several relays.`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    email: { type: 'string' },
    'owner-name': { type: 'string' },
    password: { type: 'string' },
    role: { type: 'string', default: 'member' },
    groups: { type: 'string', default: '' },
    hours: { type: 'string', default: '72' },
    uses: { type: 'string', default: '1' },
    'base-url': { type: 'string', default: 'http://localhost:8787' },
    'transfer-to': { type: 'string' },
    'ttl-minutes': { type: 'string', default: '15' },
    'files-dir': { type: 'string' },
    person: { type: 'string' },
    off: { type: 'boolean', default: false },
    key: { type: 'string' },
  },
});

if (positionals[0] === 'verify-approval') {
  // Before the stores open: a bundle is checked with nothing but its own contents.
  const outcome = await verifyApproval(positionals[1], values.key);
  (outcome.code === 2 ? process.stderr : process.stdout).write(`${outcome.text}\n`);
  process.exit(outcome.code);
}

if (positionals[0] === 'backup' || positionals[0] === 'restore') {
  try {
    process.stdout.write(
      `${await runBackupCommand(positionals[0], positionals[1], process.env)}\n`,
    );
    process.exit(0);
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

const dataDir = resolve(process.env.DATA_DIR ?? './data');
mkdirSync(dataDir, { recursive: true });
const databaseUrl = process.env.DATABASE_URL;
const store: IdentityStore = await openIdentity().catch((error: unknown) => {
  // An unreachable or refused database is the operator's to fix: one line, no stack.
  process.stderr.write(
    `error: could not open the identity store (${error instanceof Error ? error.message : String(error)})\n`,
  );
  process.exit(1);
});

// Async, so that a file refused on open (newer schema, failed migration) rejects into
// the one-line message above instead of a stack.
async function openIdentity(): Promise<IdentityStore> {
  if (!databaseUrl) return new SqliteIdentityStore(join(dataDir, 'identity.sqlite'));
  return PostgresIdentityStore.open({ connectionString: databaseUrl, maxConnections: 2 });
}
// A running relay notices the epoch this bumps; nothing here to recheck.
const accounts = new Accounts({ store, clock: systemClock, changed: async () => {} });

function need(name: keyof typeof values): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new Error(`--${name} is required`);
  return value;
}

async function userByEmail(email: string) {
  const user = await store.people.byEmail(email.trim().toLowerCase());
  if (!user) throw new Error(`no user with email ${email}`);
  return user;
}

const opened: { relay: Persistence | null } = { relay: null };
/** The document store (relay.sqlite, or PostgreSQL), opened only by the commands that need it. */
async function documents(): Promise<Persistence> {
  opened.relay ??= databaseUrl
    ? await PostgresPersistence.open({ connectionString: databaseUrl, maxConnections: 2 })
    : new SqlitePersistence({ file: join(dataDir, 'relay.sqlite') });
  return opened.relay;
}

const generated = () => randomBytes(12).toString('base64url');

async function run(command: string | undefined): Promise<string> {
  switch (command) {
    case 'create-workspace': {
      const password = values.password ?? generated();
      const body = SetupBody.parse({
        workspaceName: need('name'),
        name: need('owner-name'),
        email: need('email'),
        password,
      });
      const owner = await accounts.setup(body, 'cli');
      return (
        `created workspace "${body.workspaceName}" with owner ${owner.email}` +
        (values.password ? '' : `\npassword: ${password}`)
      );
    }
    case 'invite': {
      const role = z.enum(['admin', 'member', 'guest']).parse(values.role);
      const names = values.groups
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean);
      const all = await store.groups.all();
      const groups = names.map((n) => {
        const group = all.find((g) => g.name.toLowerCase() === n.toLowerCase());
        if (!group) throw new Error(`no group called ${n}`);
        return group.id;
      });
      const invite = await accounts.createInvite(null, {
        role,
        groups,
        expiresInHours: z.coerce.number().int().min(1).max(720).parse(values.hours),
        maxUses: z.coerce.number().int().min(1).max(1000).parse(values.uses),
      });
      return `${values['base-url'].replace(/\/$/, '')}${invite.path}\n(expires ${new Date(invite.expiresAt).toISOString()})`;
    }
    case 'reset-password': {
      const user = await userByEmail(need('email'));
      const password = values.password ?? generated();
      z.string().min(10, 'passwords need at least 10 characters').parse(password);
      await accounts.setPassword(user.id, password, null);
      return (
        `password of ${user.email} reset; their sessions were signed out` +
        (values.password ? '' : `\npassword: ${password}`)
      );
    }
    case 'deactivate': {
      const user = await userByEmail(need('email'));
      const heir = values['transfer-to'] ? await userByEmail(values['transfer-to']) : undefined;
      await accounts.deactivate(null, user.id, heir?.id);
      return `deactivated ${user.email}${heir ? `; their rooms now belong to ${heir.email}` : ''}`;
    }
    case 'sso-group': {
      // By name, as admins see groups; a mirrored group follows the provider [SSO8].
      const [name, idpGroup] = positionals.slice(1);
      const group = (await store.groups.all()).find(
        (g) => g.name.toLowerCase() === (name ?? '').toLowerCase(),
      );
      if (!group) throw new Error(`no group called "${name ?? ''}" (create it in the app first)`);
      if (!values.off && !idpGroup)
        throw new Error('name the provider group, or pass --off to stop mirroring');
      await store.transaction(async (tx) => {
        await tx.sso.setGroupLink(group.id, values.off ? null : idpGroup!);
        await tx.audit.append({
          at: Date.now(),
          actorId: null,
          action: 'sso.group-link',
          target: group.id,
          details: { idpGroup: values.off ? null : idpGroup },
        });
      });
      return values.off
        ? `${group.name} is no longer mirrored; its members stay as they are`
        : `${group.name} now mirrors the provider group "${idpGroup}" at each sign-in`;
    }
    case 'sso-groups': {
      const [links, groups] = await Promise.all([store.sso.groupLinks(), store.groups.all()]);
      if (links.length === 0) return 'no mirrored groups';
      const names = new Map(groups.map((g) => [g.id, g.name]));
      return links.map((l) => `${names.get(l.group_id) ?? l.group_id}\t${l.idp_group}`).join('\n');
    }
    case 'token': {
      const user = await userByEmail(need('email'));
      if (user.active !== 1) throw new Error(`${user.email} is deactivated`);
      const minutes = z.coerce
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .parse(values['ttl-minutes']);
      const { token } = await accounts.mintToken(user.id, null, minutes * 60_000);
      return token;
    }
    case 'rooms': {
      const rooms = await (await documents()).quarantined();
      if (rooms.length === 0) return 'no quarantined rooms';
      return rooms.map((r) => `${r.room}\t${new Date(r.at).toISOString()}\t${r.reason}`).join('\n');
    }
    case 'room-export': {
      const [room, file] = [positionals[1], positionals[2]];
      if (!room || !file) throw new Error('usage: room-export <room> <file.json>');
      const exported = await exportRoom(await documents(), room);
      writeFileSync(file, JSON.stringify(exported));
      return `wrote ${exported.updates.length} stored updates of ${room} to ${file}`;
    }
    case 'room-repair': {
      const room = positionals[1];
      if (!room) throw new Error('usage: room-repair <room>');
      const persistence = await documents();
      const backup = join(dataDir, 'quarantine', `${room}-${Date.now()}.json`);
      mkdirSync(join(dataDir, 'quarantine'), { recursive: true });
      writeFileSync(backup, JSON.stringify(await exportRoom(persistence, room)));
      const skipped = await repairRoom(persistence, room, ADMISSION_LIMITS);
      return [
        `repaired ${room}; the stored updates as they were are in ${backup}`,
        ...skipped.map((s) => `left out update ${s.index + 1}: ${s.reason}`),
      ].join('\n');
    }
    case 'export': {
      const file = positionals[1];
      if (!file) throw new Error('usage: export <file.zip> [--person <email>]');
      const person = values.person ? await userByEmail(values.person) : null;
      const deps = {
        store,
        accounts,
        directory: new RoomDirectory({ store, clock: systemClock, changed: async () => {} }),
        persistence: await documents(),
        // Read only: a relay may be writing its own temporary files there.
        blobs: new DiskBlobStore(resolve(process.env.FILES_DIR ?? join(dataDir, 'files')), {
          sweep: false,
        }),
        clock: systemClock,
      };
      const manifest = await exportToFile(
        deps,
        person ? { scope: 'personal', actor: person } : { scope: 'admin', actor: null },
        resolve(file),
      );
      const counts = Object.entries(manifest.counts).map(([kind, n]) => `${n} ${kind}`);
      return [
        `wrote ${resolve(file)}: ${counts.join(', ')}`,
        ...manifest.skipped.map((s) => `not exported: ${s.title} (${s.room}): ${s.reason}`),
      ].join('\n');
    }
    case 'migrate-to-postgres': {
      if (!databaseUrl)
        throw new Error('set DATABASE_URL to the (empty) PostgreSQL database to move into');
      const report = await migrateToPostgres({
        dataDir,
        databaseUrl,
        filesDir: values['files-dir'],
      });
      return describeMigration(report);
    }
    case 'usage': {
      const config = parseConfig(process.env);
      const quotas = {
        workspaceBytes: config.WORKSPACE_STORAGE_QUOTA_BYTES,
        personBytes: config.UPLOAD_QUOTA_BYTES_PER_PERSON,
      };
      const usage = new StorageUsage({ persistence: await documents(), store, quotas });
      return describeUsage(await usage.measure(), quotas, await store.people.all());
    }
    case 'approvals-key': {
      const key = relayKey(await loadSigningKey(store, process.env.APPROVALS_KEY_FILE ?? null));
      return `public key   ${key.publicKey}\nfingerprint  ${key.fingerprint}`;
    }
    case 'users':
      return (await store.people.all())
        .map(
          (u) => `${u.email}\t${u.name}\t${u.role}\t${u.active === 1 ? 'active' : 'deactivated'}`,
        )
        .join('\n');
    default:
      throw new Error(command ? `unknown command "${command}"\n\n${USAGE}` : USAGE);
  }
}

try {
  process.stdout.write(`${await run(positionals[0])}\n`);
  await store.close();
  await opened.relay?.close();
} catch (error) {
  await store.close();
  await opened.relay?.close();
  const message =
    error instanceof ApiFailure || error instanceof Error
      ? error instanceof z.ZodError
        ? error.issues.map((i) => i.message).join('; ')
        : error.message
      : String(error);
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}
