/**
 * Generates tiny but valid Transformers.js models for tests: see README.md here for
 * the layout, dtype and pipeline options the client uses with them.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tinyEmbedderFiles } from './embedder.js';
import { writeModelFolder } from './model-folder.js';
import { tinySummarizerFiles } from './summarizer.js';
import { tinyTranscriberFiles } from './whisper.js';

export { EMBEDDER_DIMENSIONS } from './embedder.js';
export { DEFAULT_SUMMARY } from './summarizer.js';
export { DEFAULT_TRANSCRIPT, SAMPLING_RATE } from './whisper.js';

export const TINY_EMBEDDER = 'tiny-embedder';
export const TINY_SUMMARIZER = 'tiny-summarizer';
export const TINY_TRANSCRIBER = 'tiny-transcriber';

export interface TinyModelOptions {
  /** The sentence the summarizer outputs for any input (default DEFAULT_SUMMARY). */
  summary?: string;
  /** The text the transcriber outputs for any audio (default DEFAULT_TRANSCRIPT). */
  transcript?: string;
}

/**
 * Writes dir/tiny-embedder, dir/tiny-summarizer and dir/tiny-transcriber (dtype fp32)
 * and returns their folder paths. Use with env.localModelPath = dir and the folder names as model ids.
 */
export async function generateTinyModels(
  dir: string,
  opts: TinyModelOptions = {},
): Promise<{ embedder: string; summarizer: string; transcriber: string }> {
  const embedder = join(dir, TINY_EMBEDDER);
  const summarizer = join(dir, TINY_SUMMARIZER);
  const transcriber = join(dir, TINY_TRANSCRIBER);
  await mkdir(dir, { recursive: true });
  writeModelFolder(embedder, tinyEmbedderFiles());
  writeModelFolder(summarizer, tinySummarizerFiles(opts.summary));
  writeModelFolder(transcriber, tinyTranscriberFiles(opts.transcript));
  return { embedder, summarizer, transcriber };
}
