/**
 * Writes the tiny models and their models.json into a directory:
 *
 *   node --import tsx tests/support/tiny-models/cli.ts <outDir> [--summary "..."] [--transcript "..."]
 */
import { parseArgs } from 'node:util';
import { installTinyModels } from './install.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { summary: { type: 'string' }, transcript: { type: 'string' } },
});
const [outDir] = positionals;
if (!outDir || positionals.length > 1) {
  process.stderr.write(
    'usage: node --import tsx tests/support/tiny-models/cli.ts <outDir> [--summary "..."] [--transcript "..."]\n',
  );
  process.exit(2);
}
const manifest = await installTinyModels(outDir, {
  ...(values.summary === undefined ? {} : { summary: values.summary }),
  ...(values.transcript === undefined ? {} : { transcript: values.transcript }),
});
for (const model of manifest.models)
  process.stdout.write(`${outDir}/${model.name}: ${model.bytes} bytes\n`);
