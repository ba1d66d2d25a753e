/**
 * The generated tiny models run through the real Transformers.js pipelines
 * (onnxruntime-node), loaded from a local folder with remote models disabled, exactly
 * as the client loads them from the relay's /models/.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, pipeline } from '@huggingface/transformers';
import * as ortWeb from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHUNK_SECONDS,
  STRIDE_SECONDS,
  windowCount,
} from '../../client/src/features/ai/worker/transcription-windows.js';
import {
  DEFAULT_SUMMARY,
  DEFAULT_TRANSCRIPT,
  EMBEDDER_DIMENSIONS,
  generateTinyModels,
  SAMPLING_RATE,
  TINY_EMBEDDER,
  TINY_SUMMARIZER,
  TINY_TRANSCRIBER,
} from '../support/tiny-models/index.js';
import { decodeWav, encodeWav, toneSamples } from '../support/wav.js';

const root = mkdtempSync(join(tmpdir(), 'tiny-models-'));
const OTHER_SUMMARY = "Bob's café closes at 5pm — bring the keys!";
const OTHER_TRANSCRIPT = 'Zoë owns the café rota, starting Monday.';

beforeAll(async () => {
  // Transformers.js keeps some lookups per model id, so each variant gets its own id (subfolder).
  await generateTinyModels(join(root, 'default'));
  await generateTinyModels(join(root, 'other'), {
    summary: OTHER_SUMMARY,
    transcript: OTHER_TRANSCRIPT,
  });
  await generateTinyModels(join(root, 'corrupt'));
  writeFileSync(join(root, 'corrupt', TINY_EMBEDDER, 'onnx', 'model.onnx'), 'not an onnx model');
  env.localModelPath = root;
  env.allowRemoteModels = false;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

describe('tiny summarizer', () => {
  it('[AIMODEL1] summarization returns the configured sentence for any input', async () => {
    const summarize = await pipeline('summarization', `default/${TINY_SUMMARIZER}`, {
      dtype: 'fp32',
    });
    const out = await summarize([
      'Ann: can we ship on Friday?\nBob: yes, if the tests pass.',
      'Something else entirely, with ünïcödé ☕ and a much longer text than the first one.',
    ]);
    expect(out).toEqual([{ summary_text: DEFAULT_SUMMARY }, { summary_text: DEFAULT_SUMMARY }]);
  });

  it('[AIMODEL2] a different configured sentence comes back verbatim (nothing hard-coded)', async () => {
    const summarize = await pipeline('summarization', `other/${TINY_SUMMARIZER}`, {
      dtype: 'fp32',
    });
    expect(await summarize('Ann: where are the keys?')).toEqual([{ summary_text: OTHER_SUMMARY }]);
  });
});

describe('tiny embedder', () => {
  it('[AIMODEL3] mean-pooled, normalized vectors rank a text sharing words above an unrelated one', async () => {
    const embed = await pipeline('feature-extraction', `default/${TINY_EMBEDDER}`, {
      dtype: 'fp32',
    });
    const texts = [
      'Can we ship the release on Friday?',
      'The release ships on Friday after the tests',
      'I had coffee with a customer this morning',
      'xylophone quux',
    ];
    const out = await embed(texts, { pooling: 'mean', normalize: true });
    expect(out.dims).toEqual([texts.length, EMBEDDER_DIMENSIONS]);
    const [query, similar, unrelated, unknown] = out.tolist() as number[][];
    for (const vector of [query, similar, unrelated, unknown]) {
      expect(Math.hypot(...(vector ?? []))).toBeCloseTo(1, 5);
    }
    expect(cosine(query ?? [], similar ?? [])).toBeGreaterThan(0.5);
    expect(cosine(query ?? [], similar ?? [])).toBeGreaterThan(
      cosine(query ?? [], unrelated ?? []) + 0.3,
    );
  });

  it('[AIMODEL4] a corrupt model file fails the pipeline with onnxruntime’s load error, naming the file', async () => {
    await expect(
      pipeline('feature-extraction', `corrupt/${TINY_EMBEDDER}`, { dtype: 'fp32' }),
    ).rejects.toThrow(
      /Load model from .*corrupt\/tiny-embedder\/onnx\/model\.onnx failed:.*Protobuf parsing failed/,
    );
  });

  it('[AIMODEL5] a missing model folder fails with ModelFileNotFoundError naming config.json', async () => {
    const loading = pipeline('feature-extraction', 'no-such-model', { dtype: 'fp32' });
    await expect(loading).rejects.toMatchObject({ name: 'ModelFileNotFoundError' });
    await expect(loading).rejects.toThrow(
      /allowRemoteModels=false` and file was not found locally at ".*no-such-model\/config\.json"/,
    );
  });
});

describe('tiny transcriber', () => {
  it('[SPEECH1] a WAV recording transcribes to the configured text; another generator text comes back verbatim', async () => {
    const { samples, sampleRate } = decodeWav(
      encodeWav(toneSamples(4, SAMPLING_RATE), SAMPLING_RATE),
    );
    expect(sampleRate).toBe(SAMPLING_RATE);
    const transcribe = await pipeline(
      'automatic-speech-recognition',
      `default/${TINY_TRANSCRIBER}`,
      {
        dtype: 'fp32',
      },
    );
    // Like Whisper, the text starts with a space.
    expect(await transcribe(samples)).toEqual({ text: ` ${DEFAULT_TRANSCRIPT}` });
    const other = await pipeline('automatic-speech-recognition', `other/${TINY_TRANSCRIBER}`, {
      dtype: 'fp32',
    });
    expect(await other(new Float32Array(SAMPLING_RATE))).toEqual({ text: ` ${OTHER_TRANSCRIPT}` });
  });

  it('[SPEECH2] audio longer than 30 s is decoded in overlapping windows, one streamer end per window, as windowCount predicts', async () => {
    const transcribe = await pipeline(
      'automatic-speech-recognition',
      `default/${TINY_TRANSCRIBER}`,
      {
        dtype: 'fp32',
      },
    );
    const samples = toneSamples(65, SAMPLING_RATE);
    let ended = 0;
    const out = await transcribe(samples, {
      chunk_length_s: CHUNK_SECONDS,
      stride_length_s: STRIDE_SECONDS,
      streamer: { put: () => undefined, end: () => (ended += 1) },
    } as never);
    expect(windowCount(samples.length)).toBe(3);
    expect(ended).toBe(3);
    // Each window hears the same sentence; the overlap merge keeps it once.
    expect(out).toEqual({ text: ` ${DEFAULT_TRANSCRIPT}` });
    expect([1, 30 * SAMPLING_RATE, 30 * SAMPLING_RATE + 1].map((n) => windowCount(n))).toEqual([
      1, 1, 2,
    ]);
  });
});

describe('browser runtime', () => {
  it('[AIMODEL6] onnxruntime-web (wasm, what the browser worker runs) loads the graphs and steps the decoder by its cache', async () => {
    ortWeb.env.wasm.numThreads = 1;
    const folder = join(root, 'default');
    const load = (file: string) => ortWeb.InferenceSession.create(readFileSync(join(folder, file)));
    const embedder = await load(`${TINY_EMBEDDER}/onnx/model.onnx`);
    expect(embedder.outputNames).toEqual(['last_hidden_state']);
    const encoder = await load(`${TINY_SUMMARIZER}/onnx/encoder_model.onnx`);
    expect(encoder.outputNames).toEqual(['last_hidden_state']);
    const decoder = await load(`${TINY_SUMMARIZER}/onnx/decoder_model_merged.onnx`);
    const vocab = (
      JSON.parse(readFileSync(join(folder, TINY_SUMMARIZER, 'tokenizer.json'), 'utf8')) as {
        model: { vocab: Record<string, number> };
      }
    ).model.vocab;
    const tokenOf = new Map(Object.entries(vocab).map(([token, id]) => [id, token]));
    const ids = (values: number[]) =>
      new ortWeb.Tensor('int64', BigInt64Array.from(values.map(BigInt)), [1, values.length]);
    // Three tokens already in the cache, one new: the 4th summary token comes out.
    const past = new ortWeb.Tensor('float32', new Float32Array(3), [1, 1, 3, 1]);
    const out = await decoder.run({
      input_ids: ids([5]),
      encoder_attention_mask: ids([1]),
      encoder_hidden_states: new ortWeb.Tensor('float32', new Float32Array(4), [1, 1, 4]),
      'past_key_values.0.decoder.key': past,
      'past_key_values.0.decoder.value': past,
    });
    expect(out['present.0.decoder.key']?.dims).toEqual([1, 1, 4, 1]);
    const logits = Array.from(out.logits?.data as Float32Array);
    expect(tokenOf.get(logits.indexOf(Math.max(...logits)))).toBe('Ġto');
  });
});
