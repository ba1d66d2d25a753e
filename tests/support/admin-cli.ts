import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { nodeArgs } from './compiled-relay.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** The operator command line, as the README tells operators to run it, on `dataDir`. */
export function admin(dataDir: string, ...args: string[]) {
  return adminWith({ DATA_DIR: dataDir }, ...args);
}

/** The operator command line on the PostgreSQL database of several relays (`DATABASE_URL=… npm run admin`). */
export function adminOnDatabase(databaseUrl: string, ...args: string[]) {
  // DATA_DIR is not read for the stores then, but the command line makes it: not in the repo.
  const dataDir = mkdtempSync(join(tmpdir(), 'admin-'));
  return adminWith({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir }, ...args);
}

/** The command line on a scaled install: its database and the relays' shared FILES_DIR. */
export function adminOnScaled(databaseUrl: string, filesDir: string, ...args: string[]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'admin-'));
  return adminWith({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, FILES_DIR: filesDir }, ...args);
}

/** The command line with exactly these variables set (DATA_DIR, DATABASE_URL, FILES_DIR…). */
export function adminWith(env: Record<string, string>, ...args: string[]) {
  return run(process.execPath, [...nodeArgs('sync-server/src/cli.ts'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
  });
}
