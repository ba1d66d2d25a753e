/**
 * Ed25519 through node:crypto (OpenSSL): the relay signs approval log entries with it
 * (5-20 times faster than @noble/curves, which devices use), and tests check one
 * implementation against the other. shared/approvals stays free of node: imports.
 */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { RelaySigner, SignatureCheck } from '../../../shared/approvals/log.js';

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

export function nodeSigner(secretKey: Uint8Array): RelaySigner {
  const key = createPrivateKey({
    // PKCS#8 for an Ed25519 seed is this fixed 16-byte prefix and the 32 seed bytes.
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), secretKey]),
    format: 'der',
    type: 'pkcs8',
  });
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  return {
    publicKey: new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url')),
    sign: (message) => new Uint8Array(sign(null, message, key)),
  };
}

const publicKeys = new Map<string, ReturnType<typeof createPublicKey>>();

export const nodeCheck: SignatureCheck = (signature, message, publicKey) => {
  const x = b64url(publicKey);
  let key = publicKeys.get(x);
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    publicKeys.set(x, key);
  }
  return verify(null, message, key, signature);
};
