/**
 * A real PostgreSQL server for tests: Debian's binaries, a fresh cluster in a temp
 * directory, TCP on 127.0.0.1 at a free port and its unix socket inside that
 * directory, so parallel test files and a system PostgreSQL never meet.
 *
 * PostgreSQL refuses to run as root; as root, initdb and the server run as the
 * `postgres` user (the Debian package creates it) and own the temp directory.
 * The server is spawned as a process group leader, so kill() takes the postmaster
 * and every backend at once, the way a crash of the machine's database would.
 *
 * fsync stays on: a test that kills the server then counts what survived must
 * count what PostgreSQL promised, not what happened to sit in our page cache. The
 * one saving is `initdb --no-sync`: the cluster's files are fsynced once at the
 * first checkpoint instead, and losing them to a power cut loses only a test.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  /** A postgres:// URL of a fresh database made at start. */
  url: string;
  port: number;
  /** The temp directory (cluster in `data/`, socket in `socket/`). */
  dir: string;
  /** Makes another fresh, empty database and returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server if it runs (fast shutdown: sessions are cut) and starts it again on the same data and port. */
  restart(): Promise<void>;
  /** SIGKILL to the postmaster and every backend; data stays for restart(). */
  kill(): Promise<void>;
  /** Stops the server and deletes its directory. */
  stop(): Promise<void>;
}

const DEBIAN_ROOT = '/usr/lib/postgresql';
const USER = 'postgres';

/** The newest Debian PostgreSQL bin directory, or a clear error saying what to install. */
export function postgresBinDir(): string {
  const versions = existsSync(DEBIAN_ROOT)
    ? readdirSync(DEBIAN_ROOT)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const bin = join(DEBIAN_ROOT, version, 'bin');
    if (existsSync(join(bin, 'postgres')) && existsSync(join(bin, 'initdb'))) return bin;
  }
  throw new Error(
    `PostgreSQL server binaries (initdb, postgres) not found under ${DEBIAN_ROOT}/<version>/bin: ` +
      'install the Debian package "postgresql" (apt-get install postgresql); these tests need a real server',
  );
}

export interface PostgresServerOptions {
  /**
   * More addresses to listen on besides 127.0.0.1, e.g. a network namespace's host
   * end (netns.ts), so that a relay inside it can connect; clients on their subnets
   * are trusted like local ones.
   */
  listen?: readonly string[];
}

export async function startPostgres({
  listen = [],
}: PostgresServerOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'pg-test-'));
  const data = join(dir, 'data');
  const socket = join(dir, 'socket');
  mkdirSync(socket);
  const owner = process.getuid?.() === 0 ? postgresUser() : null;
  if (owner) {
    for (const path of [dir, socket]) chownSync(path, owner.uid, owner.gid);
  }
  const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
  try {
    // A copy of the run's template cluster (postgres-template.ts) is what initdb would
    // make, in a tenth of the time; cp -a keeps the owner and the 0700 mode.
    const template = process.env[TEMPLATE_ENV];
    if (template) execFileSync('cp', ['-a', template, data], { stdio: 'pipe' });
    else initCluster(bin, data, owner);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  if (listen.length > 0) {
    // initdb trusts loopback only; `samenet` adds the subnets of the extra addresses.
    appendFileSync(join(data, 'pg_hba.conf'), 'host all all samenet trust\n');
  }

  let child: ChildProcess | null = null;
  let port = 0;
  const launch = async (): Promise<void> => {
    const started = spawn(
      join(bin, 'postgres'),
      [
        '-D',
        data,
        '-p',
        String(port),
        '-c',
        `listen_addresses=${['127.0.0.1', ...listen].join(',')}`,
        '-c',
        `unix_socket_directories=${socket}`,
        '-c',
        'max_connections=200',
        '-c',
        'shared_buffers=32MB',
        '-c',
        'synchronous_commit=on',
      ],
      { cwd: dir, detached: true, stdio: ['ignore', 'ignore', 'pipe'], ...asOwner },
    );
    child = started;
    await untilAccepting(started, port);
  };
  const killGroup = async (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    if (!running?.pid || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    try {
      process.kill(-running.pid, signal);
    } catch {
      // Already gone.
    }
    await exited;
    child = null;
  };
  // A test process that dies without stop() must not leave a server behind.
  const onExit = () => {
    if (child?.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  };
  process.once('exit', onExit);

  // Another process may take the free port between our probe and the bind: try a few.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (error) {
      if (attempt >= 5 || !/could not (bind|create listen)/i.test(String(error))) {
        process.off('exit', onExit);
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }

  let databases = 0;
  const urlOf = (database: string) => `postgres://${USER}@127.0.0.1:${port}/${database}`;
  const createDatabase = async (): Promise<string> => {
    const name = `test_${++databases}`;
    const admin = new pg.Client({ connectionString: urlOf('postgres') });
    admin.on('error', () => {}); // a restart meanwhile: the query below reports it
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    return urlOf(name);
  };

  return {
    url: await createDatabase(),
    port,
    dir,
    createDatabase,
    async restart() {
      await killGroup('SIGINT');
      await launch();
    },
    kill: () => killGroup('SIGKILL'),
    async stop() {
      await killGroup('SIGINT');
      process.off('exit', onExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Set by postgres-template.ts: a cluster made by initCluster, to copy. */
export const TEMPLATE_ENV = 'TEST_PG_TEMPLATE';

/** initdb into `data` (its parent owned by `owner`, if given), as the server's user. */
export function initCluster(
  bin: string,
  data: string,
  owner: { uid: number; gid: number } | null,
): void {
  try {
    execFileSync(
      join(bin, 'initdb'),
      ['-D', data, '-U', USER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
      // cwd: a folder the server's user may enter (initdb fails in one it cannot).
      { cwd: dirname(data), stdio: 'pipe', ...(owner && { uid: owner.uid, gid: owner.gid }) },
    );
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`initdb failed: ${stderr || String(error)}`);
  }
}

export function postgresUser(): { uid: number; gid: number } {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, USER]).toString().trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      `running as root, but there is no "${USER}" user to run PostgreSQL as: ` +
        'install the Debian package "postgresql", which creates it',
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Resolves once the server accepts a connection and answers a query; rejects with
 * its log if it exits first or is not ready within `timeoutMs`.
 */
async function untilAccepting(child: ChildProcess, port: number, timeoutMs = 30_000) {
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    // Keep the tail: a long-running server logs every checkpoint.
    log = (log + chunk.toString()).slice(-8000);
  });
  const ended: { how: string | null } = { how: null };
  child.once('exit', (code, signal) => (ended.how = `exited with ${code ?? signal}`));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (ended.how) {
      throw new Error(`PostgreSQL ${ended.how} before accepting connections:\n${log}`);
    }
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: USER,
      database: 'postgres',
      connectionTimeoutMillis: 2000,
    });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
    }
    if (Date.now() > deadline) {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
      throw new Error(`PostgreSQL did not accept connections within ${timeoutMs} ms:\n${log}`);
    }
    // Polling a local socket, not waiting for time to pass: each try fails fast.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
