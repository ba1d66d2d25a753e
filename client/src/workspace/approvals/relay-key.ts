import { sha256 } from '@noble/hashes/sha2.js';
import { hexToBytes, bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';
import type { RelayKey } from '../../../../shared/api/approvals.js';

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

/**
 * What a person compares with the operator's: SHA-256 of the 32 key bytes, the first
 * 16 bytes in groups of four hex digits. Computed here from the key itself, never
 * taken from the relay's answer, so a relay cannot show a fingerprint it does not sign with.
 */
export function keyFingerprint(publicKeyHex: string): string {
  const digest = bytesToHex(sha256(hexToBytes(publicKeyHex))).slice(0, 32);
  return digest.match(/.{4}/g)!.join(' ');
}

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
