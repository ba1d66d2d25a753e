import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The relay's own source files: .ts under tsx, .js if built. */
const CLI = fileURLToPath(
  new URL(`../cli${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
);

/**
 * A scheduled backup runs as `npm run admin -- backup FILE` would, in a child process:
 * the same code the operator runs by hand, and SQLite's copy and the compression do
 * not stall the relay's event loop (sockets, confirms) while they work.
 */
export function backupInChildProcess(env: Record<string, string | undefined>) {
  return (file: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [...process.execArgv, CLI, 'backup', file], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        if (stderr.length < 4096) stderr += chunk;
      });
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        if (code === 0) resolve();
        else reject(new Error(stderr.trim() || `backup process ended with ${code ?? signal}`));
      });
    });
}
