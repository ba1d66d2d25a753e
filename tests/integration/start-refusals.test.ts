/**
 * A relay the operator configured wrongly says so in one line and exits 1, instead
 * of a stack trace (README, "When the relay refuses to start").
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function refusedStart(env: Record<string, string>): Promise<string> {
  const failure = (await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'sync-server/src/main.ts'],
    {
      cwd: root,
      env: { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'refused-')), ...env },
    },
  ).then(
    () => {
      throw new Error('the relay started');
    },
    (error: unknown) => error,
  )) as { code: number; stderr: string };
  expect(failure.code).toBe(1);
  const lines = failure.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
}

describe('a relay that cannot start says why in one line', () => {
  it('names a variable it cannot parse', async () => {
    expect(await refusedStart({ PORT: 'eighty' })).toMatch(
      /^relay not started: invalid configuration: PORT: /,
    );
  });

  it('names half a single sign-on configuration', async () => {
    expect(await refusedStart({ OIDC_ISSUER: 'https://id.example.org' })).toMatch(
      /^relay not started: .*OIDC_CLIENT_ID/,
    );
  });
});
