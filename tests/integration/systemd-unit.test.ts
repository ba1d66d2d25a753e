/**
 * The systemd unit shipped in sync-server/deploy/ is what operators copy; a typo
 * in its command line or a variable the relay does not read would surface only on
 * their server. This runs the unit's own ExecStart with its own environment, from
 * the checkout instead of /opt/workspace, and stops it the way systemd does.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../sync-server/src/config.js';
import { waitForListening } from '../support/listening.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const unitFile = join(root, 'sync-server/deploy/workspace-relay.service');

/** [section] -> key -> every value (Environment= repeats). */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header?.[1]) {
      current = new Map();
      sections.set(header[1], current);
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq < 1) throw new Error(`unit line outside a section or without "=": ${line}`);
    const key = line.slice(0, eq);
    current.set(key, [...(current.get(key) ?? []), line.slice(eq + 1)]);
  }
  return sections;
}

describe('the systemd unit (README "Running it for years")', () => {
  const unit = parseUnit(readFileSync(unitFile, 'utf8'));
  const service = unit.get('Service');

  it('sets only variables the relay reads', () => {
    expect(service).toBeDefined();
    const environment = (service?.get('Environment') ?? []).map((pair) => pair.split('=')[0]);
    expect(environment.length).toBeGreaterThan(0);
    const known = new Set([...Object.keys(ConfigSchema.shape), 'NODE_ENV']);
    expect(environment.filter((name) => !known.has(name ?? ''))).toEqual([]);
  });

  it('starts the relay with its ExecStart and stops cleanly on its KillSignal', async () => {
    const [execStart] = service?.get('ExecStart') ?? [];
    const [program, ...args] = (execStart ?? '').split(/\s+/);
    // The unit names Debian's node; the test runs the same arguments on this node.
    expect(program).toMatch(/^\/.*\/node$/);
    const environment = Object.fromEntries(
      (service?.get('Environment') ?? []).map((pair) => {
        const eq = pair.indexOf('=');
        return [pair.slice(0, eq), pair.slice(eq + 1)];
      }),
    );
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: {
        ...process.env,
        ...environment,
        // The unit's paths exist only on a server; everything else is the unit's.
        DATA_DIR: mkdtempSync(join(tmpdir(), 'unit-')),
        PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
    const port = await waitForListening(child, 'relay from the unit');
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
      ok: boolean;
    };
    expect(health.ok).toBe(true);
    const [signal] = service?.get('KillSignal') ?? ['SIGTERM'];
    child.kill(signal as NodeJS.Signals);
    const [code] = await exited;
    expect(code).toBe(0);
  });
});
