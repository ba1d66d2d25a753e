/**
 * The relay and its command line compiled to JavaScript once per test run, for the
 * tests that start them as processes (relay-process.ts, e2e-relay.ts, admin-cli.ts).
 *
 * Operators run `node --import tsx sync-server/src/main.ts`: tsx compiles each file
 * with esbuild as it is loaded. Here the same esbuild compiles the same files, file by
 * file, before the run, so each process loads plain JavaScript: about 0.8 s of CPU to
 * listen instead of 1.9 s, and the suites start a few hundred relays and commands.
 * start-refusals.test.ts and systemd-unit.test.ts still start the relay through tsx,
 * as operators do.
 *
 * Used as the global setup of Vitest's integration project and of Playwright: it sets
 * TEST_RELAY_JS (inherited by the test workers) and returns the teardown. Without it
 * (a test run some other way) processes start through tsx, which runs the same code.
 */
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ENV = 'TEST_RELAY_JS';
/** Everything the relay and the command line import of ours. */
const SOURCES = ['sync-server/src', 'shared'];

type Entry = 'sync-server/src/main.ts' | 'sync-server/src/cli.ts';

/** The node arguments that run `entry`: compiled when the global setup ran, else through tsx. */
export function nodeArgs(entry: Entry): string[] {
  const compiled = process.env[ENV];
  return compiled ? [join(compiled, entry.replace(/\.ts$/, '.js'))] : ['--import', 'tsx', entry];
}

interface Esbuild {
  transform(
    code: string,
    options: {
      loader: 'ts';
      format: 'esm';
      target: string;
      sourcefile: string;
      tsconfigRaw: unknown;
    },
  ): Promise<{ code: string }>;
}

/** Global setup: compiles into a fresh temporary folder; the returned teardown deletes it. */
export default async function compileRelay(): Promise<() => Promise<void>> {
  // tsx's own esbuild, whatever npm hoisted: the compiler `npm run relay` uses.
  const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx'))(
    'esbuild',
  ) as Esbuild;
  // The project's compiler options, as tsx passes them (verbatimModuleSyntax keeps imports).
  const tsconfig: unknown = JSON.parse(await readFile(join(root, 'tsconfig.json'), 'utf8'));
  const out = await mkdtemp(join(tmpdir(), 'relay-js-'));
  const files = (await Promise.all(SOURCES.map((dir) => tsFiles(join(root, dir))))).flat();
  await Promise.all(
    files.map(async (file) => {
      const path = relative(root, file);
      const { code } = await esbuild.transform(await readFile(file, 'utf8'), {
        loader: 'ts',
        format: 'esm',
        target: 'node20',
        sourcefile: path,
        tsconfigRaw: tsconfig,
      });
      const target = join(out, path.replace(/\.ts$/, '.js'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, code);
    }),
  );
  // "type": "module" for the .js files, and the version that version.ts reads.
  await copyFile(join(root, 'package.json'), join(out, 'package.json'));
  // Packages resolve from the checkout's node_modules, as they do for the sources.
  await symlink(join(root, 'node_modules'), join(out, 'node_modules'), 'dir');
  process.env[ENV] = out;
  return async () => {
    delete process.env[ENV];
    await rm(out, { recursive: true, force: true });
  };
}

async function tsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'),
    )
    .map((entry) => join(entry.parentPath, entry.name));
}
