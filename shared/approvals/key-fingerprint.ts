import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * [APPR31] The relay key's fingerprint, as the relay's `approvals-key` command prints
 * it and a device shows it: SHA-256 of the 32 public key bytes, the first 16 bytes as
 * 8 groups of 4 hex digits ("3f2a 91c0 …"). Short enough to read aloud, long enough
 * (128 bits) that nobody can make another key with the same fingerprint.
 */
export function keyFingerprint(publicKey: Uint8Array): string {
  const hex = bytesToHex(sha256(publicKey)).slice(0, 32);
  return (hex.match(/.{4}/g) ?? []).join(' ');
}
