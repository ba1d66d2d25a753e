import { createHash } from 'node:crypto';
import { FileContentType, type StoredFile } from '../../../shared/api/schemas.js';
import { ApiFailure, fail } from '../auth/api-failure.js';
import type { FileRow, IdentityStore, UserRow } from '../auth/identity/identity-store.js';
import type { RoomDirectory } from '../auth/room-directory.js';
import type { Clock } from '../clock.js';
import { StorageFullError, type BlobStore } from './blob-store.js';
import { sniffType } from './sniff-type.js';
import type { StorageUsage } from './storage-usage.js';

/**
 * Files attached to rooms (doc images, chat attachments). Bytes are stored once
 * by content hash; each room keeps its own row, so a file is readable exactly by
 * the people who can read the room it was uploaded to.
 */
export class RoomFiles {
  constructor(
    private readonly deps: {
      store: IdentityStore;
      directory: RoomDirectory;
      blobs: BlobStore;
      clock: Clock;
      /** Quotas checked before an upload is stored; omit for none. */
      usage?: StorageUsage;
    },
  ) {}

  private summary(row: FileRow): StoredFile {
    return {
      id: row.id,
      contentType: FileContentType.parse(row.content_type),
      size: row.size,
      name: row.name,
      url: `/api/rooms/${row.room_id}/files/${row.id}`,
    };
  }

  async upload(
    user: UserRow,
    roomId: string,
    upload: { bytes: Uint8Array; declaredType: string; name: string },
  ): Promise<StoredFile> {
    const level = await this.deps.directory.levelFor(user.id, roomId);
    if (level === 'none') throw fail.notFound('room');
    if (level !== 'write') throw fail.forbidden('you can only read this room');
    if (upload.bytes.length === 0) throw fail.invalid('the file is empty');
    const type = sniffType(upload.bytes);
    if (!type)
      throw new ApiFailure(
        415,
        'invalid_input',
        'only PNG, JPEG, GIF, WebP and PDF files can be uploaded',
      );
    if (type !== upload.declaredType)
      throw new ApiFailure(
        415,
        'invalid_input',
        `the file's content is ${type}, not ${upload.declaredType}`,
      );
    const id = createHash('sha256').update(upload.bytes).digest('hex');
    await this.deps.usage?.checkUpload(user.id, id, upload.bytes.length);
    try {
      await this.deps.blobs.put(id, upload.bytes);
    } catch (error) {
      if (!(error instanceof StorageFullError)) throw error;
      throw fail.storageFull(
        "the relay's disk is full, so the file was not stored; try again later or ask the operator to free space",
      );
    }
    const row: FileRow = {
      room_id: roomId,
      id,
      content_type: type,
      size: upload.bytes.length,
      name: upload.name,
      uploaded_by: user.id,
      created_at: this.deps.clock.now(),
    };
    await this.deps.store.files.insert(row);
    return this.summary((await this.deps.store.files.get(roomId, id)) ?? row);
  }

  /**
   * Removes a file from a room: its uploader, or someone who manages the room. The
   * bytes are deleted once no room holds the file, and count no more [QUOTA3].
   */
  async remove(user: UserRow, roomId: string, fileId: string): Promise<void> {
    const room = await this.deps.directory.get(user, roomId);
    const row = await this.deps.store.files.get(roomId, fileId);
    if (!row) throw fail.notFound('file');
    if (row.uploaded_by !== user.id && !room.canManage)
      throw fail.forbidden('only whoever uploaded a file, or who manages the room, can delete it');
    await this.deps.store.files.delete(roomId, fileId);
    if (!(await this.deps.store.files.referenced(fileId))) await this.deps.blobs.delete(fileId);
  }

  async read(
    user: UserRow,
    roomId: string,
    fileId: string,
  ): Promise<{ file: StoredFile; bytes: Uint8Array }> {
    if ((await this.deps.directory.levelFor(user.id, roomId)) === 'none')
      throw fail.notFound('room');
    const row = await this.deps.store.files.get(roomId, fileId);
    const bytes = row ? await this.deps.blobs.get(row.id) : null;
    if (!row || !bytes) throw fail.notFound('file');
    return { file: this.summary(row), bytes };
  }
}
