import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForListening } from '../../tests/support/listening.js';
import { seedWorkspace, type SeededWorkspace } from '../../tests/support/workspace-seed.js';

/** Repository root: benchmarks spawn servers with it as the working directory. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export type ServerKind =
  'raw' | 'reference' | 'relay' | 'relay-mux' | 'relay-normal' | 'relay-memory' | 'relay-base';

interface ServerSpec {
  label: string;
  entry: string;
  env: Record<string, string>;
  /** URL path before the room name. */
  prefix: string;
  /** Where to run it from; default the repository root. */
  cwd?: string;
  /** Clients use protocol version 2 (`/sync?v=2`, one subscription each). */
  mux?: true;
}

const specs: Record<ServerKind, ServerSpec> = {
  raw: { label: 'raw ws forwarder', entry: 'bench/lib/raw-forwarder.ts', env: {}, prefix: '/' },
  reference: {
    label: 'y-websocket 1.5.4 reference',
    entry: 'bench/lib/reference-server.ts',
    env: {},
    prefix: '/',
  },
  relay: {
    label: 'our relay (SQLite, synchronous=full)',
    entry: 'sync-server/src/main.ts',
    env: {},
    prefix: '/sync/',
  },
  'relay-mux': {
    label: 'our relay, clients on /sync?v=2 (one subscription each)',
    entry: 'sync-server/src/main.ts',
    env: {},
    prefix: '/sync/',
    mux: true,
  },
  'relay-normal': {
    label: 'our relay (SQLite, synchronous=normal)',
    entry: 'sync-server/src/main.ts',
    env: { SQLITE_SYNCHRONOUS: 'normal' },
    prefix: '/sync/',
  },
  'relay-memory': {
    label: 'our relay (MemoryPersistence)',
    entry: 'bench/lib/relay-memory.ts',
    env: {},
    prefix: '/sync/',
  },
  // An earlier version of the relay, checked out in BENCH_BASE_DIR (git worktree add
  // DIR COMMIT), so that a change is measured against its baseline in the same run.
  'relay-base': {
    label: `our relay at ${process.env.BENCH_BASE_DIR ?? '(BENCH_BASE_DIR unset)'}`,
    entry: 'sync-server/src/main.ts',
    env: {},
    prefix: '/sync/',
    ...(process.env.BENCH_BASE_DIR && { cwd: process.env.BENCH_BASE_DIR }),
  },
};

export const serverLabel = (kind: ServerKind): string => specs[kind].label;

export interface ServerProcess {
  kind: ServerKind;
  pid: number;
  port: number;
  /** Its clients speak protocol version 2: `roomUrl` is then the workspace connection's. */
  mux: boolean;
  /** WebSocket URL of a room, in the URL scheme of this server. */
  roomUrl: (room: string) => string;
  /** User + system CPU seconds the process has used so far (from /proc). */
  cpuSeconds: () => number;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

const CLOCK_TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

/** utime + stime of a process, read from /proc/<pid>/stat (fields 14 and 15). */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; fields after it are space separated.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
  nodeFlags?: string[];
}

/** Starts one server in its own process; each prints `listening on http://localhost:<port>`. */
export async function startServer(
  kind: ServerKind,
  { env = {}, nodeFlags = [] }: SpawnOptions = {},
): Promise<ServerProcess> {
  // Our relay enforces access: give it a workspace, and its clients a token and open rooms.
  const ours = specs[kind].prefix === '/sync/';
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'bench-relay-'));
  const seeded: SeededWorkspace | null = ours ? await seedWorkspace(dataDir) : null;
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', specs[kind].entry],
    {
      cwd: specs[kind].cwd ?? repoRoot,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        STATIC_DIR: '/nonexistent',
        ...specs[kind].env,
        ...env,
        ...(ours ? { DATA_DIR: dataDir } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = once(child, 'exit');
  const port = await waitForListening(child, kind);
  const pid = child.pid ?? 0;
  const { prefix } = specs[kind];
  return {
    kind,
    pid,
    port,
    mux: specs[kind].mux ?? false,
    roomUrl: (room) => {
      if (!seeded) return `ws://127.0.0.1:${port}${prefix}${room}`;
      seeded.openRoom(room);
      if (specs[kind].mux) return `ws://127.0.0.1:${port}/sync?v=2&token=${seeded.token}`;
      return `ws://127.0.0.1:${port}${prefix}${room}?token=${seeded.token}`;
    },
    cpuSeconds: () => processCpuSeconds(pid),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
