/// <reference lib="webworker" />
/**
 * Runs Transformers.js off the main thread. Models come only from our relay
 * (/models/<name>/, filled by the operator) and the ONNX runtime's wasm files only
 * from our own build (Vite emits them under /assets/); remote model hubs and CDNs are
 * switched off, and the Content-Security-Policy would refuse them anyway. Downloaded
 * files stay in the browser's Cache API, so models work offline once loaded.
 */
import {
  env,
  pipeline,
  type AutomaticSpeechRecognitionPipeline,
  type FeatureExtractionPipeline,
  type ProgressInfo,
  type SummarizationPipeline,
} from '@huggingface/transformers';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type {
  Device,
  ModelRef,
  WorkerErrorCode,
  WorkerRequest,
  WorkerResponse,
  WorkerResult,
} from './protocol.js';
import { transcribe } from './transcribe.js';

declare const self: DedicatedWorkerGlobalScope;

const origin = self.location.origin;
env.allowRemoteModels = false;
env.allowLocalModels = true;
// A path, not a URL: Transformers.js treats a URL here as remote and then cannot
// see (with remote models off) which files exist, such as the tokenizer.
env.localModelPath = '/models/';
env.useBrowserCache = true;
// Transformers.js would turn the runtime's glue script into a blob: URL to cache it,
// which our Content-Security-Policy (script-src 'self') rightly refuses. The service
// worker caches the runtime files instead (vite.config.ts), so it still works offline.
env.useWasmCache = false;
const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown; proxy?: boolean } };
if (onnx.wasm) {
  onnx.wasm.wasmPaths = {
    mjs: new URL(ortMjsUrl, origin).href,
    wasm: new URL(ortWasmUrl, origin).href,
  };
}

class WorkerFailure extends Error {
  constructor(
    readonly code: WorkerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type Loaded =
  | { role: 'summarizer'; device: Device; run: SummarizationPipeline }
  | { role: 'embedder'; device: Device; run: FeatureExtractionPipeline }
  | { role: 'transcriber'; device: Device; run: AutomaticSpeechRecognitionPipeline };

const loaded = new Map<string, Promise<Loaded>>();
let webgpu: Promise<boolean> | null = null;

/** WebGPU when the browser has a usable adapter; WASM otherwise. */
function hasWebGpu(): Promise<boolean> {
  webgpu ??= (async () => {
    const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    if (!gpu) return false;
    try {
      return (await gpu.requestAdapter()) !== null;
    } catch {
      return false;
    }
  })();
  return webgpu;
}

function post(message: WorkerResponse, transfer: Transferable[] = []) {
  self.postMessage(message, transfer);
}

function failureOf(error: unknown, fallback: WorkerErrorCode): WorkerFailure {
  if (error instanceof WorkerFailure) return error;
  const message = error instanceof Error ? error.message : String(error);
  // Transformers.js says "file was not found locally" when the relay answers 404.
  if (/not found|404|ModelFileNotFound/i.test(message)) {
    return new WorkerFailure(
      'no-model',
      `a file of this model is missing on the relay: ${message}`,
    );
  }
  return new WorkerFailure(fallback, message);
}

async function create(model: ModelRef, device: Device, id: number): Promise<Loaded> {
  const options = {
    device,
    dtype: model.dtype as 'fp32',
    progress_callback: (info: ProgressInfo) => {
      if (info.status === 'progress') {
        post({ type: 'progress', id, file: info.file, loaded: info.loaded, total: info.total });
      }
    },
  };
  if (model.role === 'summarizer') {
    return {
      role: 'summarizer',
      device,
      run: await pipeline('summarization', model.name, options),
    };
  }
  if (model.role === 'transcriber') {
    return {
      role: 'transcriber',
      device,
      run: await pipeline('automatic-speech-recognition', model.name, options),
    };
  }
  return {
    role: 'embedder',
    device,
    run: await pipeline('feature-extraction', model.name, options),
  };
}

function load(model: ModelRef, id: number): Promise<Loaded> {
  const key = `${model.name}@${model.dtype}`;
  let entry = loaded.get(key);
  if (!entry) {
    entry = (async () => {
      if (await hasWebGpu()) {
        try {
          return await create(model, 'webgpu', id);
        } catch {
          // Some operators are missing on some GPUs: the WASM backend runs everything.
        }
      }
      return create(model, 'wasm', id);
    })();
    loaded.set(key, entry);
    // A failed load may succeed later (the operator adds the file): do not keep it.
    entry.catch(() => loaded.delete(key));
  }
  return entry;
}

async function handle(
  request: WorkerRequest,
): Promise<{ result: WorkerResult; transfer?: Transferable[] }> {
  let model: Loaded;
  try {
    model = await load(request.model, request.id);
  } catch (error) {
    throw failureOf(error, 'load-failed');
  }
  if (request.type === 'load') return { result: { kind: 'loaded', device: model.device } };
  try {
    if (request.type === 'summarize') {
      if (model.role !== 'summarizer') throw new WorkerFailure('bad-request', 'not a summarizer');
      const output = await model.run(request.text, { max_new_tokens: request.maxNewTokens });
      const first = (Array.isArray(output) ? output[0] : output) as { summary_text?: string };
      return { result: { kind: 'summary', text: (first?.summary_text ?? '').trim() } };
    }
    if (request.type === 'transcribe') {
      if (model.role !== 'transcriber') throw new WorkerFailure('bad-request', 'not a transcriber');
      const text = await transcribe(model.run, request.audio, (done, total) =>
        post({ type: 'step', id: request.id, done, total }),
      );
      return { result: { kind: 'transcript', text } };
    }
    if (model.role !== 'embedder') throw new WorkerFailure('bad-request', 'not an embedder');
    if (request.texts.length === 0) {
      return { result: { kind: 'embeddings', dimensions: 0, vectors: [] } };
    }
    const tensor = await model.run(request.texts, { pooling: 'mean', normalize: true });
    const dimensions = tensor.dims[tensor.dims.length - 1] ?? 0;
    const data = tensor.data as Float32Array;
    const vectors = request.texts.map((_, i) =>
      Float32Array.from(data.subarray(i * dimensions, (i + 1) * dimensions)),
    );
    return {
      result: { kind: 'embeddings', dimensions, vectors },
      transfer: vectors.map((v) => v.buffer),
    };
  } catch (error) {
    throw failureOf(error, 'run-failed');
  }
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (!request || typeof request.id !== 'number' || !request.model) {
    post({
      type: 'error',
      id: typeof request?.id === 'number' ? request.id : -1,
      code: 'bad-request',
      message: 'malformed request',
    });
    return;
  }
  handle(request).then(
    ({ result, transfer }) => post({ type: 'result', id: request.id, result }, transfer),
    (error: unknown) => {
      const failure = failureOf(error, 'run-failed');
      post({ type: 'error', id: request.id, code: failure.code, message: failure.message });
    },
  );
});
