/**
 * How the worker cuts a long recording for Whisper, which hears 30 s at a time:
 * Transformers.js' ASR pipeline (chunk_length_s / stride_length_s) takes windows of
 * CHUNK_SECONDS that overlap by STRIDE_SECONDS on each side and merges the texts
 * where they agree. windowCount repeats its loop so the worker can say "chunk 3 of
 * 7" while the pipeline runs: the pipeline itself only reports the end of each
 * window (its streamer's end()).
 */
export const TRANSCRIBE_SAMPLE_RATE = 16_000;
export const CHUNK_SECONDS = 30;
export const STRIDE_SECONDS = 5;

/** The number of windows the pipeline decodes for `samples` at `rate` (at least one). */
export function windowCount(samples: number, rate: number = TRANSCRIBE_SAMPLE_RATE): number {
  const window = rate * CHUNK_SECONDS;
  const jump = window - 2 * rate * STRIDE_SECONDS;
  let count = 1;
  for (let offset = 0; offset + window < samples; offset += jump) count += 1;
  return count;
}
