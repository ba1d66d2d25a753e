import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** The operator command line, as the README tells operators to run it, on `dataDir`. */
export function admin(dataDir: string, ...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', join(root, 'sync-server/src/cli.ts'), ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir },
  });
}
