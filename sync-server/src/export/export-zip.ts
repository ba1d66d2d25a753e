import { createHash, type Hash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** The reader went away (the browser tab closed, the file could not be written). */
export class ExportAborted extends Error {
  constructor() {
    super('the export was cancelled: nobody is reading it any more');
    this.name = 'ExportAborted';
  }
}

export interface ZipEntryRecord {
  path: string;
  bytes: number;
  sha256: string;
}

/** One file being written into the ZIP, chunk by chunk. */
export interface ZipEntryWriter {
  push(chunk: string | Uint8Array): Promise<void>;
  end(): Promise<void>;
}

/**
 * A ZIP written as a stream with fflate's streaming Zip: entries one after the other,
 * each in as many chunks as its writer likes, so that only the chunk at hand is in
 * memory. `stream` is what the HTTP response or the file reads; every write waits
 * while the reader is behind (backpressure), and fails with ExportAborted once the
 * reader is gone, so the export stops instead of filling memory. Every entry is
 * recorded with its size and SHA-256 for the manifest.
 */
export class ExportZip {
  readonly stream = new PassThrough({ highWaterMark: 1 << 20 });
  readonly entries: ZipEntryRecord[] = [];
  private readonly zip: Zip;
  private readonly paths = new Set<string>();
  private failure: Error | null = null;

  constructor() {
    this.zip = new Zip((error, chunk, final) => {
      if (error) return void this.stream.destroy(error);
      this.stream.write(chunk);
      if (final) this.stream.end();
    });
    this.stream.on('close', () => {
      if (!this.stream.writableFinished) this.failure ??= new ExportAborted();
    });
    this.stream.on('error', (error) => (this.failure ??= error));
  }

  /** `path` made unique within the ZIP: "a.md", then "a (2).md", "a (3).md"… */
  unique(path: string): string {
    const dot = path.lastIndexOf('.');
    const slash = path.lastIndexOf('/');
    const [stem, ext] = dot > slash + 1 ? [path.slice(0, dot), path.slice(dot)] : [path, ''];
    let candidate = path;
    for (let n = 2; this.paths.has(candidate.toLowerCase()); n++)
      candidate = `${stem} (${n})${ext}`;
    this.paths.add(candidate.toLowerCase());
    return candidate;
  }

  /** Opens an entry at `path` (already unique); images and PDFs are stored, not deflated. */
  open(path: string, compress = true): ZipEntryWriter {
    const file = compress ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
    this.zip.add(file);
    const hash: Hash = createHash('sha256');
    let bytes = 0;
    const write = async (chunk: string | Uint8Array, final: boolean) => {
      if (this.failure) throw this.failure;
      const data = typeof chunk === 'string' ? strToU8(chunk) : chunk;
      hash.update(data);
      bytes += data.length;
      file.push(data, final);
      await this.drained();
    };
    return {
      push: (chunk) => write(chunk, false),
      end: async () => {
        await write(new Uint8Array(0), true);
        this.entries.push({ path, bytes, sha256: hash.digest('hex') });
      },
    };
  }

  /** Writes a whole entry at once. */
  async add(path: string, data: string | Uint8Array, compress = true): Promise<void> {
    const entry = this.open(path, compress);
    await entry.push(data);
    await entry.end();
  }

  /** Ends the ZIP (its central directory); the stream ends when the reader has it all. */
  end(): void {
    this.zip.end();
  }

  /** Stops the ZIP early: the reader gets an error instead of a truncated file that looks whole. */
  abort(error: Error): void {
    this.failure ??= error;
    this.stream.destroy(error);
  }

  private async drained(): Promise<void> {
    if (!this.stream.writableNeedDrain) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('close', done);
    });
    if (this.failure) throw this.failure;
  }
}
