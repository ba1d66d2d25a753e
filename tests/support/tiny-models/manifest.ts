/**
 * models.json: what a models directory holds, written by scripts/fetch-models.sh for
 * real models and by the tiny-models CLI for generated ones, so the relay can list
 * either the same way. `dtype` is what the client passes to pipeline(); `files` are
 * paths relative to the model's folder, so `bytes` is their sum.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';

export const MANIFEST_FILE = 'models.json';

const modelEntrySchema = z.object({
  name: z.string().regex(/^[\w.-]+$/),
  role: z.enum(['summarizer', 'embedder', 'transcriber']),
  task: z.enum(['summarization', 'feature-extraction', 'automatic-speech-recognition']),
  source: z.string().min(1),
  dtype: z.enum(['fp32', 'q8']),
  bytes: z.number().int().nonnegative(),
  files: z.array(z.object({ path: z.string().min(1), bytes: z.number().int().nonnegative() })),
});

export const modelManifestSchema = z.object({
  version: z.literal(1),
  models: z.array(modelEntrySchema),
});

export type ModelEntry = z.infer<typeof modelEntrySchema>;
export type ModelManifest = z.infer<typeof modelManifestSchema>;

function filesUnder(dir: string, root = dir): { path: string; bytes: number }[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = join(dir, entry.name);
      return entry.isDirectory()
        ? filesUnder(full, root)
        : [{ path: relative(root, full), bytes: statSync(full).size }];
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Writes dir/models.json for model folders already in dir, sizes read from disk. */
export function writeManifest(
  dir: string,
  models: Omit<ModelEntry, 'bytes' | 'files'>[],
): ModelManifest {
  const manifest: ModelManifest = {
    version: 1,
    models: models.map((model) => {
      const files = filesUnder(join(dir, model.name));
      return { ...model, bytes: files.reduce((sum, f) => sum + f.bytes, 0), files };
    }),
  };
  writeFileSync(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Reads and validates dir/models.json (throws a ZodError naming the bad field). */
export function readManifest(dir: string): ModelManifest {
  return modelManifestSchema.parse(JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')));
}
