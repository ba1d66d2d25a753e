/**
 * A local stand-in for huggingface.co's `/<repo>/resolve/main/<file>` downloads. It
 * serves the tiny models under the real models' repo names, the fp32 graphs under the
 * `_quantized` file names the fetch script asks for, so scripts/fetch-models.sh can
 * be tested without the internet.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generateTinyModels } from './index.js';

export const HUB_SUMMARIZER_REPO = 'Xenova/distilbart-cnn-6-6';
export const HUB_EMBEDDER_REPO = 'Xenova/all-MiniLM-L6-v2';
export const HUB_TRANSCRIBER_REPO = 'Xenova/whisper-tiny.en';

const CONFIGS = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];

export interface FakeHub {
  url: string;
  /** Request paths in arrival order. */
  requests: string[];
  close(): Promise<void>;
}

/** `omit`: repo file paths (e.g. 'Xenova/all-MiniLM-L6-v2/onnx/model_quantized.onnx') answered with 404. */
export async function startFakeHub(dir: string, omit: string[] = []): Promise<FakeHub> {
  const tiny = await generateTinyModels(dir);
  const served = new Map<string, string>([
    ...CONFIGS.map((f) => [`${HUB_EMBEDDER_REPO}/${f}`, join(tiny.embedder, f)] as const),
    [`${HUB_EMBEDDER_REPO}/onnx/model_quantized.onnx`, join(tiny.embedder, 'onnx/model.onnx')],
    ...[...CONFIGS, 'generation_config.json'].map(
      (f) => [`${HUB_SUMMARIZER_REPO}/${f}`, join(tiny.summarizer, f)] as const,
    ),
    [
      `${HUB_SUMMARIZER_REPO}/onnx/encoder_model_quantized.onnx`,
      join(tiny.summarizer, 'onnx/encoder_model.onnx'),
    ],
    [
      `${HUB_SUMMARIZER_REPO}/onnx/decoder_model_merged_quantized.onnx`,
      join(tiny.summarizer, 'onnx/decoder_model_merged.onnx'),
    ],
    ...[...CONFIGS, 'generation_config.json', 'preprocessor_config.json'].map(
      (f) => [`${HUB_TRANSCRIBER_REPO}/${f}`, join(tiny.transcriber, f)] as const,
    ),
    ...['encoder_model', 'decoder_model_merged'].map(
      (f) =>
        [
          `${HUB_TRANSCRIBER_REPO}/onnx/${f}_quantized.onnx`,
          join(tiny.transcriber, `onnx/${f}.onnx`),
        ] as const,
    ),
  ]);
  for (const path of omit) served.delete(path);

  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://hub').pathname;
    requests.push(path);
    const file = served.get(path.replace('/resolve/main/', '/').slice(1));
    if (!file || !path.includes('/resolve/main/')) {
      res.writeHead(404).end('Entry not found');
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
