import type { ChildProcess } from 'node:child_process';

/**
 * Resolves with the port a child server reports on stdout as
 * `listening on http://localhost:<port>` (what sync-server/src/main.ts prints);
 * rejects with its stderr if it exits first or stays silent for `timeoutMs`.
 */
export function waitForListening(
  child: ChildProcess,
  label: string,
  timeoutMs = 30_000,
): Promise<number> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<number>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not start within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on http:\/\/localhost:(\d+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with ${code} before listening: ${stderr}`));
    });
  });
}
