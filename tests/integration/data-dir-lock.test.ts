import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../support/cleanup.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';

const cleanup = cleanupAfterEach();

async function relay(dataDir: string): Promise<RelayProcess> {
  const p = await startRelayProcess({ DATA_DIR: dataDir });
  cleanup.push(() => (p.child.exitCode === null ? p.kill() : undefined));
  return p;
}

/** Starts a relay that is expected to refuse; a relay that starts anyway fails the match. */
async function refusal(dataDir: string): Promise<string> {
  try {
    const p = await relay(dataDir);
    return `a second relay started on port ${p.port}`;
  } catch (error) {
    return (error as Error).message;
  }
}

async function healthy(p: RelayProcess): Promise<boolean> {
  const health = (await (await fetch(`${p.httpUrl}/healthz`)).json()) as { ok?: boolean };
  return health.ok === true;
}

describe('one relay per DATA_DIR (child processes)', () => {
  it('[OPS1] a second relay on the same DATA_DIR exits non-zero naming the directory; the first keeps serving', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lock-'));
    const first = await relay(dataDir);

    const message = await refusal(dataDir);
    expect(message).toContain('exited with 1 before listening');
    expect(message).toContain(`another relay is already running on DATA_DIR ${dataDir}`);
    expect(await healthy(first)).toBe(true);
  });

  it('[OPS2] a relay killed with SIGKILL leaves no stale lock: the next one starts and holds the lock in turn', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lock-kill9-'));
    const first = await relay(dataDir);
    await first.kill();

    const second = await relay(dataDir);
    expect(await healthy(second)).toBe(true);
    expect(await refusal(dataDir)).toContain(
      `another relay is already running on DATA_DIR ${dataDir}`,
    );
  });
});
