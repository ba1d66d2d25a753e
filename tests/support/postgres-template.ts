/**
 * Global setup of Vitest's integration project: one initdb per run, which each
 * startPostgres (postgres-server.ts) copies instead of running initdb itself (about
 * 2 s each, in 14 files). Without PostgreSQL it does nothing: each test that needs the
 * server then fails with startPostgres' own message saying what to install.
 */
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initCluster, postgresBinDir, postgresUser, TEMPLATE_ENV } from './postgres-server.js';

export default function makeTemplate(): () => void {
  let bin: string;
  try {
    bin = postgresBinDir();
  } catch {
    return () => {};
  }
  const dir = mkdtempSync(join(tmpdir(), 'pg-template-'));
  const owner = process.getuid?.() === 0 ? postgresUser() : null;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  initCluster(bin, data, owner);
  process.env[TEMPLATE_ENV] = data;
  return () => {
    delete process.env[TEMPLATE_ENV];
    rmSync(dir, { recursive: true, force: true });
  };
}
