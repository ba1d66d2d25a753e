import type { AutomaticSpeechRecognitionPipeline } from '@huggingface/transformers';
import { CHUNK_SECONDS, STRIDE_SECONDS, windowCount } from './transcription-windows.js';

/**
 * The text of 16 kHz mono `audio`, reporting (done, total) windows as the pipeline
 * finishes each one. No language or task is passed: English-only models refuse
 * them, and multilingual ones default to English transcription.
 */
export async function transcribe(
  run: AutomaticSpeechRecognitionPipeline,
  audio: Float32Array,
  onStep: (done: number, total: number) => void,
): Promise<string> {
  if (audio.length === 0) return '';
  const total = windowCount(audio.length);
  let done = 0;
  onStep(0, total);
  // generate() calls end() once per window it has decoded. The options type asks for
  // a whole TextStreamer (a tokenizer, callbacks), but only put() and end() are called.
  const windowEnds = {
    put: () => undefined,
    end: () => onStep((done = Math.min(done + 1, total)), total),
  };
  const output = await run(audio, {
    chunk_length_s: CHUNK_SECONDS,
    stride_length_s: STRIDE_SECONDS,
    streamer: windowEnds as never,
  });
  return output.text.trim();
}
