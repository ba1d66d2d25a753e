import { createHash } from 'node:crypto';
import type { DirectoryRoom } from '../../../shared/api/schemas.js';

/**
 * The digest of one person's directory: SHA-256 of exactly the JSON that
 * `GET /api/rooms` returns, 16 hex characters. Sent as `x-directory-digest` and
 * echoed by the client in `hello`, so the relay can tell whether the device's copy
 * of the directory is current [FEED1][FEED3].
 */
export function directoryDigest(rooms: readonly DirectoryRoom[]): string {
  return createHash('sha256').update(JSON.stringify(rooms)).digest('hex').slice(0, 16);
}
