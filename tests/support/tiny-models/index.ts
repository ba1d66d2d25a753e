/**
 * Generates tiny but valid Transformers.js models for tests: see README.md here for
 * the layout, dtype and pipeline options the client uses with them.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tinyEmbedderFiles } from './embedder.js';
import { writeModelFolder } from './model-folder.js';
import { tinySummarizerFiles } from './summarizer.js';

export { EMBEDDER_DIMENSIONS } from './embedder.js';
export { DEFAULT_SUMMARY } from './summarizer.js';

export const TINY_EMBEDDER = 'tiny-embedder';
export const TINY_SUMMARIZER = 'tiny-summarizer';

export interface TinyModelOptions {
  /** The sentence the summarizer outputs for any input (default DEFAULT_SUMMARY). */
  summary?: string;
}

/**
 * Writes dir/tiny-embedder and dir/tiny-summarizer (dtype fp32) and returns their
 * folder paths. Use with env.localModelPath = dir and the folder names as model ids.
 */
export async function generateTinyModels(
  dir: string,
  opts: TinyModelOptions = {},
): Promise<{ embedder: string; summarizer: string }> {
  const embedder = join(dir, TINY_EMBEDDER);
  const summarizer = join(dir, TINY_SUMMARIZER);
  await mkdir(dir, { recursive: true });
  writeModelFolder(embedder, tinyEmbedderFiles());
  writeModelFolder(summarizer, tinySummarizerFiles(opts.summary));
  return { embedder, summarizer };
}
