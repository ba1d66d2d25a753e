/**
 * Messages between the app and the AI worker (ai.worker.ts). Every request carries
 * an id; the worker answers it with exactly one `result` or `error`, and may send
 * `progress` for it first while model files download, and `step` while it works
 * through a long job (a transcription's 30-second windows).
 */
import type { ModelRole } from '../../../../../shared/api/schemas.js';

/** Which installed model to run (an entry of GET /api/models). */
export interface ModelRef {
  name: string;
  role: ModelRole;
  dtype: string;
}

export type WorkerRequest =
  /** Download (or read from the browser cache) and initialise a model. */
  | { type: 'load'; id: number; model: ModelRef }
  | { type: 'summarize'; id: number; model: ModelRef; text: string; maxNewTokens: number }
  /** Mean-pooled, normalised sentence embeddings, one per text. */
  | { type: 'embed'; id: number; model: ModelRef; texts: string[] }
  /** 16 kHz mono samples (decode-audio.ts); the buffer is transferred, not copied. */
  | { type: 'transcribe'; id: number; model: ModelRef; audio: Float32Array };

export type Device = 'webgpu' | 'wasm';

export type WorkerResult =
  | { kind: 'loaded'; device: Device }
  | { kind: 'summary'; text: string }
  | { kind: 'embeddings'; dimensions: number; vectors: Float32Array[] }
  | { kind: 'transcript'; text: string };

/**
 * no-model: the relay has no such model file (404); load-failed: the files are there
 * but could not be read as a model (corrupt, wrong layout); run-failed: inference
 * threw; bad-request: the app sent something the worker does not understand.
 */
export type WorkerErrorCode = 'no-model' | 'load-failed' | 'run-failed' | 'bad-request';

export type WorkerResponse =
  | { type: 'progress'; id: number; file: string; loaded: number; total: number }
  | { type: 'step'; id: number; done: number; total: number }
  | { type: 'result'; id: number; result: WorkerResult }
  | { type: 'error'; id: number; code: WorkerErrorCode; message: string };
