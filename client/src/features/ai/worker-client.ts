import type {
  ModelRef,
  WorkerErrorCode,
  WorkerRequest,
  WorkerResponse,
  WorkerResult,
} from './worker/protocol.js';

/** A failed AI request, with the worker's code (protocol.ts) or `worker-crashed`. */
export class AiError extends Error {
  constructor(
    readonly code: WorkerErrorCode | 'worker-crashed',
    message: string,
  ) {
    super(message);
    this.name = 'AiError';
  }
}

export interface FileProgress {
  file: string;
  loaded: number;
  total: number;
}

type Body = WorkerRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

/** Callbacks while a request runs: model file downloads, and steps of a long job. */
export interface RequestHandlers {
  onProgress?: (progress: FileProgress) => void;
  onStep?: (done: number, total: number) => void;
}

interface Pending extends RequestHandlers {
  resolve(result: WorkerResult): void;
  reject(error: AiError): void;
}

/**
 * The app's side of the AI worker: one worker, started on first use, requests matched
 * to answers by id. If the worker dies (out of memory on a weak device), every
 * waiting request fails with `worker-crashed` and the next one starts a new worker.
 */
export class AiWorkerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly spawn: () => Worker) {}

  /** `transfer` hands buffers (recorded audio) to the worker instead of copying them. */
  request(
    body: Body,
    handlers: RequestHandlers = {},
    transfer: Transferable[] = [],
  ): Promise<WorkerResult> {
    const id = this.nextId++;
    const worker = this.ensureWorker();
    return new Promise<WorkerResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...handlers });
      worker.postMessage({ ...body, id }, transfer);
    });
  }

  load(model: ModelRef, onProgress?: (progress: FileProgress) => void) {
    return this.request({ type: 'load', model }, onProgress ? { onProgress } : {});
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.failAll('the AI worker was stopped');
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.spawn();
    worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) =>
      this.receive(event.data),
    );
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      if (this.worker === worker) this.worker = null;
      worker.terminate();
      this.failAll(`the AI worker stopped: ${event.message || 'unknown error'}`);
    });
    this.worker = worker;
    return worker;
  }

  private receive(message: WorkerResponse): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === 'progress') {
      pending.onProgress?.({ file: message.file, loaded: message.loaded, total: message.total });
      return;
    }
    if (message.type === 'step') {
      pending.onStep?.(message.done, message.total);
      return;
    }
    this.pending.delete(message.id);
    if (message.type === 'result') pending.resolve(message.result);
    else pending.reject(new AiError(message.code, message.message));
  }

  private failAll(message: string): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(new AiError('worker-crashed', message));
  }
}
