import { randomBytes } from 'node:crypto';

/** A random row id (96 bits, URL-safe). */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}
