/**
 * Whether the browser may evict this device's copy of the workspace, and how much it
 * holds (navigator.storage: persist, persisted, estimate). Browsers without the API,
 * or without one of its methods, are reported as such rather than guessed about.
 * DEVICE.md [DEV10]-[DEV12].
 */

/** The parts of StorageManager used here, each optional (older browsers lack some). */
export interface StorageApi {
  persist?: () => Promise<boolean>;
  persisted?: () => Promise<boolean>;
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
}

export type Persistence = 'persisted' | 'may-evict' | 'unknown';

export type StorageReport =
  | { kind: 'unsupported' }
  | { kind: 'known'; usage: number | null; quota: number | null; persistence: Persistence };

/** The browser's StorageManager, if it has one. */
export function browserStorage(): StorageApi | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

function persistenceOf(value: boolean | null): Persistence {
  if (value === null) return 'unknown';
  return value ? 'persisted' : 'may-evict';
}

const orNull = <T>(call: (() => Promise<T>) | undefined): Promise<T | null> =>
  call ? call().catch(() => null) : Promise.resolve(null);

export async function readStorageReport(storage: StorageApi | undefined): Promise<StorageReport> {
  if (!storage || (!storage.estimate && !storage.persisted)) return { kind: 'unsupported' };
  const [estimate, persisted] = await Promise.all([
    orNull(storage.estimate?.bind(storage)),
    orNull(storage.persisted?.bind(storage)),
  ]);
  return {
    kind: 'known',
    usage: typeof estimate?.usage === 'number' ? estimate.usage : null,
    quota: typeof estimate?.quota === 'number' ? estimate.quota : null,
    persistence: persistenceOf(persisted),
  };
}

/** Asks for persistence; what the browser answered, or null when it cannot be asked. */
export function requestPersistence(storage: StorageApi | undefined): Promise<boolean | null> {
  return orNull(storage?.persist?.bind(storage));
}

/** Device-wide, and kept on sign-out: the question is about this browser, not a person. */
export const PERSIST_ASKED_KEY = 'ws:device:persist-asked';

/**
 * On the first sign-in on this device, asks once for persistent storage [DEV10]:
 * never again after that, whatever the answer (Settings offers the button).
 * Resolves to the answer, or null when nothing was asked.
 */
export async function askPersistenceOnce(
  storage: StorageApi | undefined,
  local: Pick<Storage, 'getItem' | 'setItem'>,
): Promise<boolean | null> {
  if (local.getItem(PERSIST_ASKED_KEY) !== null || !storage?.persist) return null;
  local.setItem(PERSIST_ASKED_KEY, String(Date.now()));
  if (storage.persisted && (await orNull(storage.persisted.bind(storage))) === true) return true;
  return requestPersistence(storage);
}

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;

/** 0 bytes, 812 KB, 3.4 MB, 120 GB (powers of 1024, as browsers report quotas). */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)} ${value === 1 ? 'byte' : 'bytes'}`;
  const digits = value < 10 ? 1 : 0;
  return `${value.toFixed(digits).replace(/\.0$/, '')} ${UNITS[unit]}`;
}
