import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../../../shared/approvals/key-fingerprint.js';
import { ed25519Signer, nobleCheck, signedMessage } from '../../../../shared/approvals/log.js';
import { SqliteIdentityStore } from '../../../../sync-server/src/auth/identity/sqlite/sqlite-identity-store.js';
import { loadSigningKey, relayKey } from '../../../../sync-server/src/approvals/signing-key.js';

const stores: SqliteIdentityStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});
const open = () => {
  const store = new SqliteIdentityStore(':memory:');
  stores.push(store);
  return store;
};

describe('the relay signing key', () => {
  it('[APPR30] kept in the identity store: made once, the same on every load', async () => {
    const store = open();
    const first = await loadSigningKey(store, null);
    const again = await loadSigningKey(store, null);
    expect(again.publicKey).toEqual(first.publicKey);
    // node:crypto signs what @noble/curves (the devices' check) accepts.
    const message = signedMessage('00'.repeat(32));
    expect(nobleCheck(first.sign(message), message, first.publicKey)).toBe(true);
  });

  it('[APPR30] APPROVALS_KEY_FILE: made with mode 0600, never written to the database', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'approvals-key-')), 'approvals.key');
    const store = open();
    const signer = await loadSigningKey(store, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const seed = readFileSync(file, 'utf8').trim();
    expect(signer.publicKey).toEqual(ed25519Signer(Buffer.from(seed, 'hex')).publicKey);
    expect((await loadSigningKey(open(), file)).publicKey).toEqual(signer.publicKey);
    expect(await store.approvals.signingSeed('cd'.repeat(32))).toBe('cd'.repeat(32));
    writeFileSync(file, 'not a key\n');
    await expect(loadSigningKey(store, file)).rejects.toThrow(/is not 64 hex digits/);
  });

  it('[APPR31] the fingerprint: SHA-256 of the public key, 8 groups of 4 hex digits', () => {
    const key = new Uint8Array(32);
    // SHA-256 of 32 zero bytes starts 66687aadf862bd776c8fc18b8e9f8e20.
    expect(keyFingerprint(key)).toBe('6668 7aad f862 bd77 6c8f c18b 8e9f 8e20');
    const signer = ed25519Signer(new Uint8Array(32).fill(7));
    expect(relayKey(signer).fingerprint).toBe(keyFingerprint(signer.publicKey));
  });
});
