import { hexToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import type { RelayKey } from '../../../../shared/api/approvals.js';
import { keyFingerprint } from '../../../../shared/approvals/key-fingerprint.js';

/**
 * The relay's approval key, pinned on this device the first time it is fetched
 * ([APPR50]): every later log is verified with the pinned key, so a relay (or
 * anything between) that starts signing with another key is caught, not trusted. The
 * pin is the relay's, not the person's, so it stays when someone signs out.
 */
export const PINNED_KEY_STORAGE = 'ws:approvals-relay-key';

const Pinned = z.object({ publicKey: z.string().regex(/^[0-9a-f]{64}$/), pinnedAt: z.string() });
export type PinnedKey = z.infer<typeof Pinned>;

export type KeyCheck =
  { kind: 'pinned'; key: PinnedKey } | { kind: 'changed'; pinned: PinnedKey; offered: string };

/** [APPR31] The fingerprint of a hex key, computed here, never taken from the relay's answer. */
export const fingerprintOf = (publicKeyHex: string): string =>
  keyFingerprint(hexToBytes(publicKeyHex));

export function readPinnedKey(storage: Storage): PinnedKey | null {
  try {
    const parsed = Pinned.safeParse(JSON.parse(storage.getItem(PINNED_KEY_STORAGE) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Pins `offered` when nothing is pinned; otherwise says whether it is the pinned key. */
export function checkRelayKey(storage: Storage, offered: RelayKey, now: string): KeyCheck {
  const pinned = readPinnedKey(storage);
  if (!pinned) {
    const key = { publicKey: offered.publicKey, pinnedAt: now };
    storage.setItem(PINNED_KEY_STORAGE, JSON.stringify(key));
    return { kind: 'pinned', key };
  }
  return pinned.publicKey === offered.publicKey
    ? { kind: 'pinned', key: pinned }
    : { kind: 'changed', pinned, offered: offered.publicKey };
}

/** After the person confirmed the new fingerprint with their operator. */
export function repinRelayKey(storage: Storage, publicKey: string, now: string): PinnedKey {
  const key = { publicKey, pinnedAt: now };
  storage.setItem(PINNED_KEY_STORAGE, JSON.stringify(key));
  return key;
}
