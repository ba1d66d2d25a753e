import type { FileRow } from './rows.js';

/** What is known of each file uploaded to a room (the bytes live in a BlobStore). */
export interface FileStore {
  get(roomId: string, id: string): Promise<FileRow | undefined>;
  /** Keeps the first row when the same file is uploaded to the same room again. */
  insert(row: FileRow): Promise<void>;
}
