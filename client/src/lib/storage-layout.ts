/**
 * The versioned layout of this app's localStorage [UPGRADE6]. Every key the app
 * keeps there is listed here (exact keys and prefixes, with the module that owns
 * each), under one layout version recorded in `ws:layout`. At start, before anything
 * reads localStorage, `upgradeLocalStorage` brings the layout to LAYOUT_VERSION:
 *
 * - no version recorded: the layout of the first release, which is version 1, so
 *   nothing a device holds today is renamed or dropped;
 * - an older version: the migrations after it run in order (none yet: a change of
 *   key or value shape becomes a numbered entry in MIGRATIONS);
 * - a newer version (an app from the future ran here, then this older one was
 *   loaded): nothing is changed, the app reads what it understands;
 * - a value that should be JSON and is not (a truncated write, a hand edit) is moved
 *   to `ws:quarantine:<key>`, reported, and the key starts empty: never silently
 *   dropped, never a crash at start.
 */

export const LAYOUT_KEY = 'ws:layout';
export const LAYOUT_VERSION = 1;
export const QUARANTINE_PREFIX = 'ws:quarantine:';

interface KeyOwner {
  /** An exact key, or a prefix when it ends with `:` or `.`. */
  key: string;
  /** The module that reads and writes it. */
  owner: string;
  /** Its values are JSON (checked at start); otherwise plain strings. */
  json: boolean;
}

/** Every key of layout version 1 (the first release). */
export const STORAGE_KEYS: readonly KeyOwner[] = [
  { key: 'ws:device-owner', owner: 'auth/session-store.ts', json: false },
  { key: 'ws:session', owner: 'auth/session-cache.ts', json: true },
  { key: 'ws:theme', owner: 'app/theme-preference.ts', json: false },
  { key: 'ws:pending-docs', owner: 'features/docs/tree/pending-docs.ts', json: true },
  { key: 'ws:unsettled-parts', owner: 'sync/doc-registry.ts', json: true },
  { key: 'ws:reminders:', owner: 'workspace/reminder-store.ts', json: true },
  { key: 'ws:ai:briefing-hidden:', owner: 'features/ai/briefing-hidden.ts', json: false },
  { key: 'ws:people:', owner: 'workspace/people.ts', json: true },
  { key: 'ai.settings', owner: 'features/ai/ai-settings.ts', json: true },
  { key: 'ai.models', owner: 'features/ai/ai-context.tsx', json: true },
  { key: 'chat.dingRepeatSeconds', owner: 'features/chat/ding-settings.ts', json: false },
  { key: 'chat.node', owner: 'features/chat/chat-context.tsx', json: false },
  { key: 'chat.people', owner: 'workspace/people.ts', json: true },
  { key: 'chat.members.', owner: 'features/chat/ChannelView.tsx', json: true },
  { key: 'ws:device:persist-asked', owner: 'lib/storage-persistence.ts', json: false },
  { key: 'ws:home:scratchpad-folded', owner: 'features/home/Scratchpad.tsx', json: false },
];

/** One step from version `version - 1` to `version`; it must not lose a value it cannot read. */
interface LayoutMigration {
  version: number;
  name: string;
  up(storage: Storage): void;
}

/** Version 1 is the first release's layout as it is: nothing to do to reach it. */
const MIGRATIONS: readonly LayoutMigration[] = [];

export type LayoutOutcome =
  | { kind: 'current'; version: number; quarantined: string[] }
  | { kind: 'upgraded'; from: number; version: number; quarantined: string[] }
  /** Written by a newer app: left as it is. */
  | { kind: 'newer'; found: number; version: number; quarantined: string[] };

export function ownerOf(key: string): KeyOwner | undefined {
  return STORAGE_KEYS.find((k) => (/[:.]$/.test(k.key) ? key.startsWith(k.key) : key === k.key));
}

export function upgradeLocalStorage(
  storage: Storage,
  migrations: readonly LayoutMigration[] = MIGRATIONS,
): LayoutOutcome {
  const known = 1 + migrations.length;
  const raw = storage.getItem(LAYOUT_KEY);
  const found = raw === null ? 1 : Number(raw);
  if (!Number.isInteger(found) || found < 1) {
    // The version itself is unreadable: keep it aside and read the rest as version 1.
    storage.setItem(`${QUARANTINE_PREFIX}${LAYOUT_KEY}`, raw ?? '');
    storage.removeItem(LAYOUT_KEY);
    return upgradeLocalStorage(storage, migrations);
  }
  if (found > known) return { kind: 'newer', found, version: known, quarantined: [] };
  const quarantined = quarantineUnreadable(storage);
  for (const migration of migrations.slice(found - 1)) {
    migration.up(storage);
    // Recorded after each step: a tab closed half-way resumes from the next one.
    storage.setItem(LAYOUT_KEY, String(migration.version));
  }
  storage.setItem(LAYOUT_KEY, String(known));
  return found === known
    ? { kind: 'current', version: known, quarantined }
    : { kind: 'upgraded', from: found, version: known, quarantined };
}

function quarantineUnreadable(storage: Storage): string[] {
  const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i));
  const moved: string[] = [];
  for (const key of keys) {
    if (key === null || !ownerOf(key)?.json) continue;
    const value = storage.getItem(key);
    if (value === null) continue;
    try {
      JSON.parse(value);
    } catch {
      storage.setItem(`${QUARANTINE_PREFIX}${key}`, value);
      storage.removeItem(key);
      moved.push(key);
    }
  }
  return moved;
}
