import type { FileRow } from './rows.js';

/** What is known of each file uploaded to a room (the bytes live in a BlobStore). */
export interface FileStore {
  get(roomId: string, id: string): Promise<FileRow | undefined>;
  /** Keeps the first row when the same file is uploaded to the same room again. */
  insert(row: FileRow): Promise<void>;
  /** The room's files uploaded before `before` (ms), oldest first [RETAIN5]. */
  uploadedBefore(roomId: string, before: number): Promise<FileRow[]>;
  /** Removes the room's row; true when there was one. */
  delete(roomId: string, id: string): Promise<boolean>;
  /** True while any room still has a row for these bytes (they are stored once). */
  referenced(id: string): Promise<boolean>;
  /** Bytes stored for files: each distinct file once, however many rooms hold it [QUOTA1]. */
  storedBytes(): Promise<number>;
  /** Bytes of the files each person uploaded (each of their distinct files once) [QUOTA2]. */
  uploadedBytes(): Promise<Map<string, number>>;
}
