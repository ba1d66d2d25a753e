import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelInfo } from '../../shared/api/schemas.js';
import { MemoryPersistence } from '../../sync-server/src/persistence/memory-persistence.js';
import { parseRange } from '../../sync-server/src/routes/models-route.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { startTestRelay, type TestRelay } from '../support/test-relay.js';

const cleanup = cleanupAfterEach();

const WHISPER_CONFIG = '{"model_type":"whisper","is_encoder_decoder":true}';
const WEIGHTS = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);

function write(path: string, data: string | Uint8Array) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, data);
}

/** A models folder as an operator fills it (the relay never parses the ONNX bytes). */
function modelsFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'models-'));
  write(join(dir, 'summ/config.json'), JSON.stringify({ is_encoder_decoder: true }));
  write(join(dir, 'summ/onnx/encoder_model.onnx'), WEIGHTS);
  write(join(dir, 'summ/onnx/decoder_model_merged.onnx'), WEIGHTS.slice(0, 100));
  write(join(dir, 'Xenova/embed/config.json'), JSON.stringify({ model_type: 'bert' }));
  write(join(dir, 'Xenova/embed/onnx/model_quantized.onnx'), WEIGHTS.slice(0, 10));
  write(join(dir, 'Xenova/embed/.secret'), 'not served');
  write(join(dir, 'no-weights/config.json'), '{}');
  write(join(dir, 'speech/config.json'), WHISPER_CONFIG);
  write(join(dir, 'speech/onnx/encoder_model_quantized.onnx'), WEIGHTS.slice(0, 20));
  write(
    join(dir, 'models.json'),
    JSON.stringify({
      models: [{ name: 'summ', source: 'https://huggingface.co/Xenova/distilbart-cnn-6-6' }],
    }),
  );
  write(join(dir, '..', `outside-${dir.split('-').pop()}.txt`), 'outside');
  return dir;
}

async function relay(modelsDir: string | undefined): Promise<TestRelay> {
  const r = await startTestRelay({ persistence: new MemoryPersistence(), modelsDir });
  cleanup.push(() => r.stop());
  return r;
}

function get(r: TestRelay, path: string, headers: Record<string, string> = {}) {
  return fetch(`${r.httpUrl}${path}`, {
    headers: { authorization: `Bearer ${r.token}`, ...headers },
  });
}

describe('AI model files served by the relay', () => {
  it('[SPEECH7] lists installed models with role, dtype, size and source; skips folders without weights; a Whisper folder transcribes', async () => {
    const r = await relay(modelsFolder());
    const response = await get(r, '/api/models');
    expect(response.status).toBe(200);
    const models = ModelInfo.array().parse(await response.json());
    expect(models.map((m) => [m.name, m.role, m.dtype, m.source, m.bytes])).toEqual([
      ['Xenova/embed', 'embedder', 'q8', null, 10 + '{"model_type":"bert"}'.length],
      ['speech', 'transcriber', 'q8', null, 20 + WHISPER_CONFIG.length],
      [
        'summ',
        'summarizer',
        'fp32',
        'https://huggingface.co/Xenova/distilbart-cnn-6-6',
        1100 + '{"is_encoder_decoder":true}'.length,
      ],
    ]);
    expect(models[0]!.files.map((f) => f.path)).toEqual([
      'config.json',
      'onnx/model_quantized.onnx',
    ]);
  });

  it('serves a file whole, with a year-long private cache, ETag and byte ranges', async () => {
    const r = await relay(modelsFolder());
    const whole = await get(r, '/models/summ/onnx/encoder_model.onnx');
    expect(whole.status).toBe(200);
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(WEIGHTS);
    expect(whole.headers.get('cache-control')).toBe('private, max-age=31536000');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const etag = whole.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);

    const part = await get(r, '/models/summ/onnx/encoder_model.onnx', { range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(WEIGHTS.slice(10, 20));

    const tail = await get(r, '/models/summ/onnx/encoder_model.onnx', { range: 'bytes=-5' });
    expect(tail.status).toBe(206);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(WEIGHTS.slice(995));

    const open = await get(r, '/models/summ/onnx/encoder_model.onnx', { range: 'bytes=990-' });
    expect(new Uint8Array(await open.arrayBuffer())).toEqual(WEIGHTS.slice(990));

    const beyond = await get(r, '/models/summ/onnx/encoder_model.onnx', { range: 'bytes=5000-' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */1000');

    const cached = await get(r, '/models/summ/onnx/encoder_model.onnx', { 'if-none-match': etag });
    expect(cached.status).toBe(304);

    // A range asked against another version of the file gets the whole current file.
    const stale = await get(r, '/models/summ/onnx/encoder_model.onnx', {
      range: 'bytes=0-9',
      'if-range': '"old"',
    });
    expect(stale.status).toBe(200);
    expect((await stale.arrayBuffer()).byteLength).toBe(1000);
  });

  it('refuses people who are not signed in, and anything outside the model folders', async () => {
    const r = await relay(modelsFolder());
    const anonymous = await fetch(`${r.httpUrl}/models/summ/config.json`);
    expect(anonymous.status).toBe(401);
    expect((await fetch(`${r.httpUrl}/api/models`)).status).toBe(401);
    for (const path of [
      '/models/Xenova/embed/.secret',
      '/models/models.json',
      '/models/summ/onnx',
      '/models/missing/config.json',
      '/models/summ/%2e%2e/%2e%2e/etc/passwd',
      `/models/..%2f..%2fpasswd`,
      '/models/summ/%E0%A4%A',
    ]) {
      const response = await get(r, path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('outside');
    }
  });

  it('has no models and no model files when the operator set no directory', async () => {
    const r = await relay(undefined);
    expect(await (await get(r, '/api/models')).json()).toEqual([]);
    expect((await get(r, '/models/summ/config.json')).status).toBe(404);
  });

  it('parses single byte ranges and rejects the rest', () => {
    expect(parseRange('bytes=0-0', 10)).toEqual({ start: 0, end: 0 });
    expect(parseRange('bytes=5-100', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=-30', 10)).toEqual({ start: 0, end: 9 });
    for (const bad of [
      'bytes=-',
      'bytes=4-2',
      'bytes=10-',
      'bytes=-0',
      'items=0-1',
      'bytes=0-1,3-4',
    ])
      expect(parseRange(bad, 10), bad).toBeNull();
  });
});
