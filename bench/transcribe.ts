/**
 * Transcribing recordings of 10 s, 1 min and 5 min with the generated tiny Whisper
 * model through the real Transformers.js ASR pipeline (onnxruntime-node, 30 s windows
 * overlapping 5 s, as the AI worker runs it), against a floor in the same run: the
 * bare WhisperFeatureExtractor on the same windows (the log-mel spectrogram every
 * Whisper model needs). The tiny model's encoder and decoder do next to nothing, so
 * the gap is the pipeline's own overhead (tensors, generation loop, token merging);
 * a real model adds its compute on top.
 *
 *   node --import tsx bench/transcribe.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoProcessor, env, pipeline } from '@huggingface/transformers';
import {
  CHUNK_SECONDS,
  STRIDE_SECONDS,
  windowCount,
} from '../client/src/features/ai/worker/transcription-windows.js';
import {
  DEFAULT_TRANSCRIPT,
  generateTinyModels,
  SAMPLING_RATE,
  TINY_TRANSCRIBER,
} from '../tests/support/tiny-models/index.js';
import { toneSamples } from '../tests/support/wav.js';
import { median } from './lib/fresh-runs.js';
import { fmt, markdownTable, ms, progress } from './lib/report.js';

const LENGTHS = [10, 60, 300];
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** The windows the pipeline cuts (its loop in automatic-speech-recognition.js). */
function windows(audio: Float32Array): Float32Array[] {
  const window = SAMPLING_RATE * CHUNK_SECONDS;
  const jump = window - 2 * SAMPLING_RATE * STRIDE_SECONDS;
  const out: Float32Array[] = [];
  for (let offset = 0; ; offset += jump) {
    out.push(audio.subarray(offset, offset + window));
    if (offset + window >= audio.length) return out;
  }
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const dir = mkdtempSync(join(tmpdir(), 'bench-transcribe-'));
await generateTinyModels(dir);
env.localModelPath = dir;
env.allowRemoteModels = false;
const transcribe = await pipeline('automatic-speech-recognition', TINY_TRANSCRIBER, {
  dtype: 'fp32',
});
const processor = await AutoProcessor.from_pretrained(TINY_TRANSCRIBER);
const options = { chunk_length_s: CHUNK_SECONDS, stride_length_s: STRIDE_SECONDS };
// Warm-up: the first call compiles the ONNX sessions' kernels.
await transcribe(toneSamples(1, SAMPLING_RATE), options);

const rows: string[][] = [];
const ratios: number[] = [];
for (const seconds of LENGTHS) {
  progress(`${seconds} s of audio…`);
  const audio = toneSamples(seconds, SAMPLING_RATE);
  const pieces = windows(audio);
  if (pieces.length !== windowCount(audio.length)) throw new Error('window plan differs');
  const pipelineMs: number[] = [];
  const floorMs: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    floorMs.push(
      await timed(async () => {
        for (const piece of pieces) await processor(piece);
      }),
    );
    pipelineMs.push(
      await timed(async () => {
        const out = (await transcribe(audio, options)) as { text: string };
        // Every window hears the same sentence; how often the merge keeps it is the library's.
        if (!out.text.includes(DEFAULT_TRANSCRIPT)) throw new Error(`wrong text: ${out.text}`);
      }),
    );
  }
  const p = median(pipelineMs);
  const f = median(floorMs);
  ratios.push(p / f);
  rows.push([
    `${fmt(seconds)} s`,
    fmt(pieces.length),
    `${ms(p)} (${fmt(Math.min(...pipelineMs))}–${fmt(Math.max(...pipelineMs))})`,
    `${ms(p / seconds)}`,
    `${ms(f)} (${fmt(Math.min(...floorMs))}–${fmt(Math.max(...floorMs))})`,
    `${ms(f / seconds)}`,
    `${fmt(p / f, 2)}x`,
  ]);
}
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  [
    `### Transcription with the tiny Whisper model (median of ${RUNS} runs, range in ms)`,
    '',
    markdownTable(
      [
        'audio',
        'windows',
        'pipeline',
        'per s of audio',
        'floor: feature extraction',
        'per s of audio',
        'pipeline / floor',
      ],
      rows,
    ),
    '',
    `The pipeline takes ${fmt(Math.min(...ratios), 2)}–${fmt(Math.max(...ratios), 2)}x the bare ` +
      'log-mel feature extraction of the same windows: the spectrogram dominates, and the ' +
      "pipeline's own overhead is the rest.",
  ].join('\n') + '\n',
);
