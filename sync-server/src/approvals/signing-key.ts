import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { RelayKey } from '../../../shared/api/approvals.js';
import { keyFingerprint } from '../../../shared/approvals/key-fingerprint.js';
import type { RelaySigner } from '../../../shared/approvals/log.js';
import type { IdentityStore } from '../auth/identity/identity-store.js';
import { nodeSigner } from './node-ed25519.js';

/**
 * The relay's approval signing key [APPR30]. Its 32-byte seed lives in the identity
 * store's `meta` table by default, beside the token secret: every relay of a scaled
 * deployment reads the same row, and backup and migrate-to-postgres carry it, so logs
 * signed before a restore or a move still verify with the same public key. The price
 * is that whoever holds a dump or backup of the database can sign entries that verify;
 * APPROVALS_KEY_FILE keeps the seed in a file instead (never written to the database).
 */
export async function loadSigningKey(
  store: IdentityStore,
  keyFile: string | null,
): Promise<RelaySigner> {
  const fresh = randomBytes(32).toString('hex');
  const seed = keyFile
    ? await seedFromFile(keyFile, fresh)
    : await store.approvals.signingSeed(fresh);
  if (!/^[0-9a-f]{64}$/.test(seed))
    throw new Error(
      `the approvals signing key ${keyFile ? `in ${keyFile}` : 'in the database'} is not 64 hex digits`,
    );
  return nodeSigner(Buffer.from(seed, 'hex'));
}

async function seedFromFile(file: string, fresh: string): Promise<string> {
  try {
    // 'wx': relays starting together never overwrite one another's key.
    await writeFile(file, `${fresh}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return (await readFile(file, 'utf8')).trim();
}

export function relayKey(signer: RelaySigner): RelayKey {
  return {
    algorithm: 'Ed25519',
    publicKey: Buffer.from(signer.publicKey).toString('hex'),
    fingerprint: keyFingerprint(signer.publicKey),
  };
}
