/**
 * scripts/fetch-models.sh against a local fake of the hub (HF_ENDPOINT), and the
 * tiny-models CLI: both write a models directory with a models.json the relay lists,
 * and what they write loads in Transformers.js with the manifest's dtype.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { env, pipeline } from '@huggingface/transformers';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../support/cleanup.js';
import {
  HUB_EMBEDDER_REPO,
  HUB_SUMMARIZER_REPO,
  HUB_TRANSCRIBER_REPO,
  startFakeHub,
} from '../support/tiny-models/fake-hub.js';
import { DEFAULT_SUMMARY, DEFAULT_TRANSCRIPT } from '../support/tiny-models/index.js';
import { readManifest } from '../support/tiny-models/manifest.js';

const run = promisify(execFile);
const cleanup = cleanupAfterEach();
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fetch-models-'));
  dirs.push(dir);
  return dir;
}

async function fakeHub(omit: string[] = []) {
  const hub = await startFakeHub(tempDir(), omit);
  cleanup.push(() => hub.close());
  return hub;
}

const fetchModels = (hubUrl: string, modelsDir: string, extra: Record<string, string> = {}) =>
  run('sh', ['scripts/fetch-models.sh'], {
    env: { ...process.env, HF_ENDPOINT: hubUrl, MODELS_DIR: modelsDir, ...extra },
  });

describe('scripts/fetch-models.sh', () => {
  it('[AIFETCH1] downloads both models in the client layout and writes models.json', async () => {
    const hub = await fakeHub();
    const models = tempDir();
    await fetchModels(hub.url, models);

    const manifest = readManifest(models);
    const summarizerFiles = [
      'config.json',
      'generation_config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'onnx/encoder_model_quantized.onnx',
      'onnx/decoder_model_merged_quantized.onnx',
    ];
    const embedderFiles = [
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'onnx/model_quantized.onnx',
    ];
    expect(manifest.models.map(({ files: _files, bytes: _bytes, ...rest }) => rest)).toEqual([
      {
        name: 'distilbart-cnn-6-6',
        role: 'summarizer',
        task: 'summarization',
        source: `${hub.url}/${HUB_SUMMARIZER_REPO}`,
        dtype: 'q8',
      },
      {
        name: 'all-MiniLM-L6-v2',
        role: 'embedder',
        task: 'feature-extraction',
        source: `${hub.url}/${HUB_EMBEDDER_REPO}`,
        dtype: 'q8',
      },
    ]);
    const [summarizer, embedder] = manifest.models;
    expect(summarizer?.files.map((f) => f.path)).toEqual(summarizerFiles);
    expect(embedder?.files.map((f) => f.path)).toEqual(embedderFiles);
    for (const model of manifest.models) {
      for (const file of model.files) {
        expect(readFileSync(join(models, model.name, file.path)).length).toBe(file.bytes);
      }
      expect(model.bytes).toBe(model.files.reduce((sum, f) => sum + f.bytes, 0));
    }
    expect(hub.requests).toContain(
      `/${HUB_SUMMARIZER_REPO}/resolve/main/onnx/decoder_model_merged_quantized.onnx`,
    );
    // The speech model is opt-in [SPEECH6].
    expect(hub.requests.filter((r) => r.includes(HUB_TRANSCRIBER_REPO))).toEqual([]);

    // What landed is loadable the way the client loads it: local path, manifest dtype.
    env.localModelPath = models;
    env.allowRemoteModels = false;
    const summarize = await pipeline('summarization', summarizer?.name ?? '', {
      dtype: summarizer?.dtype ?? 'q8',
    });
    expect(await summarize('Ann: ship on Friday?')).toEqual([{ summary_text: DEFAULT_SUMMARY }]);
  });

  it('[AIFETCH2] a missing optional file is skipped; a missing model file fails naming the URL, with no manifest', async () => {
    const hub = await fakeHub([
      `${HUB_SUMMARIZER_REPO}/generation_config.json`,
      `${HUB_EMBEDDER_REPO}/onnx/model_quantized.onnx`,
    ]);
    const models = tempDir();
    const failed = await fetchModels(hub.url, models).then(
      () => null,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(
      'distilbart-cnn-6-6 has no generation_config.json (optional, skipped)',
    );
    expect(failed?.stderr).toContain(
      `could not download ${hub.url}/${HUB_EMBEDDER_REPO}/resolve/main/onnx/model_quantized.onnx`,
    );
    expect(existsSync(join(models, 'models.json'))).toBe(false);
    expect(existsSync(join(models, 'all-MiniLM-L6-v2', 'onnx', 'model_quantized.onnx.part'))).toBe(
      false,
    );
  });
});

describe('speech model', () => {
  it('[SPEECH6] TRANSCRIBER_REPO adds a Whisper model with its preprocessor config, listed as transcriber, that transcribes', async () => {
    const hub = await fakeHub();
    const models = tempDir();
    await fetchModels(hub.url, models, { TRANSCRIBER_REPO: HUB_TRANSCRIBER_REPO });
    const manifest = readManifest(models);
    expect(manifest.models.map((m) => [m.name, m.role, m.task, m.dtype])).toEqual([
      ['distilbart-cnn-6-6', 'summarizer', 'summarization', 'q8'],
      ['all-MiniLM-L6-v2', 'embedder', 'feature-extraction', 'q8'],
      ['whisper-tiny.en', 'transcriber', 'automatic-speech-recognition', 'q8'],
    ]);
    expect(manifest.models[2]?.files.map((f) => f.path)).toEqual([
      'config.json',
      'generation_config.json',
      'preprocessor_config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'onnx/encoder_model_quantized.onnx',
      'onnx/decoder_model_merged_quantized.onnx',
    ]);
    env.localModelPath = models;
    env.allowRemoteModels = false;
    const transcribe = await pipeline('automatic-speech-recognition', 'whisper-tiny.en', {
      dtype: 'q8',
    });
    expect(await transcribe(new Float32Array(16_000))).toEqual({ text: ` ${DEFAULT_TRANSCRIPT}` });
  });
});

describe('tiny-models CLI', () => {
  it('[AIFETCH3] writes the tiny models with a models.json in the same format', async () => {
    const out = tempDir();
    await run(process.execPath, [
      '--import',
      'tsx',
      'tests/support/tiny-models/cli.ts',
      out,
      '--summary',
      'Done.',
    ]);
    const manifest = readManifest(out);
    expect(manifest.models.map((m) => [m.name, m.role, m.task, m.dtype])).toEqual([
      ['tiny-summarizer', 'summarizer', 'summarization', 'fp32'],
      ['tiny-embedder', 'embedder', 'feature-extraction', 'fp32'],
      ['tiny-transcriber', 'transcriber', 'automatic-speech-recognition', 'fp32'],
    ]);
    expect(manifest.models[0]?.files.map((f) => f.path)).toContain(
      'onnx/decoder_model_merged.onnx',
    );
    expect(manifest.models[1]?.files.map((f) => f.path)).toContain('onnx/model.onnx');
    env.localModelPath = out;
    env.allowRemoteModels = false;
    const summarize = await pipeline('summarization', 'tiny-summarizer', { dtype: 'fp32' });
    expect(await summarize('anything')).toEqual([{ summary_text: 'Done.' }]);
  });
});
